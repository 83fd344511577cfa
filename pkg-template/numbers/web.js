// `cnid-verify/numbers/web`: the numbers-only build without automatic initialisation (no top-level
// await: for bundlers and runtimes that do not support it, workers and custom loading): call
// `await init()` (idempotent; default: the package's numbers .wasm, or pass `{ module_or_path }`)
// or `initSync({ module })` before the first check, which otherwise throws NOT_INITIALISED. The API
// is numbers/web-core.js's (one instance, shared with numbers.js and numbers/inline.js). The list of
// names is checked by scripts/assemble-pkg.mjs.
import { init as initCore } from './web-core.js';

export {
  NUMBER_PATTERN,
  ageAt,
  checkNumber,
  checkNumbers,
  initSync,
  isValidNumber,
  maskNumber,
  rebuildFpr15,
  upgradeResident15,
  version,
} from './web-core.js';

/** Initialises from `input`, or from the package's numbers .wasm (idempotent). */
export async function init(input) {
  await initCore(input ?? { module_or_path: new URL('../cnid_verify_numbers_bg.wasm', import.meta.url) });
}

export default init;
