// A module worker importing cnid-verify (initialised by top-level await) and posting a number check.
import * as cnid from 'cnid-verify';
import { numbers } from './scenario.js';

try {
  self.postMessage(numbers(cnid, 'cnid-verify'));
} catch (err) {
  self.postMessage({ error: String(err?.stack ?? err) });
}
