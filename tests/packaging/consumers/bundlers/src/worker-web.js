// A module worker importing cnid-verify/web, awaiting init() and posting a number check.
import init, * as cnid from 'cnid-verify/web';
import { numbers } from './scenario.js';

init().then(
  () => self.postMessage(numbers(cnid, 'cnid-verify/web')),
  (err) => self.postMessage({ error: String(err?.stack ?? err) }),
);
