// cnid-verify (root): the browser entry initialises itself (top-level await, .wasm from new URL).
import * as cnid from 'cnid-verify';
import { full, report } from './scenario.js';

report(full(cnid, 'cnid-verify'));
