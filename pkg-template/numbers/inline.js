// `cnid-verify/numbers/inline`: the numbers-only build with its .wasm inside JavaScript
// (inline/cnid_verify_numbers_wasm.js, gzip + base64, written by scripts/assemble-pkg.mjs from the
// package's one cnid_verify_numbers_bg.wasm): no fetch, no URL, no top-level await. `await init()`
// (idempotent) before the first check, which otherwise throws NOT_INITIALISED. It
// re-exports `cnid-verify/numbers/web` (one instance). The names are checked by
// scripts/assemble-pkg.mjs.
import { init as initWeb } from './web-core.js';
import { wasmResponse } from '../inline/cnid_verify_numbers_wasm.js';

export { checkNumber, checkNumbers, isValidNumber, version } from './web-core.js';

/**
 * Instantiates the inlined .wasm (idempotent). Asynchronous only: the carrier is gzip-compressed and
 * DecompressionStream has no synchronous form (for a synchronous start, use the web entry's
 * initSync({ module: bytes }) with bytes you load yourself).
 */
let loaded = false;
export async function init() {
  if (loaded) return;
  await initWeb({ module_or_path: wasmResponse() });
  loaded = true;
}

export default init;
