// `cnid-verify/numbers/inline`: the numbers-only build with its .wasm inside JavaScript
// (inline/cnid_verify_numbers_wasm.js, gzip + base64, written by scripts/assemble-pkg.mjs from the
// package's one cnid_verify_numbers_bg.wasm): no fetch, no URL, no top-level await. `await init()`
// (idempotent) before the first check, which otherwise throws NOT_INITIALISED. It
// re-exports `cnid-verify/numbers/web` (one instance). The names are checked by
// scripts/assemble-pkg.mjs.
import { inlineInit } from '../facade.js';
import { init as initWeb } from './web-core.js';
import { wasmResponse } from '../inline/cnid_verify_numbers_wasm.js';

export {
  NUMBER_PATTERN,
  ageAt,
  checkNumber,
  checkNumbers,
  isValidNumber,
  maskNumber,
  rebuildFpr15,
  upgradeResident15,
  version,
} from './web-core.js';

/** Instantiates the carried .wasm (idempotent, asynchronous only: see facade.js inlineInit). */
export const init = inlineInit(initWeb, wasmResponse);

export default init;
