// `cnid-verify/inline`: the full build with its .wasm inside JavaScript (inline/cnid_verify_wasm.js,
// gzip + base64, written by scripts/assemble-pkg.mjs from the package's one cnid_verify_bg.wasm), for
// bundlers and runtimes that do not follow `new URL(..., import.meta.url)` (esbuild, Rollup without
// plugins) or lack top-level await (esbuild iife, older webpack and Vite targets). No fetch, no URL,
// no asset to host: `await init()` (idempotent) before the first call, which
// otherwise throws NOT_INITIALISED. It re-exports web-core.js, the API of `cnid-verify/web` without its
// default .wasm URL (so bundlers emit no .wasm asset; one instance per page). The list of names is checked by scripts/assemble-pkg.mjs.
import { init as initWeb } from './web-core.js';
import { wasmResponse } from './inline/cnid_verify_wasm.js';

export {
  TrustStore,
  checkNumber,
  checkNumbers,
  isValidNumber,
  parseChipText,
  verifyDump,
  verifyDumps,
  version,
} from './web-core.js';

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
