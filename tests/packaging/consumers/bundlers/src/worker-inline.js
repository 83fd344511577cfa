// A module worker importing cnid-verify/inline, awaiting init() and posting a number check.
import init, * as cnid from 'cnid-verify/inline';
import { numbers } from './scenario.js';

init().then(
  () => self.postMessage(numbers(cnid, 'cnid-verify/inline')),
  (err) => self.postMessage({ error: String(err?.stack ?? err) }),
);
