// cnid-verify/numbers/inline: the numbers .wasm inside the JavaScript.
import init, * as cnid from 'cnid-verify/numbers/inline';
import { numbers, report } from './scenario.js';

report(init().then(() => numbers(cnid, 'cnid-verify/numbers/inline')));
