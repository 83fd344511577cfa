// Hostile and odd arguments for every export of the built package (issue 8, "the JS boundary"):
// each yields a report or an Error with a `code`, never an uncoded exception, a trap or a poisoned
// module; options are read as own properties; stores are recognised by identity. Every case here
// failed before the bindings read caller values through src/bindings/js/boundary.js and before
// stores were held by the facade (src/bindings/js/facade.js).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { FIXTURES, PKG } from './helpers.mjs';

const require = createRequire(import.meta.url);
const api = require(path.join(PKG, 'node.cjs'));
const { TrustStore, checkNumber, checkNumbers, isValidNumber, parseChipText, verifyDump, verifyDumps } = api;

const JWKS = fs.readFileSync(path.join(FIXTURES, 'trust', 'test-jwks.json'), 'utf8');
const Y_JWK = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', 'y-jwk.cose')));
const FRESH_AT = 1_780_272_060_000; // readAt of the fixtures + 60 s, epoch ms
const STALE_AT = FRESH_AT + 86_400_000; // a day later: FRESHNESS fails with the default max age
const VALID = '11010519491231002X';

function store() {
  const s = new TrustStore();
  s.addJwks(JWKS);
  return s;
}

/** Runs fn, which must throw an Error (or TypeError) with `code`; returns the error. */
function throwsCode(fn, code) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `expected an Error with code ${code}, got ${thrown}`);
  assert.equal(thrown.code, code, `${thrown.message}`);
  assert.ok(!/memory access out of bounds|unreachable/i.test(thrown.message), thrown.message);
  return thrown;
}

function moduleWorks() {
  assert.equal(checkNumber(VALID).ok, true);
  assert.equal(isValidNumber(VALID), true);
  const s = store();
  assert.equal(verifyDump(Y_JWK, s, { at: FRESH_AT }).ok, true);
  s.free();
}

function detachedBuffer() {
  const buf = new ArrayBuffer(16);
  structuredClone(buf, { transfer: [buf] });
  return buf;
}

function revokedProxy(target = {}) {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

function throwingArray(n = 3) {
  const a = new Array(n).fill(VALID);
  Object.defineProperty(a, 1, {
    get() {
      throw new Error('boom');
    },
  });
  return a;
}

const throwingOptions = () => ({
  get at() {
    throw new Error('boom');
  },
});

/** Bad byte arguments: each must be an INVALID_ARGUMENT error (never a trap). */
const BAD_BYTES = [
  ['a detached ArrayBuffer', detachedBuffer],
  ['a Uint8Array over a detached buffer', () => {
    const buf = new ArrayBuffer(16);
    const view = new Uint8Array(buf);
    structuredClone(buf, { transfer: [buf] });
    return view;
  }],
  ['Object.create(Uint8Array.prototype)', () => Object.create(Uint8Array.prototype)],
  ['a revoked Proxy', () => revokedProxy()],
  ['a Proxy of a Uint8Array', () => new Proxy(new Uint8Array(4), {})],
  ['a string', () => 'abc'],
  ['null', () => null],
  ['a number', () => 42],
  ['an array of numbers', () => [1, 2, 3]],
  ['a DataView', () => new DataView(new ArrayBuffer(4))],
];

describe('bytes arguments', () => {
  for (const [what, make] of BAD_BYTES) {
    it(`${what}: verifyDump, verifyDumps, parseChipText, addCertificate throw coded errors`, () => {
      const s = store();
      throwsCode(() => verifyDump(make(), s, { at: FRESH_AT }), 'INVALID_ARGUMENT');
      throwsCode(() => verifyDumps([Y_JWK, make()], s, { at: FRESH_AT }), 'INVALID_ARGUMENT');
      throwsCode(() => parseChipText(make()), 'INVALID_ARGUMENT');
      if (typeof make() !== 'string') throwsCode(() => s.addCertificate(make()), 'INVALID_ARGUMENT');
      s.free();
      moduleWorks();
    });
  }

  it('a Node Buffer, a Uint8Array view at an offset and an ArrayBuffer are read exactly', () => {
    const s = store();
    const padded = new Uint8Array(Y_JWK.length + 8);
    padded.set(Y_JWK, 5);
    for (const bytes of [Buffer.from(Y_JWK), padded.subarray(5, 5 + Y_JWK.length), Y_JWK.slice().buffer]) {
      assert.equal(verifyDump(bytes, s, { at: FRESH_AT }).ok, true);
    }
    s.free();
  });
});

describe('options', () => {
  it('the locale of an error is read without running caller code that can break it', () => {
    // A Proxy whose every trap throws, and one whose descriptor trap hands out a zh-CN locale for a
    // bad option: the error is coded either way, and the module still works.
    const han = /[\u4e00-\u9fff]/;
    const traps = new Proxy({}, { get: () => () => { throw new Error('trap'); } });
    const hostile = new Proxy({ locale: 'zh-CN' }, traps);
    const e = throwsCode(() => checkNumber(VALID, hostile), 'INVALID_OPTION');
    assert.doesNotMatch(e.message, han);
    const lying = new Proxy(
      { locale: 'zh-CN', strict: 1 },
      { getOwnPropertyDescriptor: (t, k) => Reflect.getOwnPropertyDescriptor(t, k) },
    );
    assert.match(throwsCode(() => checkNumber(VALID, lying), 'INVALID_OPTION').message, han);
    const s = store();
    throwsCode(() => verifyDump(Y_JWK, s, hostile), 'INVALID_OPTION');
    throwsCode(() => s.addJwks('{', hostile), 'INVALID_OPTION');
    s.free();
    moduleWorks();
  });

  it('a revoked Proxy or a throwing getter as options is INVALID_OPTION', () => {
    const s = store();
    for (const opts of [revokedProxy(), throwingOptions()]) {
      throwsCode(() => checkNumber(VALID, opts), 'INVALID_OPTION');
      throwsCode(() => checkNumbers([VALID], opts), 'INVALID_OPTION');
      throwsCode(() => isValidNumber(VALID, opts), 'INVALID_OPTION');
      throwsCode(() => verifyDump(Y_JWK, s, opts), 'INVALID_OPTION');
      throwsCode(() => verifyDumps([Y_JWK], s, opts), 'INVALID_OPTION');
    }
    s.free();
    moduleWorks();
  });

  it('Object.create(Date.prototype) and an invalid Date as `at` are INVALID_OPTION', () => {
    const s = store();
    for (const at of [Object.create(Date.prototype), new Date(NaN), {}, 'yesterday']) {
      throwsCode(() => verifyDump(Y_JWK, s, { at }), 'INVALID_OPTION');
    }
    throwsCode(() => checkNumber(VALID, { at: Object.create(Date.prototype) }), 'INVALID_OPTION');
    s.free();
    moduleWorks();
  });

  it('a polluted Object.prototype changes no verdict', () => {
    const s = store();
    try {
      Object.prototype.maxAgeSeconds = null; // would accept any stale dump
      Object.prototype.at = FRESH_AT;
      Object.prototype.strict = true;
      // Options objects that do not set them are unaffected.
      const r = verifyDump(Y_JWK, s, { clockSkewSeconds: 300 });
      assert.equal(r.ok, false, 'the real clock makes the fixture stale');
      assert.equal(r.checks.find((c) => c.id === 'FRESHNESS').status, 'failed');
      assert.equal(verifyDump(Y_JWK, s, { at: STALE_AT }).ok, false);
      assert.equal(isValidNumber(' 11010519491231002x ', {}), true, 'strict is not inherited');
    } finally {
      delete Object.prototype.maxAgeSeconds;
      delete Object.prototype.at;
      delete Object.prototype.strict;
    }
    s.free();
  });

  it('report members are own data properties even when Object.prototype gained accessors after load', () => {
    // Regression (issue 12, reports built from the value tape): a member assigned with `o[k] = v`
    // would call an Object.prototype setter for k, and the report would inherit its getter.
    const s = store();
    const flipped = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', 'sig-tampered-text.cose')));
    assert.equal(verifyDump(flipped, s, { at: FRESH_AT }).ok, false); // the keys are known from here on
    const swallowed = [];
    try {
      for (const key of ['ok', 'verified', 'status', '__cnidNew']) {
        Object.defineProperty(Object.prototype, key, {
          configurable: true,
          get: () => true,
          set: (v) => swallowed.push(key, v),
        });
      }
      const r = verifyDump(flipped, s, { at: FRESH_AT });
      assert.equal(Object.getOwnPropertyDescriptor(r, 'ok')?.value, false);
      assert.equal(Object.getOwnPropertyDescriptor(r, 'verified')?.value, false);
      const sig = r.checks.find((c) => c.id === 'SIGNATURE');
      assert.equal(Object.getOwnPropertyDescriptor(sig, 'status')?.value, 'failed');
      assert.deepEqual(swallowed, [], 'no setter was called');
    } finally {
      for (const key of ['ok', 'verified', 'status', '__cnidNew']) delete Object.prototype[key];
    }
    // And back to plain assignment once the prototype is clean again.
    const r = verifyDump(flipped, s, { at: FRESH_AT });
    assert.equal(r.ok, false);
    assert.deepEqual(Object.keys(r).slice(0, 3), ['ok', 'verified', 'checks']);
    s.free();
  });

  it('a verify option present but undefined is INVALID_OPTION (it never turns a check off)', () => {
    const s = store();
    const session = {};
    for (const key of ['expectedNonce', 'externalAad', 'maxAgeSeconds', 'at', 'clockSkewSeconds', 'rejectCaSigner', 'requireSignedX5chain']) {
      throwsCode(() => verifyDump(Y_JWK, s, { at: FRESH_AT, [key]: session.missing }), 'INVALID_OPTION');
    }
    // Number options keep `undefined` as "not given".
    assert.equal(checkNumber(VALID, { at: undefined, strict: undefined }).ok, true);
    s.free();
  });

  it('inherited and non-enumerable properties are not options; symbol keys are ignored', () => {
    const s = store();
    const inherited = Object.create({ maxAgeSeconds: null });
    inherited.at = STALE_AT;
    assert.equal(verifyDump(Y_JWK, s, inherited).ok, false);
    const hidden = { at: STALE_AT };
    Object.defineProperty(hidden, 'maxAgeSeconds', { value: null, enumerable: false });
    assert.equal(verifyDump(Y_JWK, s, hidden).ok, false);
    assert.equal(verifyDump(Y_JWK, s, { at: FRESH_AT, [Symbol('x')]: 1 }).ok, true);
    s.free();
  });
});

describe('arrays', () => {
  it('an element getter that throws, a revoked Proxy, a huge sparse length: coded errors', () => {
    const s = store();
    throwsCode(() => checkNumbers(throwingArray()), 'INVALID_ARGUMENT');
    throwsCode(() => verifyDumps(throwingArray(), s), 'INVALID_ARGUMENT');
    throwsCode(() => checkNumbers(revokedProxy([])), 'INVALID_ARGUMENT');
    throwsCode(() => verifyDumps(revokedProxy([]), s), 'INVALID_ARGUMENT');
    const sparse = [];
    sparse.length = 2 ** 32 - 1;
    throwsCode(() => checkNumbers(sparse), 'INPUT_TOO_LARGE');
    throwsCode(() => verifyDumps(sparse, s), 'INPUT_TOO_LARGE');
    throwsCode(() => checkNumbers([VALID, 5]), 'INVALID_ARGUMENT');
    s.free();
    moduleWorks();
  });

  it('a batch equals the per-item results when inputs end and start with lone surrogates', () => {
    const inputs = ['1101051949123100\uD800', '\uDC002X', '\uD83D', '11010519491231002X\uDE00'];
    const batch = checkNumbers(inputs);
    assert.deepEqual(batch, inputs.map((x) => checkNumber(x)));
  });

  it('a batch equals the per-item results when a getter grows wasm memory mid-call', () => {
    const inputs = [VALID, VALID, '911124198108030024', 'KAZ110090123105'];
    Object.defineProperty(inputs, 1, {
      enumerable: true,
      get() {
        // Enough work to grow the module's memory while checkNumbers is on the stack.
        checkNumbers(new Array(20_000).fill('x'.repeat(400)));
        return VALID;
      },
    });
    const batch = checkNumbers(inputs);
    assert.deepEqual(batch, [VALID, VALID, '911124198108030024', 'KAZ110090123105'].map((x) => checkNumber(x)));
    assert.equal(batch[1].ok, true);
  });

  it('a getter is read once: the report shows the value that was validated', () => {
    let reads = 0;
    const inputs = [];
    Object.defineProperty(inputs, 0, { enumerable: true, get: () => (reads++ === 0 ? VALID : 'not-a-number') });
    const [r] = checkNumbers(inputs);
    assert.equal(reads, 1);
    assert.equal(r.input, VALID);
    assert.equal(r.ok, true);
  });
});

describe('trust stores', () => {
  it('a forged {__cnidHandle: 1}, a plain object, a Proxy of a store, a freed store: INVALID_TRUST_STORE', () => {
    const real = store();
    for (const fake of [{ __cnidHandle: 1 }, {}, new Proxy(real, {}), Object.create(TrustStore.prototype), revokedProxy(), 1]) {
      throwsCode(() => verifyDump(Y_JWK, fake, { at: FRESH_AT }), 'INVALID_TRUST_STORE');
      throwsCode(() => verifyDumps([Y_JWK], fake, { at: FRESH_AT }), 'INVALID_TRUST_STORE');
    }
    const freed = store();
    freed.free();
    freed.free(); // idempotent
    throwsCode(() => verifyDump(Y_JWK, freed, { at: FRESH_AT }), 'INVALID_TRUST_STORE');
    // Methods on a freed store, or called on something that is not a store, throw a coded error.
    for (const call of [
      () => freed.addJwks(JWKS),
      () => freed.revokeKid('x'),
      () => freed.kids(),
      () => freed.keyCount,
      () => TrustStore.prototype.addJwks.call({ __wbg_ptr: 8 }, JWKS),
      () => TrustStore.prototype.revokeCertificate.call(revokedProxy(), 'x'),
    ]) {
      throwsCode(call, 'INVALID_TRUST_STORE');
    }
    assert.equal(verifyDump(Y_JWK, real, { at: FRESH_AT }).ok, true);
    real.free();
  });

  it('a store of a second module instance is not a store of this one', async () => {
    const web = await import(pathToFileURL(path.join(PKG, 'web.js')).href);
    web.initSync({ module: fs.readFileSync(path.join(PKG, 'cnid_verify_bg.wasm')) });
    const other = new web.TrustStore(); // empty: trusts nothing
    const mine = store();
    assert.equal(verifyDump(Y_JWK, mine, { at: FRESH_AT }).ok, true);
    throwsCode(() => verifyDump(Y_JWK, other, { at: FRESH_AT }), 'INVALID_TRUST_STORE');
    throwsCode(() => web.verifyDump(Y_JWK, mine, { at: FRESH_AT }), 'INVALID_TRUST_STORE');
    assert.equal(web.verifyDump(Y_JWK, other, { at: FRESH_AT }).ok, false, 'its own empty store trusts nothing');
    other.free();
    mine.free();
  });

  it('a JWK set object whose toJSON throws is a coded error; one that re-enters the store is harmless', () => {
    const s = new TrustStore();
    throwsCode(() => s.addJwks({ toJSON() { throw new Error('boom'); } }), 'INVALID_ARGUMENT');
    // The object is serialised before the store is touched, so a re-entrant add is just an add.
    const inner = s.addJwks({ toJSON: () => { s.addJwks(JWKS); return JSON.parse(JWKS); } });
    assert.equal(inner.added, 0, 'the re-entrant call added the keys first');
    assert.equal(s.keyCount, 3);
    const cyclic = {};
    cyclic.self = cyclic;
    throwsCode(() => s.addJwks(cyclic), 'INVALID_ARGUMENT');
    s.free();
    moduleWorks();
  });

  it('revocation inputs have limits and bounded messages', () => {
    const s = store();
    const error = (fn) => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      return null;
    };
    for (const [serial, code] of [['ab'.repeat(5_000_000), 'INPUT_TOO_LARGE'], ['ab'.repeat(250_000), 'INVALID_SERIAL']]) {
      const e = error(() => s.revokeSerialAnyIssuer(serial));
      assert.equal(e?.code, code);
      assert.ok(e.message.length < 300, `${e.message.length} characters`);
    }
    throwsCode(() => s.revokeKid('k'.repeat(300)), 'INVALID_KID');
    throwsCode(() => s.revokeKid(''), 'INVALID_KID');
    throwsCode(() => s.revokeKid(7), 'INVALID_ARGUMENT');
    const out = s.revokeKid('Test-Reader-1');
    assert.deepEqual([out.added, out.matched], [true, false]);
    assert.deepEqual(out.warnings.map((w) => w.code), ['NO_MATCH', 'KID_CASE_DIFFERS']);
    s.free();
  });
});

describe('the helpers (ageAt, maskNumber, rebuildFpr15, generateNumber)', () => {
  const { ageAt, maskNumber, rebuildFpr15, generateNumber } = api;

  it('a revoked Proxy or a throwing getter as options is INVALID_OPTION', () => {
    for (const opts of [revokedProxy(), throwingOptions()]) {
      throwsCode(() => maskNumber(VALID, opts), 'INVALID_OPTION');
      throwsCode(() => rebuildFpr15('911124198108030024', '001', opts), 'INVALID_OPTION');
      throwsCode(() => generateNumber(opts), 'INVALID_OPTION');
      throwsCode(() => ageAt(VALID, opts), 'INVALID_OPTION');
    }
    throwsCode(() => generateNumber({ kind: 'fpr18', get seed() { throw new Error('boom'); } }), 'INVALID_OPTION');
    moduleWorks();
  });

  it('ageAt reads a report through own data properties only: a Proxy, a getter or a prototype is not a report', () => {
    const report = checkNumber(VALID, { at: '2026-06-01' });
    throwsCode(() => ageAt(revokedProxy(), '2026-06-01'), 'INVALID_ARGUMENT');
    throwsCode(() => ageAt(new Proxy(report, { getOwnPropertyDescriptor() { throw new Error('trap'); } }), '2026-06-01'), 'INVALID_ARGUMENT');
    let ran = false;
    const getterReport = { ok: true, get info() { ran = true; return report.info; } };
    throwsCode(() => ageAt(getterReport, '2026-06-01'), 'INVALID_ARGUMENT');
    assert.equal(ran, false);
    throwsCode(() => ageAt(Object.create(report), '2026-06-01'), 'INVALID_ARGUMENT');
    try {
      Object.prototype.ok = true;
      Object.prototype.info = { birthDate: '2000-01-01' };
      throwsCode(() => ageAt({}, '2026-06-01'), 'INVALID_ARGUMENT');
    } finally {
      delete Object.prototype.ok;
      delete Object.prototype.info;
    }
    assert.equal(ageAt(report, '2026-06-01'), 76);
    moduleWorks();
  });

  it('a polluted Object.prototype adds no option', () => {
    try {
      Object.prototype.seed = 1;
      Object.prototype.keepStart = 18;
      throwsCode(() => generateNumber({ kind: 'fpr18' }), 'INVALID_OPTION');
      assert.equal(maskNumber(VALID, {}), '1101**********002X');
    } finally {
      delete Object.prototype.seed;
      delete Object.prototype.keepStart;
    }
  });

  it('a yup-like context made hostile is a coded error or no options, never an exception through wasm', () => {
    throwsCode(() => isValidNumber(VALID, revokedProxy()), 'INVALID_OPTION');
    const trap = new Proxy({ createError() {} }, { ownKeys() { throw new Error('trap'); } });
    throwsCode(() => isValidNumber(VALID, trap), 'INVALID_OPTION');
    assert.equal(isValidNumber(VALID, { createError() {}, path: 'x' }), true);
    moduleWorks();
  });
});

describe('the module survives misuse', () => {
  it('100,000 misuse calls of every kind, then every export still works', () => {
    const s = store();
    const misuses = [
      () => checkNumber(1),
      () => checkNumber(VALID, revokedProxy()),
      () => checkNumbers(throwingArray()),
      () => checkNumbers(revokedProxy([])),
      () => isValidNumber(VALID, throwingOptions()),
      () => parseChipText(detachedBuffer()),
      () => parseChipText(Object.create(Uint8Array.prototype)),
      () => verifyDump(Y_JWK, { __cnidHandle: 1 }),
      () => verifyDump(revokedProxy(), s),
      () => verifyDump(Y_JWK, s, { at: Object.create(Date.prototype) }),
      () => verifyDumps(throwingArray(), s),
      () => s.addCertificate(revokedProxy()),
      () => TrustStore.prototype.kids.call({}),
      () => api.ageAt(revokedProxy()),
      () => api.maskNumber(VALID, revokedProxy()),
      () => api.generateNumber({ kind: 'fpr15', seed: 1, sex: 'male' }),
      () => api.rebuildFpr15(VALID, 1),
    ];
    for (let i = 0; i < 100_000; i++) {
      const fn = misuses[i % misuses.length];
      let code;
      try {
        fn();
      } catch (e) {
        code = e.code;
      }
      if (typeof code !== 'string') assert.fail(`misuse #${i % misuses.length} threw without a code`);
    }
    moduleWorks();
    assert.equal(checkNumbers([VALID])[0].ok, true);
    assert.equal(parseChipText(new Uint8Array(256)).ok, false);
    s.free();
  });
});

describe('a polluted Array.prototype', () => {
  it('an index setter on Array.prototype cannot throw through wasm: results or coded errors', () => {
    const s = store();
    const numbers = [VALID, 'KAZ110090123105', '110105199002300028'];
    const before = checkNumbers(numbers);
    const one = verifyDumps([Y_JWK], s, { at: FRESH_AT }).map((r) => r.ok);
    // Reports are built with ordinary assignment: the setter runs, and its exception comes back
    // as a coded error (the JS builders are `catch` imports, verifyDumps stores through
    // Reflect.set), never as an exception through wasm.
    const resultOrCode = (fn, expected) => {
      let got;
      try {
        got = fn();
      } catch (e) {
        assert.equal(e.code, 'INTERNAL', e.message);
        return;
      }
      assert.deepEqual(got, expected);
    };
    Object.defineProperty(Array.prototype, '0', {
      configurable: true,
      set() {
        throw new Error('polluted');
      },
    });
    try {
      for (let i = 0; i < 2000; i++) {
        resultOrCode(() => checkNumbers(numbers), before);
        resultOrCode(() => verifyDumps([Y_JWK], s, { at: FRESH_AT }).map((r) => r.ok), one);
      }
    } finally {
      delete Array.prototype[0];
    }
    s.free();
    moduleWorks();
  });
});
