// cnid-verify/numbers/web: await init() loads the numbers .wasm next to the module.
import init, * as cnid from 'cnid-verify/numbers/web';
import { numbers, report } from './scenario.js';

report(init().then(() => numbers(cnid, 'cnid-verify/numbers/web')));
