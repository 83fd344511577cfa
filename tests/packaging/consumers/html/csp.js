// csp.html's script: no inline script is allowed by its Content-Security-Policy.
import * as cnid from './node_modules/cnid-verify/browser.js';
import { report, run } from './run.js';

report(run(cnid, 'html-csp'));
