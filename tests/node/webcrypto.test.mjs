// verifyDumpAsync / verifyDumpsAsync on WebCrypto (Node's globalThis.crypto.subtle, through the
// browser build: web-core.js initialised with initSync) against the built-in p256: every fixture
// and interop dump, the mutated corpus, Wycheproof; and the round protocol's edges (a store changed
// while WebCrypto answers, WebCrypto failing, settled certificate links, coded rejections).
// tests/e2e/webcrypto.test.mjs runs the same comparison in Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { portableGroups, wycheproofP1363 } from '../common/engine-cases.mjs';
import { compareEngines, sansEngine, wycheproof } from '../common/engine-equivalence.js';
import { FIXTURES, PKG, applyTrust, caseOptions, dumpManifest } from './helpers.mjs';

const manifest = dumpManifest();
const skip = !manifest && 'tests/fixtures/dumps/manifest.json not generated yet';

let web;
let facade;
let node;
before(async () => {
  web = await import(pathToFileURL(path.join(PKG, 'web-core.js')).href);
  web.initSync({ module: fs.readFileSync(path.join(PKG, 'cnid_verify_bg.wasm')) });
  facade = await import(pathToFileURL(path.join(PKG, 'facade.js')).href);
  node = await import(pathToFileURL(path.join(PKG, 'node.mjs')).href);
});

const fixture = (file) => manifest.find((c) => c.file === file);
const bytesOf = (file) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', file)));
const storeFor = (api, c) => applyTrust(new api.TrustStore(), c.trust);

/** Counts SubtleCrypto.verify calls (and can make them fail) while `fn` runs. */
async function withVerifyCalls(fn, { fail = false } = {}) {
  const proto = Object.getPrototypeOf(globalThis.crypto.subtle);
  const original = proto.verify;
  let calls = 0;
  proto.verify = function (...args) {
    calls++;
    return fail ? Promise.reject(new Error('unavailable')) : original.apply(this, args);
  };
  try {
    const result = await fn();
    return { result, calls };
  } finally {
    proto.verify = original;
  }
}

describe('WebCrypto engine (Node): the same reports as the built-in p256', () => {
  it('every fixture and interop dump, and the mutated corpus, batched and one by one', { skip }, async () => {
    const { problems, dumps, engines } = await compareEngines(web, portableGroups());
    assert.deepEqual(problems, []);
    assert.ok(dumps > 900, `${dumps} dumps`);
    assert.ok(engines.webcrypto > 50, JSON.stringify(engines));
    assert.equal(engines.wasm, undefined, JSON.stringify(engines));
  });

  it('every Wycheproof P1363 vector through the WebCrypto curve step', async () => {
    const { problems, counts } = await wycheproof(facade.webCryptoCurveStep(globalThis.crypto.subtle), wycheproofP1363());
    assert.deepEqual(problems, []);
    assert.ok(counts.valid > 50 && counts.invalid > 50 && counts.asked > 100, JSON.stringify(counts));
  });
});

describe('WebCrypto rounds', () => {
  it('engine "wasm" asks WebCrypto nothing; the default names webcrypto', { skip }, async () => {
    const c = fixture('y-jwk.cose');
    const store = storeFor(web, c);
    const { result, calls } = await withVerifyCalls(() =>
      web.verifyDumpAsync(bytesOf(c.file), store, { ...caseOptions(c.options), engine: 'wasm' }),
    );
    assert.equal(calls, 0);
    assert.deepEqual(result.signature, { engine: 'wasm' });
    assert.deepEqual((await web.verifyDumpAsync(bytesOf(c.file), store, caseOptions(c.options))).signature, { engine: 'webcrypto' });
    store.free();
  });

  it('a batch asks each distinct question once, and settled certificate links are not asked again', { skip }, async () => {
    const c = fixture('y-x5chain.cose');
    const store = storeFor(web, c);
    const bytes = bytesOf(c.file);
    const first = await withVerifyCalls(() => web.verifyDumpsAsync([bytes, bytes, bytes], store, caseOptions(c.options)));
    assert.ok(first.result.every((r) => r.ok && r.signature.engine === 'webcrypto'));
    const links = first.calls - 1;
    assert.ok(links >= 1, `${first.calls} calls: the dump's signature and its certificate links`);
    const again = await withVerifyCalls(() => web.verifyDumpAsync(bytes, store, caseOptions(c.options)));
    assert.equal(again.calls, 1, 'only the dump signature: the links were settled into the cache');
    assert.equal(sansEngine(again.result), sansEngine(first.result[0]));
    store.free();
  });

  it('WebCrypto failing is no answer: the built-in p256 decides, and the report says so', { skip }, async () => {
    const c = fixture('y-jwk.cose');
    const store = storeFor(web, c);
    const good = bytesOf(c.file);
    const bad = Uint8Array.from(good);
    bad[bad.length - 1] ^= 1;
    const { result } = await withVerifyCalls(() => web.verifyDumpsAsync([good, bad], store, caseOptions(c.options)), { fail: true });
    assert.deepEqual(result.map((r) => [r.ok, r.signature.engine]), [[true, 'wasm'], [false, 'wasm']]);
    assert.equal(result[1].checks.find((x) => x.id === 'SIGNATURE').reason, 'MISMATCH');
    store.free();
  });

  it('a revocation made while WebCrypto answers applies to the reports of that call', { skip }, async () => {
    const c = fixture('y-jwk.cose');
    const store = storeFor(web, c);
    const pending = web.verifyDumpsAsync([bytesOf(c.file)], store, caseOptions(c.options));
    for (const kid of store.kids()) store.revokeKid(kid);
    const [r] = await pending;
    assert.equal(r.ok, false);
    assert.equal(r.checks.find((x) => x.id === 'REVOCATION').status, 'failed');
    store.free();
  });

  it('a store freed while WebCrypto answers rejects with INVALID_TRUST_STORE', { skip }, async () => {
    const c = fixture('y-jwk.cose');
    const store = storeFor(web, c);
    const pending = web.verifyDumpAsync(bytesOf(c.file), store, caseOptions(c.options));
    store.free();
    await assert.rejects(pending, { code: 'INVALID_TRUST_STORE' });
  });

  it('misuse rejects with the codes verifyDump throws', async () => {
    const store = new web.TrustStore();
    await assert.rejects(web.verifyDumpAsync('x', store), { code: 'INVALID_ARGUMENT' });
    await assert.rejects(web.verifyDumpsAsync('x', store), { code: 'INVALID_ARGUMENT' });
    await assert.rejects(web.verifyDumpsAsync([new Uint8Array(1), 'x'], store), { code: 'INVALID_ARGUMENT', message: /list\[1\]/ });
    await assert.rejects(web.verifyDumpAsync(new Uint8Array(1), {}), { code: 'INVALID_TRUST_STORE' });
    await assert.rejects(web.verifyDumpAsync(new Uint8Array(1), store, { engine: undefined }), { code: 'INVALID_OPTION' });
    await assert.rejects(web.verifyDumpAsync(new Uint8Array(1), store, { at: 'soon' }), { code: 'INVALID_OPTION' });
    assert.deepEqual(await web.verifyDumpsAsync([], store), []);
    store.free();
  });

  it('in Node the async calls run on node:crypto and equal the sync ones', { skip }, async () => {
    const c = fixture('y-x5chain.cose');
    const store = storeFor(node, c);
    const bytes = bytesOf(c.file);
    const r = await node.verifyDumpAsync(bytes, store, caseOptions(c.options));
    assert.deepEqual(r, node.verifyDump(bytes, store, caseOptions(c.options)));
    assert.deepEqual(r.signature, { engine: 'node' });
    assert.deepEqual(await node.verifyDumpsAsync([bytes], store, caseOptions(c.options)), [r]);
    await assert.rejects(node.verifyDumpAsync('x', store), { code: 'INVALID_ARGUMENT' });
    store.free();
  });
});
