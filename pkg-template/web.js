// `cnid-verify/web`: the wasm-bindgen `web` target without automatic initialisation, for workers,
// CDNs you host and custom loading: `await init({ module_or_path })` (idempotent) before the first
// call. The public API is the facade over the generated module (facade.js). The list of names is
// checked against the facade by scripts/assemble-pkg.mjs.
import * as raw from './web/cnid_verify.js';
import { makeApi } from './facade.js';

export { default, initSync } from './web/cnid_verify.js';

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
