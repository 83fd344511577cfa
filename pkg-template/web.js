// `cnid-verify/web`: the wasm-bindgen `web` target without automatic initialisation, for workers,
// CDNs you host and custom loading: `await init({ module_or_path })` (idempotent; default: the
// package's .wasm next to this file) or `initSync({ module })` before the first call, which
// otherwise throws NOT_INITIALISED. The default export is init. The public API is the facade over the
// generated module (facade.js); browser.js and inline.js re-export this module (one instance per
// page). The list of names is checked against the facade by scripts/assemble-pkg.mjs.
import * as raw from './web/cnid_verify.js';
import { makeApi } from './facade.js';

export const {
  TrustStore,
  checkNumber,
  checkNumbers,
  init,
  initSync,
  isValidNumber,
  parseChipText,
  verifyDump,
  verifyDumps,
  version,
} = makeApi(raw, { init: raw.default, initSync: raw.initSync });

export default init;
