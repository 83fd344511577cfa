// `cnid-verify/inline`: the full build with its .wasm inside JavaScript (inline/cnid_verify_wasm.js,
// base64, written by scripts/assemble-pkg.mjs from the package's one cnid_verify_bg.wasm), for
// bundlers and runtimes that do not follow `new URL(..., import.meta.url)` (esbuild, Rollup without
// plugins) or lack top-level await (esbuild iife, older webpack and Vite targets). No fetch, no URL,
// no asset to host: `await init()` or `initSync()` (idempotent) before the first call, which
// otherwise throws NOT_INITIALISED. It re-exports `cnid-verify/web` (one instance per page, whichever
// entry initialises it). The list of names is checked by scripts/assemble-pkg.mjs.
import { init as initWeb, initSync as initWebSync } from './web.js';
import { wasmBytes } from './inline/cnid_verify_wasm.js';

export {
  TrustStore,
  checkNumber,
  checkNumbers,
  isValidNumber,
  parseChipText,
  verifyDump,
  verifyDumps,
  version,
} from './web.js';

let loaded = false;

/** Instantiates the inlined .wasm asynchronously (idempotent). */
export async function init() {
  if (loaded) return;
  await initWeb({ module_or_path: wasmBytes() });
  loaded = true;
}

/** Instantiates it synchronously (Node, workers; browsers may refuse large modules on the main thread). */
export function initSync() {
  if (loaded) return;
  initWebSync({ module: wasmBytes() });
  loaded = true;
}

export default init;
