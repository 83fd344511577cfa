'use strict';
// Node, CommonJS: the wasm-bindgen `nodejs` target (loads the .wasm synchronously with fs), behind
// the public facade (facade.cjs). node.mjs re-exports this very module, so `require` and `import`
// share ONE wasm instance (and one TrustStore class) in a process: no dual-package hazard.
module.exports = require('./facade.cjs').makeApi(require('./nodejs/cnid_verify.js'));
