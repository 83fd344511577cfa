// Node, ESM: re-exports the CommonJS build (node.cjs), so `import` and `require` share ONE wasm
// instance and one TrustStore class. The list of names is checked against the generated module
// by scripts/assemble-pkg.mjs at build time.
import cnid from './node.cjs';

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
} = cnid;
