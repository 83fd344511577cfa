// `cnid-verify/numbers` in Node, ESM: re-exports numbers.cjs, so `import` and `require` share one
// instance. The list of names is checked against the facade by scripts/assemble-pkg.mjs.
import numbers from './numbers.cjs';

export const {
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
} = numbers;
