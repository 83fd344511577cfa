// cnid-verify/inline: the .wasm is base64 inside the JavaScript; no URL, no asset.
import init, * as cnid from 'cnid-verify/inline';
import { full, report } from './scenario.js';

report(init().then(() => full(cnid, 'cnid-verify/inline')));
