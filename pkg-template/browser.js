// Browsers and bundlers without a `node` condition: `cnid-verify/web` (web.js), initialised at
// module evaluation (top-level await), so every export is ready to call once the import resolves
// (an importer of this module is evaluated only after the `await` below has finished). It is the
// very module instance of `cnid-verify/web`: one wasm instance and one TrustStore class per page.
// Bundlers (webpack 5, Vite, Parcel) emit the .wasm as an asset from web.js's
// `new URL(..., import.meta.url)`; init() is idempotent. The list of names is checked
// against the facade by scripts/assemble-pkg.mjs.
import init from './web.js';

export {
  NUMBER_PATTERN,
  TrustStore,
  ageAt,
  checkNumber,
  checkNumbers,
  generateNumber,
  init,
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
} from './web.js';

await init(); // web.js's default: the package's .wasm, from a new URL(..., import.meta.url) bundlers follow
