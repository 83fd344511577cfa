// verifyDumpsAsync / verifyDumpAsync on Chromium's WebCrypto against the built-in p256: the
// comparison of tests/node/webcrypto.test.mjs (tests/common/engine-equivalence.js) run in a page
// that imports the built package (`cnid-verify/web`), on every fixture and interop dump, the mutated
// corpus and every Wycheproof P1363 vector. Needs a built package: $CNID_PKG_DIR (default pkg/).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { portableGroups, wycheproofP1363 } from '../common/engine-cases.mjs';
import { PKG_DIR, ROOT, assertPkgBuilt, launchBrowser, newPage, serveStatic } from './lib/browser.mjs';

describe('WebCrypto engine in Chromium: the same reports as the built-in p256', () => {
  let server;
  let browser;
  let session;
  before(async () => {
    assertPkgBuilt();
    server = await serveStatic({ pkg: PKG_DIR, common: path.join(ROOT, 'tests', 'common') });
    browser = await launchBrowser();
    session = await newPage(browser);
    // http://127.0.0.1 is a secure context: crypto.subtle exists.
    await session.page.goto(`http://127.0.0.1:${server.address().port}/`);
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('every fixture and interop dump and the mutated corpus, batched and one by one', async () => {
    const groups = portableGroups();
    const out = await session.page.evaluate(async (groups) => {
      const web = await import('/pkg/web.js');
      await web.init();
      const { compareEngines } = await import('/common/engine-equivalence.js');
      return compareEngines(web, groups);
    }, groups);
    assert.deepEqual(out.problems, []);
    assert.ok(out.dumps > 900, `${out.dumps} dumps`);
    assert.ok(out.engines.webcrypto > 50, JSON.stringify(out.engines));
    assert.equal(out.engines.wasm, undefined, JSON.stringify(out.engines));
    assert.deepEqual(session.problems, []);
  });

  it('every Wycheproof P1363 vector through the WebCrypto curve step', async () => {
    const out = await session.page.evaluate(async (set) => {
      const { webCryptoCurveStep } = await import('/pkg/facade.js');
      const { wycheproof } = await import('/common/engine-equivalence.js');
      return wycheproof(webCryptoCurveStep(crypto.subtle), set);
    }, wycheproofP1363());
    assert.deepEqual(out.problems, []);
    assert.ok(out.counts.valid > 50 && out.counts.invalid > 50 && out.counts.asked > 100, JSON.stringify(out.counts));
  });
});
