// @vitest-environment jsdom
// The jsdom environment, no other configuration.
import { scenarioTests } from './scenario.js';

scenarioTests('vitest-jsdom');
