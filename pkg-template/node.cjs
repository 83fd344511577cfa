'use strict';
// Node, CommonJS: the wasm-bindgen `nodejs` target (loads the .wasm synchronously with fs), behind
// the public facade (facade.cjs). node.mjs re-exports this very module, so `require` and `import`
// share ONE wasm instance (and one TrustStore class) in a process: no dual-package hazard.
// The curve step of ES256 runs on node:crypto (README "Engines"; `engine: 'wasm'` forces p256).
const facade = require('./facade.cjs');
const raw = require('./nodejs/cnid_verify.js');

raw.setHostCurveEngine(facade.nodeCurveEngine(require('node:crypto')));
module.exports = facade.makeApi(raw, undefined, true);
