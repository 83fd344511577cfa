// A signed trust list in Chromium: made in Node from the spec (tests/common/trust-list-maker.mjs),
// loaded by a page that imports the built package (`cnid-verify/web`) with the pinned list signer,
// and the fixture dump verified through it (sync and on WebCrypto); a tampered copy is rejected.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { keyPair, listFields, makeTrustList } from '../common/trust-list-maker.mjs';
import { FIXTURES, PKG_DIR, servedPage } from './lib/browser.mjs';

describe('trust lists in Chromium', () => {
  const served = servedPage(before, after, { pkg: PKG_DIR });

  it('load a list with the pinned signer, verify a dump through it; a tampered list changes nothing', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'dumps', 'manifest.json'), 'utf8'));
    const c = manifest.find((x) => x.file === 'y-jwk.cose');
    const at = c.options.at * 1000;
    const listKey = keyPair('list-signer-TEST');
    const jwks = fs.readFileSync(path.join(FIXTURES, 'trust', c.trust.jwks[0]), 'utf8');
    const list = makeTrustList({ fields: listFields({ at, jwks, sequence: 2 }), signer: listKey });
    const tampered = Uint8Array.from(list);
    tampered[tampered.length - 70] ^= 1;
    const input = {
      signer: listKey.jwk,
      list: Buffer.from(list).toString('base64'),
      tampered: Buffer.from(tampered).toString('base64'),
      dump: fs.readFileSync(path.join(FIXTURES, 'dumps', c.file)).toString('base64'),
      options: { at, maxAgeSeconds: c.options.maxAgeSeconds },
    };
    const out = await served.session.page.evaluate(async ({ signer, list, tampered, dump, options }) => {
      const web = await import('/pkg/web.js');
      await web.init();
      const bytes = (b64) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const signers = new web.TrustStore();
      signers.addJwks({ keys: [signer] });
      const trust = new web.TrustStore();
      let rejected = null;
      try {
        trust.addTrustList(bytes(tampered), { signers, at: options.at });
      } catch (e) {
        rejected = e.code;
      }
      const keysAfterRejection = trust.keyCount;
      const added = trust.addTrustList(bytes(list), { signers, at: options.at });
      const sync = web.verifyDump(bytes(dump), trust, options);
      const viaWebCrypto = await web.verifyDumpAsync(bytes(dump), trust, options);
      return { rejected, keysAfterRejection, added: { listId: added.listId, sequence: added.sequence, keysAdded: added.keysAdded },
        sync: { ok: sync.ok, trustList: sync.signer.trustList, engine: sync.signature.engine },
        async: { ok: viaWebCrypto.ok, trustList: viaWebCrypto.signer.trustList, engine: viaWebCrypto.signature.engine } };
    }, input);
    assert.equal(out.rejected, 'TRUST_LIST_SIGNATURE');
    assert.equal(out.keysAfterRejection, 0);
    assert.equal(out.added.sequence, 2);
    assert.ok(out.added.keysAdded >= 1);
    const from = { id: 'cn.example.readers-TEST', sequence: 2 };
    assert.deepEqual(out.sync, { ok: true, trustList: from, engine: 'wasm' });
    assert.deepEqual(out.async, { ok: true, trustList: from, engine: 'webcrypto' });
    assert.deepEqual(served.session.problems, []);
  });
});
