// The public API over the wasm-bindgen `web` output of the full build, without automatic
// initialisation and WITHOUT any .wasm location: the generated module's default
// `new URL(…, import.meta.url)` is removed by scripts/assemble-pkg.mjs, so an import graph that
// reaches only this module (cnid-verify/inline) makes bundlers emit no .wasm asset. web.js adds the
// default location; browser.js and inline.js build on the two. One module instance per page.
import * as raw from './web/cnid_verify.js';
import { makeApi } from './facade.js';

export const {
  NUMBER_PATTERN,
  TrustStore,
  ageAt,
  checkNumber,
  checkNumbers,
  generateNumber,
  init,
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
} = makeApi(raw, { init: raw.default, initSync: raw.initSync });
