// Node, ESM: re-exports the CommonJS build (node.cjs), so `import` and `require` share ONE wasm
// instance and one TrustStore class. The list of names is checked against the generated module
// by scripts/assemble-pkg.mjs at build time.
import cnid from './node.cjs';

export const {
  TrustStore,
  checkNumber,
  checkNumbers,
  init,
  isValidNumber,
  parseChipText,
  upgradeResident15,
  verifyDump,
  verifyDumps,
  version,
} = cnid;
