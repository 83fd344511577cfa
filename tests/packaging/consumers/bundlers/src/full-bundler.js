// cnid-verify/bundler: the wasm-bindgen bundler target (import of the .wasm as an ES module).
import * as cnid from 'cnid-verify/bundler';
import { full, report } from './scenario.js';

report(full(cnid, 'cnid-verify/bundler'));
