// cnid-verify/pool: verifyDumps over worker_threads. The same reports as verifyDumps in one thread
// (every fixture case, with its trust and options), in input order; trust calls reach every worker
// (a revocation after a verification applies to the next one, also on a worker started later);
// the caller's errors are verifyDumps's; a closed pool rejects with POOL_CLOSED.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FIXTURES, PKG, applyTrust, caseOptions, dumpManifest } from './helpers.mjs';

const require = createRequire(import.meta.url);
const manifest = dumpManifest();
const skip = !manifest && 'tests/fixtures/dumps/manifest.json not generated yet';
const TRUST = path.join(FIXTURES, 'trust');
const read = (dir, f) => fs.readFileSync(path.join(dir, f), 'utf8');
const dumpBytes = (f) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', f)));

let cnid;
let poolApi;
before(async () => {
  cnid = await import(pathToFileURL(path.join(PKG, 'node.mjs')).href);
  poolApi = await import(pathToFileURL(path.join(PKG, 'pool.mjs')).href);
});

const optionsFor = caseOptions;

describe('cnid-verify/pool', () => {
  const pools = [];
  const open = (options) => {
    const p = poolApi.createVerifierPool(options);
    pools.push(p);
    return p;
  };
  after(() => Promise.all(pools.map((p) => p.close())));

  it('the same entry for import and require', () => {
    assert.equal(require(path.join(PKG, 'pool.cjs')).createVerifierPool, poolApi.createVerifierPool);
  });

  it('every fixture case: the reports verifyDumps gives in one thread, in input order', { skip }, async () => {
    const groups = new Map();
    for (const c of manifest) {
      const key = JSON.stringify([c.trust, c.options]);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(c);
    }
    for (const cases of groups.values()) {
      const { trust, options } = cases[0];
      const store = applyTrust(new cnid.TrustStore(), trust);
      const pool = applyTrust(open({ threads: 2 }), trust);
      // Every dump of the group three times, interleaved, so that chunks cross case boundaries.
      const list = [0, 1, 2].flatMap(() => cases.map((c) => dumpBytes(c.file)));
      const expected = cnid.verifyDumps(list, store, optionsFor(options));
      assert.deepEqual(await pool.verifyDumps(list, optionsFor(options)), expected, cases.map((c) => c.file).join(' '));
      assert.deepEqual(await pool.verifyDump(list[0], optionsFor(options)), expected[0]);
      assert.deepEqual(pool.kids(), store.kids());
      assert.deepEqual(pool.revokedSerials(), store.revokedSerials());
      assert.equal(pool.anchorCount, store.anchorCount);
      store.free();
      await pool.close();
    }
  });

  it('a large batch is split across the workers and comes back in order', { skip }, async () => {
    const c = manifest.find((x) => x.file === 'y-jwk.cose');
    const bad = manifest.find((x) => x.file === 'tampered.cose') ?? manifest.find((x) => x.expected === 'rejected');
    const pool = applyTrust(open({ threads: 3 }), c.trust);
    const list = Array.from({ length: 700 }, (_, i) => dumpBytes(i % 7 === 3 ? bad.file : c.file));
    const reports = await pool.verifyDumps(list, optionsFor(c.options));
    assert.equal(reports.length, 700);
    reports.forEach((r, i) => assert.equal(r.ok, i % 7 !== 3, `item ${i}`));
  });

  it('trust calls return what a TrustStore returns and reach every worker, also one that starts later', { skip }, async () => {
    const c = manifest.find((x) => x.file === 'y-jwk.cose');
    const pool = open({ threads: 2 });
    const store = new cnid.TrustStore();
    const jwks = read(TRUST, c.trust.jwks[0]);
    assert.deepEqual(pool.addJwks(jwks), store.addJwks(jwks));
    const list = Array.from({ length: 64 }, () => dumpBytes(c.file));
    assert.ok((await pool.verifyDumps(list, optionsFor(c.options))).every((r) => r.ok));
    const kid = (await pool.verifyDump(list[0], optionsFor(c.options))).signer.kid;
    // The revocation reaches every worker before any later verification.
    assert.deepEqual(pool.revokeKid(kid), store.revokeKid(kid));
    const revoked = await pool.verifyDumps(list, optionsFor(c.options));
    for (const r of revoked) assert.deepEqual(r.checks.filter((x) => x.status === 'failed').map((x) => x.id), ['REVOCATION']);
    // A failed trust call throws the TrustStore's error and changes nothing.
    assert.throws(() => pool.revokeSerialAnyIssuer('xyz'), { code: 'INVALID_SERIAL' });
    assert.throws(() => pool.addJwks('{'), { code: 'INVALID_JWKS' });
    assert.deepEqual(pool.revokedKids(), [kid]);
    store.free();
  });

  it('the caller\'s errors are verifyDumps\'s, named by their index in the whole list', { skip }, async () => {
    const c = manifest.find((x) => x.file === 'y-jwk.cose');
    const pool = applyTrust(open({ threads: 2 }), c.trust);
    const good = dumpBytes(c.file);
    const list = Array.from({ length: 300 }, () => good);
    list[250] = 'not bytes';
    await assert.rejects(pool.verifyDumps(list, optionsFor(c.options)), { code: 'INVALID_ARGUMENT', message: /^list\[250\]/ });
    await assert.rejects(pool.verifyDumps('x'), { code: 'INVALID_ARGUMENT' });
    await assert.rejects(pool.verifyDumps([good], { at: undefined }), { code: 'INVALID_OPTION' });
    await assert.rejects(pool.verifyDumps([good], { unknown: 1 }), { code: 'INVALID_OPTION' });
    const throwing = [good];
    Object.defineProperty(throwing, 0, { get() { throw new Error('boom'); } });
    await assert.rejects(pool.verifyDumps(throwing), { code: 'INVALID_ARGUMENT', message: /list\[0\]/ });
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    await assert.rejects(pool.verifyDumps(proxy), { code: 'INVALID_ARGUMENT' });
    await assert.rejects(pool.verifyDumps([() => 1]), { code: 'INVALID_ARGUMENT' });
    const detached = new Uint8Array(good);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    await assert.rejects(pool.verifyDumps([detached]), { code: 'INVALID_ARGUMENT' });
    assert.throws(() => pool.addJwks(() => 1), { code: 'INVALID_ARGUMENT' });
    // The pool still works after all of that.
    assert.equal((await pool.verifyDump(good, optionsFor(c.options))).ok, true);
  });

  it('options: threads from 1 to 256, nothing else', () => {
    for (const bad of [{ threads: 0 }, { threads: 1.5 }, { threads: '2' }, { threads: undefined }, { thread: 2 }, 3, 'x']) {
      assert.throws(() => poolApi.createVerifierPool(bad), { code: 'INVALID_OPTION' }, JSON.stringify(bad));
    }
    assert.throws(() => poolApi.createVerifierPool({ get threads() { return 2; } }), { code: 'INVALID_OPTION' });
    assert.equal(open({ threads: 1 }).threads, 1);
    assert.ok(open().threads >= 1);
  });

  it('close(): unfinished calls reject with POOL_CLOSED, later calls too; idempotent', { skip }, async () => {
    const c = manifest.find((x) => x.file === 'y-jwk.cose');
    const pool = applyTrust(open({ threads: 1 }), c.trust);
    const pending = pool.verifyDumps(Array.from({ length: 200 }, () => dumpBytes(c.file)), optionsFor(c.options));
    const outcome = pending.then(() => 'resolved', (e) => e.code);
    await pool.close();
    await pool.close();
    assert.equal(await outcome, 'POOL_CLOSED');
    await assert.rejects(pool.verifyDumps([]), { code: 'POOL_CLOSED' });
    assert.throws(() => pool.revokeKid('x'), { code: 'POOL_CLOSED' });
  });

  it('an idle pool does not keep the process alive', () => {
    const script = `const { createVerifierPool } = require(${JSON.stringify(path.join(PKG, 'pool.cjs'))});
      createVerifierPool({ threads: 2 }); console.log('done');`;
    const r = require('node:child_process').spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'done');
  });
});
