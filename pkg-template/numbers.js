// `cnid-verify/numbers` in browsers and bundlers: the numbers-only build (no chip, dump or trust
// code), the wasm-bindgen `web` target initialised at module evaluation (top-level await) from the
// package's one numbers .wasm. The list of names is checked against the facade by
// scripts/assemble-pkg.mjs.
import init, * as raw from './numbers/web/cnid_verify_numbers.js';
import { makeNumbersApi } from './facade.js';

await init({ module_or_path: new URL('./cnid_verify_numbers_bg.wasm', import.meta.url) });

export const { checkNumber, checkNumbers, isValidNumber, version } = makeNumbersApi(raw);
