// `cnid-verify/numbers/web`: the numbers-only build without automatic initialisation (no top-level
// await: for bundlers and runtimes that do not support it, workers and custom loading): call
// `await init()` (idempotent; default: the package's numbers .wasm next to this file, or pass
// `{ module_or_path }`) or `initSync({ module })` before the first check, which otherwise throws
// NOT_INITIALISED. numbers.js and numbers-inline.js re-export this module (one instance). The list
// of names is checked against the facade by scripts/assemble-pkg.mjs.
import * as raw from './numbers/web/cnid_verify_numbers.js';
import { makeNumbersApi } from './facade.js';

export const { checkNumber, checkNumbers, init, initSync, isValidNumber, version } = makeNumbersApi(raw, {
  init: raw.default,
  initSync: raw.initSync,
});

export default init;
