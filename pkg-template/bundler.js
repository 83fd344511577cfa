// `cnid-verify/bundler`: the wasm-bindgen `bundler` target (ESM-wasm integration: webpack's
// asyncWebAssembly, vite-plugin-wasm). The public API is the facade over the generated module
// (facade.js). The list of names is checked against the facade by scripts/assemble-pkg.mjs.
import * as raw from './bundler/cnid_verify.js';
import { makeApi } from './facade.js';

export const {
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
} = makeApi(raw);
