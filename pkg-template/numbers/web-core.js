// The number API over the wasm-bindgen `web` output of the numbers-only build, without automatic
// initialisation and WITHOUT any .wasm location (the generated default URL is removed by
// scripts/assemble-pkg.mjs), so cnid-verify/numbers/inline makes bundlers emit no .wasm asset.
// numbers/web.js adds the default location. One module instance per page.
import * as raw from './web/cnid_verify_numbers.js';
import { makeNumbersApi } from '../facade.js';

export const {
  NUMBER_PATTERN,
  ageAt,
  checkNumber,
  checkNumbers,
  init,
  initSync,
  isValidNumber,
  maskNumber,
  rebuildFpr15,
  upgradeResident15,
  version,
} = makeNumbersApi(raw, {
  init: raw.default,
  initSync: raw.initSync,
});
