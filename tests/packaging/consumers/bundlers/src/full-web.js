// cnid-verify/web: no top-level await; await init() loads the .wasm next to the module (new URL).
import init, * as cnid from 'cnid-verify/web';
import { full, report } from './scenario.js';

report((async () => {
  let before = null;
  try {
    cnid.checkNumber('911124198108030024');
  } catch (err) {
    before = err.code;
  }
  await init();
  return { ...(await full(cnid, 'cnid-verify/web')), before };
})());
