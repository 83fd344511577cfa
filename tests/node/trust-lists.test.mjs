// TrustStore.addTrustList (docs/spec/trust-list.md) through the package: a list made from the spec
// (tests/common/trust-list-maker.mjs) makes a store accept the fixture dump and the report names the
// list; every rejection has its code and changes nothing; misuse of the options is INVALID_OPTION.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { keyPair, listFields, makeTrustList } from '../common/trust-list-maker.mjs';
import { FIXTURES, PKG, caseOptions, dumpManifest } from './helpers.mjs';

const manifest = dumpManifest();
const skip = !manifest && 'tests/fixtures/dumps/manifest.json not generated yet';

let cnid;
before(async () => {
  cnid = await import(pathToFileURL(path.join(PKG, 'node.mjs')).href);
});

const c = () => manifest.find((x) => x.file === 'y-jwk.cose');
const readerJwks = () => fs.readFileSync(path.join(FIXTURES, 'trust', c().trust.jwks[0]), 'utf8');
const dump = () => new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', 'y-jwk.cose')));
const at = () => c().options.at * 1000;

function setup() {
  const listKey = keyPair('list-signer-TEST');
  const signers = new cnid.TrustStore();
  signers.addJwks({ keys: [listKey.jwk] });
  const store = new cnid.TrustStore();
  const list = (more = {}, signer = listKey) => makeTrustList({ fields: listFields({ at: at(), jwks: readerJwks(), ...more }), signer });
  return { listKey, signers, store, list };
}

describe('TrustStore.addTrustList', { skip }, () => {
  it('a list makes the store accept the dump, and the report names the list', () => {
    const { signers, store, list } = setup();
    const r = store.addTrustList(list({ sequence: 3 }), { signers, at: at() });
    assert.equal(r.listId, 'cn.example.readers-TEST');
    assert.equal(r.sequence, 3);
    assert.equal(r.unchanged, false);
    assert.ok(r.keysAdded >= 1);
    assert.equal(r.signer.kid, 'list-signer-TEST');
    assert.equal(r.issuedAtMs, (Math.floor(at() / 1000) - 3600) * 1000);
    const report = cnid.verifyDump(dump(), store, caseOptions(c().options));
    assert.equal(report.ok, true);
    assert.deepEqual(report.signer.trustList, { id: 'cn.example.readers-TEST', sequence: 3 });
    // The same version again: unchanged; a newer one without keys: the dump's signer is gone.
    assert.equal(store.addTrustList(list({ sequence: 3 }), { signers, at: at() }).unchanged, true);
    const v4 = store.addTrustList(list({ sequence: 4, jwks: '{"keys":[]}' }), { signers, at: at() });
    assert.ok(v4.keysRemoved >= 1);
    assert.equal(cnid.verifyDump(dump(), store, caseOptions(c().options)).checks.find((x) => x.id === 'SIGNER').status, 'failed');
    // Hand-added material: no list.
    const own = new cnid.TrustStore();
    own.addJwks(readerJwks());
    assert.equal(cnid.verifyDump(dump(), own, caseOptions(c().options)).signer.trustList, null);
  });

  it('every rejection has its code and changes nothing', () => {
    const { signers, store, list } = setup();
    store.addTrustList(list({ sequence: 5 }), { signers, at: at() });
    const keys = store.keyCount;
    const rejects = (bytes, options, code) => assert.throws(() => store.addTrustList(bytes, { signers, at: at(), ...options }), { code });
    rejects(list({ sequence: 4 }), {}, 'TRUST_LIST_ROLLBACK');
    rejects(list({ sequence: 6 }), { minSequence: 7 }, 'TRUST_LIST_ROLLBACK');
    rejects(list({ sequence: 5, 7: ['reader-x'] }), {}, 'TRUST_LIST_CONFLICT');
    rejects(list({ sequence: 6 }), { at: at() + 2 * 86400 * 1000 }, 'TRUST_LIST_EXPIRED');
    rejects(list({ sequence: 6 }), { at: at() - 2 * 3600 * 1000 }, 'TRUST_LIST_NOT_YET_VALID');
    rejects(list({ sequence: 6 }, keyPair('list-signer-TEST')), {}, 'TRUST_LIST_SIGNATURE');
    rejects(list({ sequence: 6 }, keyPair('someone-else')), {}, 'TRUST_LIST_SIGNER');
    const tampered = list({ sequence: 6 });
    tampered[tampered.length - 70] ^= 1;
    rejects(tampered, {}, 'TRUST_LIST_SIGNATURE');
    rejects(list({ sequence: 6, 0: 2 }), {}, 'TRUST_LIST_MALFORMED');
    rejects(list({ sequence: 6, jwks: 'not json' }), {}, 'TRUST_LIST_MALFORMED');
    rejects(new Uint8Array([0xa0]), {}, 'TRUST_LIST_MALFORMED');
    rejects(dump(), {}, 'TRUST_LIST_MALFORMED');
    assert.equal(store.keyCount, keys);
    // A revoked list signer: TRUST_LIST_SIGNER.
    signers.revokeKid('list-signer-TEST');
    rejects(list({ sequence: 6 }), {}, 'TRUST_LIST_SIGNER');
  });

  it('the options: signers required, another store, no undefined, own data properties only', () => {
    const { signers, store, list } = setup();
    const bytes = list();
    const bad = (options) => assert.throws(() => store.addTrustList(bytes, options), { code: 'INVALID_OPTION' });
    assert.throws(() => store.addTrustList(bytes, { signers, locale: 'zh-CN', at: at() + 9e9 }), (e) => e.code === 'TRUST_LIST_EXPIRED' && /信任列表/.test(e.message));
    assert.equal(store.keyCount, 0);
    bad(undefined);
    bad({});
    bad({ signers: undefined });
    bad({ signers: {} });
    bad({ signers: store });
    bad({ signers, minSequence: undefined });
    bad({ signers, minSequence: -1 });
    bad({ signers, minSequence: 1.5 });
    bad({ signers, at: 'soon' });
    bad({ signers, extra: 1 });
    bad({ get signers() { return signers; } });
    bad(Object.create({ signers }));
    const freed = new cnid.TrustStore();
    freed.free();
    bad({ signers: freed });
    assert.throws(() => store.addTrustList('text', { signers }), { code: 'INVALID_ARGUMENT' });
    // Hostile values: a revoked Proxy as options or bytes, a detached buffer, throwing traps.
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    bad(proxy);
    assert.throws(() => store.addTrustList(proxy, { signers }), (e) => typeof e.code === 'string');
    const detached = new Uint8Array(8);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    assert.throws(() => store.addTrustList(detached, { signers }), { code: 'INVALID_ARGUMENT' });
    const trap = new Proxy({ signers }, { getOwnPropertyDescriptor() { throw new Error('trap'); } });
    assert.throws(() => store.addTrustList(bytes, trap), (e) => typeof e.code === 'string');
    assert.equal(store.addTrustList(bytes, { signers, at: at() }).unchanged, false);
    store.free();
    assert.throws(() => store.addTrustList(bytes, { signers, at: at() }), { code: 'INVALID_TRUST_STORE' });

  });
});
