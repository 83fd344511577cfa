// cnid-verify/numbers: the numbers-only build, initialised by top-level await.
import * as cnid from 'cnid-verify/numbers';
import { numbers, report } from './scenario.js';

report(numbers(cnid, 'cnid-verify/numbers'));
