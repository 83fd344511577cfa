// Browsers and bundlers without a `node` condition: the wasm-bindgen `web` target, initialised at
// module evaluation (top-level await), so every export is ready to call once the import resolves
// (an importer of this module is evaluated only after the `await` below has finished).
// Bundlers (webpack 5, Vite, Rollup, esbuild with a file loader) emit the .wasm as an asset from the
// `new URL(..., import.meta.url)` below. The public API is the facade over the generated module
// (facade.js). The list of names is checked against the facade by scripts/assemble-pkg.mjs.
import init, * as raw from './web/cnid_verify.js';
import { makeApi } from './facade.js';

await init({ module_or_path: new URL('./web/cnid_verify_bg.wasm', import.meta.url) });

export const {
  TrustStore,
  checkNumber,
  checkNumbers,
  isValidNumber,
  parseChipText,
  verifyDump,
  verifyDumps,
  version,
} = makeApi(raw);
