// `cnid-verify/web`: the full build without automatic initialisation, for workers, CDNs you host
// and custom loading: `await init()` (idempotent; default: the package's .wasm next to this file) or
// `await init({ module_or_path })`, or `initSync({ module })`, before the first call, which
// otherwise throws NOT_INITIALISED. The default export is init. The API is web-core.js's (one
// instance per page, shared with browser.js and inline.js); this module adds the default .wasm
// location. The list of names is checked by scripts/assemble-pkg.mjs.
import { init as initCore } from './web-core.js';

export {
  NUMBER_PATTERN,
  TrustStore,
  ageAt,
  checkNumber,
  checkNumbers,
  generateNumber,
  initSync,
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

/** Initialises from `input`, or from the package's .wasm next to this module (idempotent). */
export async function init(input) {
  await initCore(input ?? { module_or_path: new URL('./cnid_verify_bg.wasm', import.meta.url) });
}

export default init;
