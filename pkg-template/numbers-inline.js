// `cnid-verify/numbers/inline`: the numbers-only build with its .wasm inside JavaScript
// (inline/cnid_verify_numbers_wasm.js, base64, written by scripts/assemble-pkg.mjs from the
// package's one cnid_verify_numbers_bg.wasm): no fetch, no URL, no top-level await. `await init()` or
// `initSync()` (idempotent) before the first check, which otherwise throws NOT_INITIALISED. It
// re-exports `cnid-verify/numbers/web` (one instance). The names are checked by
// scripts/assemble-pkg.mjs.
import { init as initWeb, initSync as initWebSync } from './numbers-web.js';
import { wasmBytes } from './inline/cnid_verify_numbers_wasm.js';

export { checkNumber, checkNumbers, isValidNumber, version } from './numbers-web.js';

let loaded = false;

/** Instantiates the inlined .wasm asynchronously (idempotent). */
export async function init() {
  if (loaded) return;
  await initWeb({ module_or_path: wasmBytes() });
  loaded = true;
}

/** Instantiates it synchronously (86 KB: small enough for any thread). */
export function initSync() {
  if (loaded) return;
  initWebSync({ module: wasmBytes() });
  loaded = true;
}

export default init;
