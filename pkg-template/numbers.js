// `cnid-verify/numbers` in browsers and bundlers: the numbers-only build (no chip, dump or trust
// code), initialised at module evaluation (top-level await) from the package's one numbers .wasm.
// It re-exports `cnid-verify/numbers/web` (one instance). The list of names is checked against
// the facade by scripts/assemble-pkg.mjs.
import { init } from './numbers/web.js';

export {
  NUMBER_PATTERN,
  ageAt,
  checkNumber,
  checkNumbers,
  init,
  isValidNumber,
  maskNumber,
  rebuildFpr15,
  upgradeResident15,
  version,
} from './numbers/web.js';

await init(); // numbers/web.js's default: the package's numbers .wasm
