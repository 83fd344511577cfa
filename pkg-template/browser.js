// Browsers and bundlers without a `node` condition: the wasm-bindgen `web` target, initialised at
// module evaluation (top-level await), so every export is ready to call once the import resolves
// (an importer of this module is evaluated only after the `await` below has finished).
// Bundlers (webpack 5, Vite, Rollup, esbuild with a file loader) emit the .wasm as an asset from the
// `new URL(..., import.meta.url)` below. `init` is idempotent: importing `cnid-verify/web` and calling
// its default export again is harmless.
// The list of names is checked against the generated module by scripts/assemble-pkg.mjs.
import init from './web/cnid_verify.js';

export {
  TrustStore,
  checkNumber,
  checkNumbers,
  isValidNumber,
  parseChipText,
  verifyDump,
  verifyDumps,
  version,
} from './web/cnid_verify.js';

await init({ module_or_path: new URL('./web/cnid_verify_bg.wasm', import.meta.url) });
