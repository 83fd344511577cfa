'use strict';
// `cnid-verify/numbers` in Node, CommonJS: the numbers-only build (no chip, dump or trust code: a
// tenth of the full .wasm), behind the facade. numbers.mjs re-exports this module: one instance.
module.exports = require('./facade.cjs').makeNumbersApi(require('./numbers/nodejs/cnid_verify_numbers.js'));
