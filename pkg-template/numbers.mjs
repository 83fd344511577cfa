// `cnid-verify/numbers` in Node, ESM: re-exports numbers.cjs, so `import` and `require` share one
// instance. The list of names is checked against the facade by scripts/assemble-pkg.mjs.
import numbers from './numbers.cjs';

export const { checkNumber, checkNumbers, init, isValidNumber, upgradeResident15, version } = numbers;
