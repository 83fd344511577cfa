// Vitest's default environment (node), no configuration.
import { scenarioTests } from './scenario.js';

scenarioTests('vitest-node');
