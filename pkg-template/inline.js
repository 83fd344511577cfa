// `cnid-verify/inline`: the full build with its .wasm inside JavaScript (inline/cnid_verify_wasm.js,
// gzip + base64, written by scripts/assemble-pkg.mjs from the package's one cnid_verify_bg.wasm), for
// bundlers and runtimes that do not follow `new URL(..., import.meta.url)` (esbuild, Rollup without
// plugins) or lack top-level await (esbuild iife, older webpack and Vite targets). No fetch, no URL,
// no asset to host: `await init()` (idempotent) before the first call, which
// otherwise throws NOT_INITIALISED. It re-exports web-core.js, the API of `cnid-verify/web` without its
// default .wasm URL (so bundlers emit no .wasm asset; one instance per page). The list of names is checked by scripts/assemble-pkg.mjs.
import { inlineInit } from './facade.js';
import { init as initWeb } from './web-core.js';
import { wasmResponse } from './inline/cnid_verify_wasm.js';

export {
  NUMBER_PATTERN,
  TrustStore,
  ageAt,
  checkNumber,
  checkNumbers,
  generateNumber,
  isValidNumber,
  maskNumber,
  parseChipText,
  rebuildFpr15,
  upgradeResident15,
  verifyDump,
  verifyDumpAsync,
  verifyDumps,
  verifyDumpsAsync,
  version,
} from './web-core.js';

/** Instantiates the carried .wasm (idempotent, asynchronous only: see facade.js inlineInit). */
export const init = inlineInit(initWeb, wasmResponse);

export default init;
