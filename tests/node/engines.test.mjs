// The curve step on node:crypto (engine "node", the default in Node) and on the built-in p256
// (engine "wasm") give the same reports on every input, but for `signature.engine`: every fixture
// and interop dump, and a corpus of mutated dumps (random byte flips anywhere, signature bytes
// flipped, high-S, r or s = 0 or = n). Which engine ran is in the report; `engine: 'wasm'` forces p256.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { N, fixtureCases, mutatedCorpus, wycheproofP1363 } from '../common/engine-cases.mjs';
import { FIXTURES, PKG, applyTrust, caseOptions, dumpManifest, hexToBytes } from './helpers.mjs';

const manifest = dumpManifest();
const skip = !manifest && 'tests/fixtures/dumps/manifest.json not generated yet';

let cnid;
before(async () => {
  cnid = await import(pathToFileURL(path.join(PKG, 'node.mjs')).href);
});

const storeFor = (trust, dir) => applyTrust(new cnid.TrustStore(), trust, dir);
const optionsFor = caseOptions;

/** The report without the engine that ran, to compare two engines' reports. */
const sansEngine = (r) => ({ ...r, signature: r.signature === null ? null : 'ran' });

/** Both engines on one dump: equal reports; the engine each one names. */
function both(bytes, store, options, label) {
  const host = cnid.verifyDump(bytes, store, options);
  const wasm = cnid.verifyDump(bytes, store, { ...options, engine: 'wasm' });
  assert.deepEqual(sansEngine(host), sansEngine(wasm), label);
  if (host.signature !== null) {
    assert.equal(host.signature.engine, 'node', label);
    assert.equal(wasm.signature.engine, 'wasm', label);
  }
  return host;
}

describe('engines: node:crypto and the built-in p256 agree', () => {
  it('every fixture and interop dump', { skip }, () => {
    let ran = 0;
    const cases = fixtureCases();
    for (const c of cases) {
      const store = storeFor(c.trust, c.dir);
      const r = both(new Uint8Array(fs.readFileSync(c.file)), store, optionsFor(c.options), c.file);
      if (r.signature) ran++;
      store.free();
    }
    assert.ok(ran >= 10, `the curve step ran for ${ran} cases`);
  });

  it('a mutated corpus: byte flips anywhere, signature flips, high-S, r or s = 0 or n', { skip }, () => {
    let verdicts = { accepted: 0, rejected: 0 };
    for (const [seed, file] of ['y-jwk.cose', 'y-x5chain.cose'].entries()) {
      const c = manifest.find((x) => x.file === file);
      if (!c) continue;
      const store = storeFor(c.trust, path.join(FIXTURES, 'trust'));
      const options = optionsFor(c.options);
      const variants = mutatedCorpus(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', file))), 0x12306 + seed);
      variants.forEach((d, i) => {
        const r = both(d, store, options, `${file} variant ${i}`);
        verdicts[r.ok ? 'accepted' : 'rejected']++;
      });
      // High-S is accepted (the signature is valid), and by both engines.
      assert.equal(cnid.verifyDump(variants[0], store, options).ok, true, `${file}: high-S`);
      // r or s = 0 or n: BAD_SIGNATURE_ENCODING before any engine runs.
      for (const d of variants.slice(1, 5)) {
        const r = cnid.verifyDump(d, store, options);
        assert.equal(r.checks.find((x) => x.id === 'SIGNATURE').reason, 'BAD_SIGNATURE_ENCODING');
        assert.equal(r.signature, null);
      }
      store.free();
    }
    assert.ok(verdicts.accepted > 0 && verdicts.rejected > 300, JSON.stringify(verdicts));
  });

  it('engine: "auto" (the default) or "wasm"; anything else, undefined included, is INVALID_OPTION', { skip }, () => {
    const c = manifest.find((x) => x.file === 'y-jwk.cose');
    const store = storeFor(c.trust, path.join(FIXTURES, 'trust'));
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', c.file)));
    assert.deepEqual(cnid.verifyDump(bytes, store, optionsFor(c.options)).signature, { engine: 'node' });
    assert.deepEqual(cnid.verifyDump(bytes, store, { ...optionsFor(c.options), engine: 'auto' }).signature, { engine: 'node' });
    assert.deepEqual(cnid.verifyDumps([bytes], store, { ...optionsFor(c.options), engine: 'wasm' })[0].signature, { engine: 'wasm' });
    for (const engine of ['node', 'WASM', '', null, 1, undefined]) {
      assert.throws(() => cnid.verifyDump(bytes, store, { ...optionsFor(c.options), engine }), { code: 'INVALID_OPTION' }, String(engine));
    }
    store.free();
  });
});

describe('engines: the node:crypto curve step on Wycheproof', () => {
  it('every P1363 vector: the verdict Wycheproof expects, after the rules the core applies first', () => {
    const host = createRequire(import.meta.url)(path.join(PKG, 'facade.cjs')).nodeCurveEngine(crypto);
    const inRange = (x) => x.some((b) => b !== 0) && Buffer.compare(Buffer.from(x), Buffer.from(N)) < 0;
    const set = wycheproofP1363();
    const counts = { valid: 0, invalid: 0, decidedByTheRules: 0 };
    for (const group of set.testGroups) {
      const key = hexToBytes(group.publicKey.uncompressed);
      for (const t of group.tests) {
        const sig = hexToBytes(t.sig);
        assert.notEqual(t.result, 'acceptable', `tcId ${t.tcId}: an acceptable vector (new in this Wycheproof version)`);
        counts[t.result]++;
        // The core's rules (signature.rs well_formed): the engine only ever sees 64 bytes, r and s in [1, n-1].
        if (sig.length !== 64 || !inRange(sig.subarray(0, 32)) || !inRange(sig.subarray(32))) {
          assert.equal(t.result, 'invalid', `tcId ${t.tcId} (${t.comment}) is decided by the rules as invalid`);
          counts.decidedByTheRules++;
          continue;
        }
        assert.equal(host(key, hexToBytes(t.msg), sig), t.result === 'valid', `tcId ${t.tcId} (${t.comment})`);
      }
    }
    assert.ok(counts.valid > 50 && counts.invalid > 50, JSON.stringify(counts));
  });
});
