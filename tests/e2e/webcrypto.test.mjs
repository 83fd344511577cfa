// verifyDumpsAsync / verifyDumpAsync on Chromium's WebCrypto against the built-in p256: the
// comparison of tests/node/webcrypto.test.mjs (tests/common/engine-equivalence.js) run in a page
// that imports the built package (`cnid-verify/web`), on every fixture and interop dump, the mutated
// corpus and every Wycheproof P1363 vector. Needs a built package: $CNID_PKG_DIR (default pkg/).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { portableGroups, wycheproofP1363 } from '../common/engine-cases.mjs';
import { PKG_DIR, ROOT, servedPage } from './lib/browser.mjs';

describe('WebCrypto engine in Chromium: the same reports as the built-in p256', () => {
  const served = servedPage(before, after, { pkg: PKG_DIR, common: path.join(ROOT, 'tests', 'common') });

  it('every fixture and interop dump and the mutated corpus, batched and one by one', async () => {
    const groups = portableGroups();
    const out = await served.session.page.evaluate(async (groups) => {
      const web = await import('/pkg/web.js');
      await web.init();
      const { compareEngines } = await import('/common/engine-equivalence.js');
      return compareEngines(web, groups);
    }, groups);
    assert.deepEqual(out.problems, []);
    assert.ok(out.dumps > 900, `${out.dumps} dumps`);
    assert.ok(out.engines.webcrypto > 50, JSON.stringify(out.engines));
    assert.equal(out.engines.wasm, undefined, JSON.stringify(out.engines));
    assert.deepEqual(served.session.problems, []);
  });

  it('every Wycheproof P1363 vector through the WebCrypto curve step', async () => {
    const out = await served.session.page.evaluate(async (set) => {
      const { webCryptoCurveStep } = await import('/pkg/facade.js');
      const { wycheproof } = await import('/common/engine-equivalence.js');
      return wycheproof(webCryptoCurveStep(crypto.subtle), set);
    }, wycheproofP1363());
    assert.deepEqual(out.problems, []);
    assert.ok(out.counts.valid > 50 && out.counts.invalid > 50 && out.counts.asked > 100, JSON.stringify(out.counts));
  });
});
