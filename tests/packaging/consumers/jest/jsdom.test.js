/**
 * The jsdom environment, no other configuration. Jest 30 resolves require() with the `node`
 * condition in every environment (before the environment's own, `browser` for jsdom): the
 * exports map lists `node` first, so this loads node.cjs / numbers.cjs and passes. Jest 29
 * resolves with `require`, `default` and `browser` only: browser.js / numbers.js, ES modules
 * (top-level await) that its CommonJS mode cannot parse, so this file FAILS there without one of
 * the recipes that runners.test.mjs tests (jsdom-docblock.test.js, moduleNameMapper, options).
 * @jest-environment jsdom
 */
'use strict';
require('./scenario.js').scenarioTests('jsdom');
