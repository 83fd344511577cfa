/**
 * Jest's default environment (node) and mode (CommonJS), no configuration.
 * @jest-environment node
 */
'use strict';
require('./scenario.js').scenarioTests('node');
