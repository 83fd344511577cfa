/**
 * The jsdom environment with the per-file recipe for Jest 29: resolve the exports map with the
 * `node` condition (Jest adds `require` and `default`), which picks node.cjs / numbers.cjs, the
 * CommonJS Node entries (they load the .wasm with fs). The DOM globals stay jsdom's.
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node"]}
 */
'use strict';
require('./scenario.js').scenarioTests('jsdom-docblock');
