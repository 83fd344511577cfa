// The JS API of the built package: loading (CJS, ESM, one shared instance), report shapes for the
// specimen numbers, misuse errors, the trust store, parseChipText and verifyDump(s).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, PKG, dumpManifest, hexToBytes, applyTrust, caseOptions } from './helpers.mjs';

const require = createRequire(import.meta.url);
const cjs = require(path.join(PKG, 'node.cjs'));
const esm = await import(path.join(PKG, 'node.mjs'));

const PUBLIC_FUNCTIONS = [
  'TrustStore',
  'ageAt',
  'checkNumber',
  'checkNumbers',
  'generateNumber',
  'init',
  'isValidNumber',
  'maskNumber',
  'parseChipText',
  'rebuildFpr15',
  'upgradeResident15',
  'verifyDump',
  'verifyDumpAsync',
  'verifyDumps',
  'verifyDumpsAsync',
  'version',
];
const PUBLIC_CONSTANTS = ['NUMBER_PATTERN'];
const PUBLIC_NAMES = [...PUBLIC_FUNCTIONS, ...PUBLIC_CONSTANTS];

describe('loading', () => {
  it('require(node.cjs) and import(node.mjs) expose the public API', () => {
    for (const name of PUBLIC_CONSTANTS) assert.equal(typeof esm[name], 'string', name);
    for (const name of PUBLIC_FUNCTIONS) {
      assert.equal(typeof cjs[name], 'function', `cjs.${name}`);
      assert.equal(typeof esm[name], 'function', `esm.${name}`);
    }
    assert.deepEqual(Object.keys(esm).sort(), [...PUBLIC_NAMES].sort());
  });

  it('CJS and ESM share one wasm instance and one TrustStore class', () => {
    for (const name of PUBLIC_NAMES) assert.equal(esm[name], cjs[name], name);
    const store = new esm.TrustStore();
    assert.ok(store instanceof cjs.TrustStore);
    store.addJwks(fs.readFileSync(path.join(FIXTURES, 'trust', 'test-jwks.json'), 'utf8'));
    // A store made through one entry point is accepted by the other.
    const report = cjs.verifyDump(new Uint8Array(0), store);
    assert.equal(report.ok, false);
    store.free();
  });

  it('version() is the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
    assert.equal(esm.version(), pkg.version);
    assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  });
});

describe('checkNumber specimens', () => {
  const { checkNumber, checkNumbers, isValidNumber } = esm;

  it('911124198108030024: fpr18, Beijing, Canada, female', () => {
    const r = checkNumber('911124198108030024');
    assert.equal(r.input, '911124198108030024');
    assert.equal(r.ok, true);
    assert.equal(r.kind, 'fpr18');
    assert.equal(r.normalized, '911124198108030024');
    assert.deepEqual(r.errors, []);
    assert.ok(Array.isArray(r.warnings));
    assert.equal(r.info.birthDate, '1981-08-03');
    assert.equal(r.info.sex, 'female');
    assert.equal(r.info.province.code, '11');
    assert.equal(r.info.nationality.alpha3, 'CAN');
    assert.equal(r.info.region, null);
    for (const key of ['birthDate', 'sex', 'province', 'nationality', 'region', 'checkDigit']) {
      assert.ok(key in r.info, `info.${key}`);
    }
  });

  it('932682198501010017: fpr18, male, Jiangsu, Saudi Arabia', () => {
    const r = checkNumber('932682198501010017');
    assert.equal(r.ok, true);
    assert.equal(r.kind, 'fpr18');
    assert.equal(r.info.sex, 'male');
    assert.equal(r.info.province.code, '32');
    assert.equal(r.info.province.nameEn, 'Jiangsu');
    assert.equal(r.info.nationality.alpha3, 'SAU');
    assert.equal(r.info.birthDate, '1985-01-01');
  });

  it('11010519491231002X: resident18', () => {
    const r = checkNumber('11010519491231002X');
    assert.equal(r.ok, true);
    assert.equal(r.kind, 'resident18');
    assert.equal(r.info.birthDate, '1949-12-31');
    assert.equal(r.info.nationality, null);
  });

  it('110105199002300028: BIRTH_DATE (Feb 30)', () => {
    const r = checkNumber('110105199002300028');
    assert.equal(r.ok, false);
    assert.equal(r.kind, 'resident18');
    assert.ok(r.errors.some((e) => e.code === 'BIRTH_DATE'), JSON.stringify(r.errors));
    for (const e of r.errors) assert.equal(typeof e.message, 'string');
  });

  it('KAZ110090123105: fpr15; KAZ110090123107: CHECK_DIGIT', () => {
    const good = checkNumber('KAZ110090123105');
    assert.equal(good.ok, true);
    assert.equal(good.kind, 'fpr15');
    assert.equal(good.info.nationality.alpha3, 'KAZ');
    const bad = checkNumber('KAZ110090123107');
    assert.equal(bad.ok, false);
    assert.equal(bad.kind, 'fpr15');
    assert.ok(bad.errors.some((e) => e.code === 'CHECK_DIGIT'), JSON.stringify(bad.errors));
    // fpr15CheckDigit: 'warning' downgrades the mismatch.
    const lenient = checkNumber('KAZ110090123107', { fpr15CheckDigit: 'warning' });
    assert.equal(lenient.ok, true);
    assert.ok(lenient.warnings.some((w) => w.code === 'CHECK_DIGIT'), JSON.stringify(lenient.warnings));
  });

  it('810000199001011230: hmt18, region HK', () => {
    const r = checkNumber('810000199001011230');
    assert.equal(r.ok, true);
    assert.equal(r.kind, 'hmt18');
    assert.equal(r.info.region, 'HK');
  });

  it("'' is EMPTY", () => {
    const r = checkNumber('');
    assert.equal(r.ok, false);
    assert.equal(r.kind, null);
    assert.deepEqual(
      r.errors.map((e) => e.code),
      ['EMPTY'],
    );
  });

  it('lower-case x is folded, but not in strict mode', () => {
    const r = checkNumber('11010519900101007x');
    assert.equal(r.ok, true);
    assert.equal(r.normalized, '11010519900101007X');
    assert.equal(isValidNumber('11010519900101007x'), true);
    const strict = checkNumber('11010519900101007x', { strict: true });
    assert.equal(strict.ok, false);
    assert.equal(isValidNumber('11010519900101007x', { strict: true }), false);
  });

  it('at: a birth date after the check date is rejected', () => {
    assert.equal(isValidNumber('911124198108030024', { at: '1981-08-02' }), false);
    assert.equal(isValidNumber('911124198108030024', { at: '1981-08-03' }), true);
    assert.equal(isValidNumber('911124198108030024', { at: new Date('2000-01-01T00:00:00Z') }), true);
    assert.equal(isValidNumber('911124198108030024', { at: Date.UTC(1980, 0, 1) }), false);
  });

  it('checkNumbers keeps input order and agrees with checkNumber and isValidNumber', () => {
    const inputs = ['911124198108030024', '', '110105199002300028', 'KAZ110090123105', '810000199001011230'];
    const batch = checkNumbers(inputs);
    assert.equal(batch.length, inputs.length);
    batch.forEach((r, i) => {
      assert.equal(r.input, inputs[i]);
      assert.deepEqual(r, checkNumber(inputs[i]));
      assert.equal(isValidNumber(inputs[i]), r.ok);
    });
    assert.deepEqual(checkNumbers([]), []);
  });
});

describe('locale and params', () => {
  const { checkNumber, checkNumbers } = esm;

  it('params carry the values a message is about, the same in every locale and in batches', () => {
    const en = checkNumber('11010519491231002Y');
    assert.deepEqual(en.errors, [
      {
        code: 'FORMAT',
        message: "character 'Y' at position 18 not allowed there (resident18 is 17 digits + a digit or 'X')",
        params: { positions: [18], characters: ['Y'], kind: 'resident18' },
      },
    ]);
    const zh = checkNumber('11010519491231002Y', { locale: 'zh-CN' });
    assert.equal(zh.errors[0].message, "第 18 位的字符 'Y' 在该位置不允许（resident18 为 17 位数字 + 1 位数字或 'X'）");
    assert.deepEqual(zh.errors[0].params, en.errors[0].params);
    const r = checkNumber('110105199002300028', { locale: 'zh-CN' });
    assert.deepEqual(r.errors[0].params, { problem: 'NOT_A_DATE', value: '19900230', limit: null });
    assert.equal(r.errors[0].message, '出生日期数字 19900230 不是有效日期');
    const c = checkNumber('1101 ab', { strict: true });
    assert.deepEqual(c.errors[0].params, { positions: [5, 6, 7], characters: [' ', 'a', 'b'], lowercase: true });
    const w = checkNumber('130503670401001');
    assert.deepEqual(w.warnings[0].params, {});
    const inputs = ['11010519491231002Y', '110105194912310021', '', '1'.repeat(300), 'KAZ110090123107', '130503670401001'];
    for (const locale of ['en', 'zh-CN']) {
      assert.deepEqual(checkNumbers(inputs, { locale }), inputs.map((s) => checkNumber(s, { locale })));
    }
    assert.deepEqual(checkNumber('1'.repeat(300)).errors[0].params, { length: 300, limit: 256, optInKind: null });
  });

  it('locale must be "en" or "zh-CN"', () => {
    for (const locale of ['zh', 'ZH-CN', 'fr', 1, null]) {
      assert.throws(() => checkNumber('1', { locale }), { code: 'INVALID_OPTION', message: /locale must be "en" or "zh-CN"/ });
    }
    assert.equal(checkNumber('', { locale: undefined }).errors[0].message, 'the input is empty');
  });
});

describe('thrown errors in the caller\'s locale', () => {
  const han = /[\u4e00-\u9fff]/;
  const jwks = fs.readFileSync(path.join(FIXTURES, 'trust', 'test-jwks.json'), 'utf8');
  const issuer = fs.readFileSync(path.join(FIXTURES, 'trust', 'test-intermediate.pem'), 'utf8');

  /** The error `call(locale)` throws (it must throw). */
  function thrown(call, locale) {
    try {
      call(locale);
    } catch (e) {
      return e;
    }
    assert.fail(`no error with locale ${locale}`);
  }

  // Each call misuses the API and passes `locale` (undefined: no locale option at all, English; the
  // verify options reject a `locale: undefined`).
  const loc = (locale) => (locale === undefined ? {} : { locale });
  const { checkNumber, checkNumbers, isValidNumber, parseChipText, verifyDump, verifyDumps, TrustStore } = esm;
  const store = new TrustStore();
  const cases = {
    'checkNumber with a bad option': (locale) => checkNumber('1', { strict: 'yes', ...loc(locale) }),
    'checkNumber with an unknown option': (locale) => checkNumber('1', { strictly: true, ...loc(locale) }),
    'checkNumber with a non-string input': (locale) => checkNumber(42, loc(locale)),
    'checkNumbers with a non-string element': (locale) => checkNumbers(['1', 2], loc(locale)),
    'isValidNumber with a bad kinds option': (locale) => isValidNumber('1', { kinds: ['nope'], ...loc(locale) }),
    'verifyDump with a bad option': (locale) => verifyDump(new Uint8Array(1), store, { maxAgeSeconds: -1, ...loc(locale) }),
    'verifyDump with a non-TrustStore': (locale) => verifyDump(new Uint8Array(1), {}, loc(locale)),
    'verifyDumps with a non-array': (locale) => verifyDumps('x', store, loc(locale)),
    'parseChipText with wrong bytes': (locale) => parseChipText('not bytes', loc(locale)),
    'addJwks with bad JSON': (locale) => store.addJwks('{', loc(locale)),
    'addJwks with no keys': (locale) => store.addJwks('{}', loc(locale)),
    'revokeSerial with a bad serial': (locale) => store.revokeSerial(issuer, '12zz', loc(locale)),
    'revokeSerialAnyIssuer with no digits': (locale) => store.revokeSerialAnyIssuer(':', loc(locale)),
    'revokeKid with an empty kid': (locale) => store.revokeKid('', loc(locale)),
    'revokeCertificate with garbage': (locale) => store.revokeCertificate('garbage', loc(locale)),
    'addCertificate with garbage': (locale) => store.addCertificate(new Uint8Array([1, 2, 3]), loc(locale)),
    'addCertificate with a non-certificate PEM': (locale) =>
      store.addCertificate('-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n', loc(locale)),
  };

  for (const [name, call] of Object.entries(cases)) {
    it(`${name}: the same code, the message in Chinese with zh-CN and unchanged without a locale`, () => {
      const none = thrown(call, undefined);
      const en = thrown(call, 'en');
      const zh = thrown(call, 'zh-CN');
      assert.equal(typeof none.code, 'string');
      assert.equal(zh.code, none.code);
      assert.equal(en.code, none.code);
      assert.equal(zh.constructor, none.constructor);
      assert.equal(en.message, none.message);
      assert.doesNotMatch(none.message, han);
      assert.match(zh.message, han, zh.message);
      assert.doesNotMatch(zh.message, /\{[A-Za-z]+\}/, zh.message);
    });
  }

  it('the English messages stay as they were', () => {
    assert.equal(thrown(cases['checkNumber with a non-string input']).message, 'input must be a string, got number');
    assert.match(thrown(cases['checkNumber with an unknown option']).message, /^unknown option "strictly" \(allowed: strict, at, /);
    assert.equal(thrown(cases['checkNumbers with a non-string element']).message, 'inputs[1] must be a string, got number');
    assert.equal(
      thrown(cases['revokeSerial with a bad serial']).message,
      `serial "12zz" contains 'z', which is not a hex digit`,
    );
    assert.match(thrown(cases['addJwks with no keys']).message, /^not a JWK set: no "keys" member$/);
  });

  it('the error is in the locale even when the locale option comes after the bad one or another option is unknown', () => {
    const e = thrown(() => checkNumber('1', { at: 'yesterday', locale: 'zh-CN' }));
    assert.equal(e.code, 'INVALID_OPTION');
    assert.match(e.message, han);
    assert.match(e.message, /YYYY-MM-DD/);
  });

  it('where no locale can be known, errors stay English', () => {
    // An invalid locale itself, a locale behind a getter, options that are not an object.
    assert.doesNotMatch(thrown(() => checkNumber('1', { locale: 'zh' })).message, han);
    const getter = { get locale() { return 'zh-CN'; }, strict: 1 };
    assert.doesNotMatch(thrown(() => checkNumber('1', getter)).message, han);
    assert.doesNotMatch(thrown(() => checkNumber('1', 'zh-CN')).message, han);
    // Calls without a locale option: maskNumber, ageAt, generateNumber.
    assert.doesNotMatch(thrown(() => esm.maskNumber('1', { maskChar: '**', locale: 'zh-CN' })).message, han);
  });

  it('many localized throws in a row leave the module usable', () => {
    for (let i = 0; i < 3000; i++) {
      assert.throws(() => checkNumber(i, { locale: 'zh-CN' }), { code: 'INVALID_ARGUMENT', message: han });
    }
    assert.equal(checkNumber('11010519491231002X').ok, true);
  });
});

describe('isValidNumber as an array callback', () => {
  it('filter, some and every pass the index as a second argument: it is read as no options', () => {
    const list = ['11010519491231002X', '110105194912310021', '911124198108030024'];
    assert.deepEqual(list.filter(esm.isValidNumber), ['11010519491231002X', '911124198108030024']);
    assert.equal(list.some(cjs.isValidNumber), true);
    assert.equal(list.every(esm.isValidNumber), false);
    // Real option objects are still checked.
    assert.throws(() => esm.isValidNumber(list[0], { strcit: true }), (e) => e.code === 'INVALID_OPTION');
    assert.throws(() => esm.isValidNumber(list[0], 'strict'), (e) => e.code === 'INVALID_OPTION');
  });
});

describe('isValidNumber as a form predicate', () => {
  const coded = (code) => (e) => e instanceof TypeError && e.code === code;

  it('an absent value (undefined, null: an empty field) is false; other non-strings still throw', () => {
    for (const api of [esm, cjs]) {
      assert.equal(api.isValidNumber(undefined), false);
      assert.equal(api.isValidNumber(null), false);
      assert.equal(api.isValidNumber(undefined, { strict: true }), false);
      assert.equal(api.isValidNumber(''), false);
    }
    // Options are checked even for an absent value: a misspelt option is never silent.
    assert.throws(() => esm.isValidNumber(undefined, { strcit: true }), coded('INVALID_OPTION'));
    for (const bad of [42, 110105194912310020n, {}, [], true]) {
      assert.throws(() => esm.isValidNumber(bad), coded('INVALID_ARGUMENT'), String(bad));
    }
  });

  it("a validation library's context object (functions, no option name) is no options", () => {
    // The shape of yup's TestContext (yup calls test(value, context)).
    const context = { path: 'idNumber', type: 'cnid', createError() {}, resolve() {}, options: {}, parent: {}, schema: {} };
    assert.equal(esm.isValidNumber('11010519491231002X', context), true);
    assert.equal(esm.isValidNumber('110105194912310021', context), false);
    assert.equal(esm.isValidNumber(undefined, context), false);
    // An object with an option name is options, checked in full.
    assert.throws(() => esm.isValidNumber('11010519491231002X', { strict: true, path: 'x' }), coded('INVALID_OPTION'));
    assert.throws(() => esm.isValidNumber('11010519491231002X', { strict: true, createError() {} }), coded('INVALID_OPTION'));
    // No function: a misspelt options object, rejected.
    assert.throws(() => esm.isValidNumber('11010519491231002X', { strcit: true }), coded('INVALID_OPTION'));
    assert.throws(() => esm.isValidNumber('11010519491231002X', { path: 'idNumber' }), coded('INVALID_OPTION'));
    // Options hold no functions: a function-valued option is still an error.
    assert.throws(() => esm.isValidNumber('11010519491231002X', { at: () => 0 }), coded('INVALID_OPTION'));
    // Getters are not run to recognise a context (an accessor is not a function value).
    let ran = false;
    const sneaky = { get createError() { ran = true; return () => {}; } };
    assert.throws(() => esm.isValidNumber('11010519491231002X', sneaky), coded('INVALID_OPTION'));
    assert.equal(ran, false);
  });
});

describe('rebuildFpr15', () => {
  const coded = (code) => (e) => e instanceof TypeError && e.code === code;

  it('rebuilds the 2017 number of the 2023 specimen (card-formats.md §1.7), null otherwise', () => {
    const { rebuildFpr15 } = esm;
    assert.equal(rebuildFpr15('911124198108030024', '001'), 'CAN110081080310');
    assert.equal(cjs.rebuildFpr15(' 9111 2419 8108 0300 24 ', '001'), 'CAN110081080310');
    const rebuilt = esm.checkNumber('CAN110081080310');
    assert.equal(rebuilt.kind, 'fpr15');
    assert.equal(rebuilt.ok, true);
    for (const item of ['', '000', '0A1', '01', '0011']) assert.equal(rebuildFpr15('911124198108030024', item), null, item);
    for (const not of ['911124198108030025', '11010519491231002X', '']) assert.equal(rebuildFpr15(not, '001'), null, not);
    // Validated with the options: born after the check date, or a kind the field does not accept.
    assert.equal(rebuildFpr15('911124198108030024', '001', { at: '1981-08-02' }), null);
    assert.equal(rebuildFpr15('911124198108030024', '001', { kinds: ['resident18'] }), null);
    assert.throws(() => rebuildFpr15(911124198108030024, '001'), coded('INVALID_ARGUMENT'));
    assert.throws(() => rebuildFpr15('911124198108030024', 1), coded('INVALID_ARGUMENT'));
    assert.throws(() => rebuildFpr15('911124198108030024', '001', { nationality: 'CAN' }), coded('INVALID_OPTION'));
  });
});

describe('ageAt', () => {
  const coded = (code) => (e) => e instanceof TypeError && e.code === code;

  it('completed years in China Standard Time, of a number or a report', () => {
    const { ageAt, checkNumber } = esm;
    assert.equal(ageAt('11010519491231002X', '1967-12-30'), 17);
    assert.equal(ageAt('11010519491231002X', '1967-12-31'), 18);
    // 1967-12-30T16:00Z is already 12-31 in China.
    assert.equal(ageAt('11010519491231002X', Date.UTC(1967, 11, 30, 16)), 18);
    assert.equal(ageAt('11010519491231002X', new Date(Date.UTC(1967, 11, 30, 15, 59, 59))), 17);
    const report = checkNumber('11010519491231002X', { at: '2026-06-01' });
    assert.equal(ageAt(report, '1967-12-31'), 18);
    assert.equal(ageAt(report, '2026-06-01'), 76);
    assert.equal(typeof ageAt('11010519491231002X'), 'number', 'default: today');
    // 29 February: the age is reached on 1 March in common years.
    const leap = esm.generateNumber({ kind: 'resident18', seed: 1, birthDate: '2000-02-29' });
    assert.equal(ageAt(leap, '2018-02-28'), 17);
    assert.equal(ageAt(leap, '2018-03-01'), 18);
  });

  it('null for an invalid number or report, or a birth after the date; misuse throws', () => {
    const { ageAt, checkNumber } = esm;
    assert.equal(ageAt('110105194912310021', '2026-06-01'), null);
    assert.equal(ageAt('11010519491231002X', '1949-12-30'), null);
    assert.equal(ageAt(checkNumber('11010519491231002X', { at: '2026-06-01' }), '1949-12-30'), null);
    assert.equal(ageAt(checkNumber('110105199002300028'), '2026-06-01'), null);
    assert.equal(ageAt(''), null);
    for (const bad of [42, null, undefined, {}, { ok: true }, { ok: true, info: { birthDate: 'x' } }, []]) {
      assert.throws(() => ageAt(bad, '2026-06-01'), coded('INVALID_ARGUMENT'), String(bad));
    }
    for (const bad of ['2026-02-30', 'today', null, {}, NaN]) {
      assert.throws(() => ageAt('11010519491231002X', bad), coded('INVALID_OPTION'), String(bad));
    }
  });
});

describe('maskNumber', () => {
  const coded = (code) => (e) => e instanceof TypeError && e.code === code;

  it('shows the first 4 and last 4 characters of the normalised form by default', () => {
    const { maskNumber } = esm;
    assert.equal(maskNumber('11010519491231002X'), '1101**********002X');
    assert.equal(maskNumber(' 110105 19491231 002x '), '1101**********002X');
    assert.equal(maskNumber('911124198108030024'), '9111**********0024');
    assert.equal(maskNumber('CAN110081080319'), 'CAN*********319');
    assert.equal(maskNumber('H12345678'), 'H1*****78');
    assert.equal(maskNumber('11010519491231002X', { keepStart: 6, keepEnd: 1, maskChar: '•' }), '110105•••••••••••X');
    assert.equal(maskNumber('11010519491231002X', { keepStart: 0, keepEnd: 0 }), '******************');
  });

  it('any string gives a string, never all of it; misuse throws without echoing the input', () => {
    const { maskNumber } = esm;
    assert.equal(maskNumber(''), '');
    assert.equal(maskNumber('12345678'), '12****78');
    assert.equal(maskNumber('not a number'), 'NO******ER');
    assert.equal(maskNumber('x'.repeat(5000)).length, 5000);
    for (const bad of [11010519491231002, null, undefined, {}]) {
      assert.throws(() => maskNumber(bad), coded('INVALID_ARGUMENT'));
    }
    for (const opts of [{ keepStart: -1 }, { keepEnd: 1.5 }, { keepStart: 65 }, { maskChar: '' }, { maskChar: '**' }, { maskChar: '\n' }, { keep: 4 }]) {
      let thrown;
      try {
        maskNumber('11010519491231002X', opts);
      } catch (e) {
        thrown = e;
      }
      assert.ok(coded('INVALID_OPTION')(thrown), JSON.stringify(opts));
      assert.ok(!thrown.message.includes('1949'), thrown.message);
    }
  });
});

describe('generateNumber', () => {
  const coded = (code) => (e) => e instanceof TypeError && e.code === code;
  const KINDS = ['fpr18', 'fpr15', 'resident18', 'resident15', 'hmt18'];

  it('every kind: valid, of that kind, deterministic for the seed', () => {
    const { generateNumber, checkNumber } = esm;
    for (const kind of KINDS) {
      const seen = new Set();
      for (let seed = 0; seed < 50; seed++) {
        const n = generateNumber({ kind, seed });
        assert.equal(generateNumber({ kind, seed }), n);
        assert.equal(cjs.generateNumber({ kind, seed }), n);
        const r = checkNumber(n);
        assert.equal(r.ok, true, `${kind} ${seed} ${n}`);
        assert.equal(r.kind, kind);
        seen.add(n);
      }
      assert.ok(seen.size > 45, `${kind}: ${seen.size} distinct`);
    }
    assert.equal(generateNumber({ kind: 'resident18', seed: 1, birthDate: '1981-08-03', sex: 'male', province: '32' }), '321513198108036939');
  });

  it('the requested fields appear in the report', () => {
    const { generateNumber, checkNumber } = esm;
    const fpr = checkNumber(generateNumber({ kind: 'fpr18', seed: 9, birthDate: '1981-08-03', sex: 'female', province: 11, nationality: 'CAN' }));
    assert.equal(fpr.info.birthDate, '1981-08-03');
    assert.equal(fpr.info.sex, 'female');
    assert.equal(fpr.info.province.code, '11');
    assert.equal(fpr.info.nationality.alpha3, 'CAN');
    assert.equal(checkNumber(generateNumber({ kind: 'fpr15', seed: 9, nationality: '124' })).info.nationality.alpha3, 'CAN');
    assert.equal(checkNumber(generateNumber({ kind: 'hmt18', seed: 9, region: 'MO' })).info.region, 'MO');
    assert.equal(checkNumber(generateNumber({ kind: 'resident15', seed: 9, birthDate: new Date(Date.UTC(1970, 0, 1)) })).info.birthDate, '1970-01-01');
  });

  it('requests a kind cannot meet are INVALID_OPTION; a missing kind or seed too', () => {
    const { generateNumber } = esm;
    const invalid = [
      undefined,
      {},
      { kind: 'fpr18' },
      { seed: 1 },
      { kind: 'passport', seed: 1 },
      { kind: 'fpr18', seed: -1 },
      { kind: 'fpr18', seed: 1.5 },
      { kind: 'fpr18', seed: '1' },
      { kind: 'fpr18', seed: 2 ** 53 },
      { kind: 'fpr15', seed: 1, sex: 'male' },
      { kind: 'fpr18', seed: 1, sex: 'm' },
      { kind: 'hmt18', seed: 1, province: '11' },
      { kind: 'fpr18', seed: 1, province: '71' },
      { kind: 'resident18', seed: 1, province: '99' },
      { kind: 'resident18', seed: 1, province: '1' },
      { kind: 'resident18', seed: 1, region: 'HK' },
      { kind: 'hmt18', seed: 1, region: 'CN' },
      { kind: 'resident18', seed: 1, nationality: 'CAN' },
      { kind: 'fpr18', seed: 1, nationality: 'CHN' },
      { kind: 'fpr18', seed: 1, nationality: 'XYZ' },
      { kind: 'resident18', seed: 1, birthDate: '1899-12-31' },
      { kind: 'resident18', seed: 1, birthDate: '2999-01-01' },
      { kind: 'resident18', seed: 1, birthDate: '1990-02-30' },
      { kind: 'resident15', seed: 1, birthDate: '2001-01-01' },
      { kind: 'fpr15', seed: 1, birthDate: '1925-01-01' },
      { kind: 'fpr18', seed: 1, count: 3 },
    ];
    for (const opts of invalid) assert.throws(() => generateNumber(opts), coded('INVALID_OPTION'), JSON.stringify(opts));
  });
});

describe('NUMBER_PATTERN', () => {
  it('accepts every valid fixture-shaped number as an <input pattern> would (whole value, v flag)', () => {
    const re = new RegExp(`^(?:${esm.NUMBER_PATTERN})$`, 'v');
    for (const n of ['911124198108030024', '932682198501010017', '11010519491231002X', '11010519491231002x', 'KAZ110090123105', '810000199001011230', '130503670401001']) {
      assert.ok(re.test(n), n);
    }
    for (const n of ['', '1101051949123100', '11010519491231002Y', 'KA1110090123105', '110105 19491231002X']) assert.ok(!re.test(n), n);
  });
});

describe('upgradeResident15', () => {
  it('gives the 18-character number of a valid legacy number, null otherwise; misuse throws', () => {
    const { checkNumber, upgradeResident15 } = esm;
    const coded = (code) => (e) => e instanceof TypeError && e.code === code;
    const up = upgradeResident15('130503670401001');
    assert.equal(up.length, 18);
    assert.equal(up.slice(0, 17), '13050319670401001');
    const r = checkNumber(up);
    assert.equal(r.ok, true);
    assert.equal(r.kind, 'resident18');
    assert.equal(r.info.birthDate, '1967-04-01');
    assert.equal(cjs.upgradeResident15(' 130503 670401 001 '), up);
    for (const not of ['130503670229001', '11010519491231002X', '', 'abc']) assert.equal(upgradeResident15(not), null, not);
    assert.throws(() => upgradeResident15(130503670401001), coded('INVALID_ARGUMENT'));
    assert.throws(() => upgradeResident15('130503670401001', { strcit: true }), coded('INVALID_OPTION'));
  });
});

describe('checkNumbers batches', () => {
  const { checkNumber, checkNumbers } = cjs;

  it('gives the same reports as checkNumber, in input order, for awkward inputs', () => {
    const inputs = [
      '911124198108030024', ' 11010519491231002x ', '', '   ', 'KAZ110090123105', '110105199002300028',
      '１１０１０５１９４９１２３１００２Ｘ', 'ab\u{d800}c', '😀'.repeat(40), 'x'.repeat(300), '810000199001011230',
      '130503670401001', '9111241981080300', 'CAN110081080319',
    ];
    const batch = checkNumbers(inputs, { at: '2026-06-01' });
    assert.equal(batch.length, inputs.length);
    inputs.forEach((s, i) => assert.deepEqual(batch[i], checkNumber(s, { at: '2026-06-01' }), `input ${i}`));
    assert.equal(batch[1].input, ' 11010519491231002x ');
    assert.equal(batch[1].normalized, '11010519491231002X');
    assert.equal(batch[9].errors[0].code, 'LENGTH');
    assert.ok(batch[9].input.length < 300, 'an over-long input is echoed truncated');
  });

  it('shares frozen table entries between reports', () => {
    const [a, b] = checkNumbers(['911124198108030024', '911124198108030024']);
    assert.equal(a.info.nationality, b.info.nationality);
    for (const o of [a.info.province, a.info.nationality, a.info.checkDigit]) assert.ok(Object.isFrozen(o));
    assert.ok(!Object.isFrozen(a) && !Object.isFrozen(a.info), 'reports themselves are plain objects');
    assert.throws(() => { 'use strict'; a.info.province.nameEn = 'x'; }, TypeError);
  });

  it('rejects a non-string element with a coded TypeError and stays usable', () => {
    assert.throws(() => checkNumbers(['911124198108030024', 42]), (e) => e instanceof TypeError && e.code === 'INVALID_ARGUMENT' && /inputs\[1\]/.test(e.message));
    assert.equal(checkNumbers(['911124198108030024'])[0].ok, true);
  });
});

describe('misuse throws an Error with a code, and the module keeps working', () => {
  const { checkNumber, checkNumbers, isValidNumber, verifyDump, TrustStore } = esm;

  function assertThrowsCode(fn, code, ctor = Error) {
    let thrown;
    try {
      fn();
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown, `expected a throw with code ${code}`);
    assert.ok(thrown instanceof ctor, `expected ${ctor.name}, got ${thrown?.constructor?.name}: ${thrown}`);
    assert.equal(thrown.code, code, `message: ${thrown.message}`);
    assert.equal(typeof thrown.message, 'string');
    // ... and the module still works afterwards.
    assert.equal(checkNumber('911124198108030024').ok, true);
  }

  it('wrong argument types are TypeErrors with code INVALID_ARGUMENT', () => {
    assertThrowsCode(() => checkNumber(123), 'INVALID_ARGUMENT', TypeError);
    assertThrowsCode(() => checkNumber(), 'INVALID_ARGUMENT', TypeError);
    assertThrowsCode(() => checkNumber(null), 'INVALID_ARGUMENT', TypeError);
    assertThrowsCode(() => isValidNumber({}), 'INVALID_ARGUMENT', TypeError);
    assertThrowsCode(() => checkNumbers('911124198108030024'), 'INVALID_ARGUMENT', TypeError);
    assertThrowsCode(() => checkNumbers(['911124198108030024', 7]), 'INVALID_ARGUMENT', TypeError);
    assertThrowsCode(() => esm.parseChipText('not bytes'), 'INVALID_ARGUMENT', TypeError);
  });

  it('many misuse throws in a row leak nothing that breaks the module', () => {
    // isValidNumber throws from inside wasm (no Result array on the fast path): hammer it.
    for (let i = 0; i < 20000; i++) {
      try {
        isValidNumber(i % 2 ? {} : 42, i % 3 ? undefined : { strict: true });
        assert.fail('expected a throw');
      } catch (e) {
        assert.equal(e.code, 'INVALID_ARGUMENT');
      }
      if (i % 5000 === 0) assertThrowsCode(() => isValidNumber('1', { bogus: 1 }), 'INVALID_OPTION', TypeError);
    }
    assert.equal(isValidNumber('911124198108030024'), true);
    assert.equal(checkNumbers(['911124198108030024'])[0].ok, true);
  });

  it('bad options are TypeErrors with code INVALID_OPTION', () => {
    assertThrowsCode(() => checkNumber('911124198108030024', { strcit: true }), 'INVALID_OPTION', TypeError);
    assertThrowsCode(() => checkNumber('911124198108030024', { strict: 'yes' }), 'INVALID_OPTION', TypeError);
    assertThrowsCode(() => checkNumber('911124198108030024', { at: '2026-02-30' }), 'INVALID_OPTION', TypeError);
    assertThrowsCode(() => checkNumber('911124198108030024', { fpr15CheckDigit: 'off' }), 'INVALID_OPTION');
    const store = new TrustStore();
    assertThrowsCode(() => verifyDump(new Uint8Array(1), store, { maxAgeSeconds: -1 }), 'INVALID_OPTION');
    assertThrowsCode(() => verifyDump(new Uint8Array(1), store, { nonce: new Uint8Array(4) }), 'INVALID_OPTION');
    store.free();
  });

  it('travel permits: hkmo_pass by default, tw_pass only when kinds lists it; both paths agree', () => {
    const hk = checkNumber('H12345678');
    assert.deepEqual([hk.ok, hk.kind, hk.info.region, hk.info.issueCount, hk.info.birthDate], [true, 'hkmo_pass', 'HK', null, null]);
    assert.deepEqual(hk.warnings.map((w) => w.code), ['NO_CHECK_CHARACTER']);
    const mo = checkNumber('M8765432112');
    assert.deepEqual([mo.ok, mo.kind, mo.info.region, mo.info.issueCount], [true, 'hkmo_pass', 'MO', '12']);
    assert.deepEqual(mo.warnings.map((w) => w.code), ['NO_CHECK_CHARACTER', 'OLD_PASS_FORMAT']);
    assert.deepEqual(checkNumber('A12345678').errors.map((e) => e.code), ['FORMAT']);
    // tw_pass is opt-in: without it, 8 digits are no kind at all.
    const noTw = checkNumber('12345678');
    assert.deepEqual([noTw.kind, noTw.info, noTw.errors.map((e) => e.code)], [null, null, ['LENGTH']]);
    assert.match(noTw.errors[0].message, /kinds option includes tw_pass/);
    assert.equal(isValidNumber('12345678'), false);
    assert.equal(['12345678'].filter(isValidNumber).length, 0);
    const kinds = ['hkmo_pass', 'tw_pass'];
    const tw = checkNumber('0561682001', { kinds });
    assert.deepEqual([tw.ok, tw.kind, tw.info.region, tw.info.issueCount], [true, 'tw_pass', 'TW', '01']);
    assert.equal(isValidNumber('12345678', { kinds }), true);
    // The batch encoding carries the issue count too.
    assert.deepEqual(checkNumbers(['0561682001', 'H12345678', '12345678'], { kinds }), [
      tw, checkNumber('H12345678', { kinds }), checkNumber('12345678', { kinds }),
    ]);
    assert.deepEqual(checkNumber('H12345678', { kinds: ['tw_pass'] }).errors.map((e) => e.code), ['KIND_NOT_ALLOWED']);
  });

  it('kinds: the accepted kinds; anything but a non-empty array of kind names is INVALID_OPTION', () => {
    const kinds = ['resident18', 'fpr18'];
    assert.equal(checkNumber('11010519491231002X', { kinds }).ok, true);
    const permit = checkNumber('810000199408230021', { kinds });
    assert.equal(permit.ok, false);
    assert.equal(permit.kind, 'hmt18');
    assert.deepEqual(permit.errors.map((e) => e.code), ['KIND_NOT_ALLOWED']);
    assert.equal(isValidNumber('810000199408230021', { kinds }), false);
    assert.deepEqual(checkNumbers(['810000199408230021'], { kinds })[0], permit);
    assert.equal(checkNumber('810000199408230021', { kinds: undefined }).ok, true);
    for (const bad of [[], ['hmt'], 'resident18', [1], new Array(17).fill('fpr18')]) {
      assertThrowsCode(() => checkNumber('810000199408230021', { kinds: bad }), 'INVALID_OPTION', TypeError);
    }
    const hostile = ['fpr18'];
    Object.defineProperty(hostile, 0, { get() { throw new Error('boom'); } });
    assertThrowsCode(() => checkNumber('810000199408230021', { kinds: hostile }), 'INVALID_OPTION', TypeError);
    assert.equal(checkNumber('11010519491231002X', { kinds }).ok, true);
  });

  it('a trust store argument that is not a live TrustStore is rejected', () => {
    assertThrowsCode(() => verifyDump(new Uint8Array(1), {}), 'INVALID_TRUST_STORE', TypeError);
    assertThrowsCode(() => verifyDump(new Uint8Array(1), undefined), 'INVALID_TRUST_STORE', TypeError);
    const store = new TrustStore();
    store.free();
    assertThrowsCode(() => verifyDump(new Uint8Array(1), store), 'INVALID_TRUST_STORE', TypeError);
  });

  it('bad trust material: INVALID_JWKS, INVALID_CERTIFICATE', () => {
    const store = new TrustStore();
    assertThrowsCode(() => store.addJwks('{not json'), 'INVALID_JWKS');
    assertThrowsCode(() => store.addCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), 'INVALID_CERTIFICATE');
    assertThrowsCode(() => store.addCertificate(new Uint8Array([1, 2, 3])), 'INVALID_CERTIFICATE');
    assertThrowsCode(() => store.addJwks(42), 'INVALID_ARGUMENT', TypeError);
    assert.equal(store.keyCount, 0);
    assert.equal(store.anchorCount, 0);
    store.free();
  });
});

describe('TrustStore', () => {
  const { TrustStore } = esm;
  const jwks = fs.readFileSync(path.join(FIXTURES, 'trust', 'test-jwks.json'), 'utf8');
  const rootPem = fs.readFileSync(path.join(FIXTURES, 'trust', 'test-root.pem'), 'utf8');

  it('addJwks (text and object), addCertificate (PEM and DER), kids, anchors, revocation', () => {
    const store = new TrustStore();
    const added = store.addJwks(jwks);
    assert.equal(added.added, 3);
    assert.ok(added.warnings.length >= 1, 'the OKP stub is skipped with a warning');
    for (const w of added.warnings) assert.equal(typeof w.code, 'string');
    assert.equal(store.keyCount, 3);
    assert.deepEqual([...store.kids()].sort(), ['test-reader-1', 'test-reader-2', 'test-reader-revoked']);

    const again = new TrustStore();
    assert.equal(again.addJwks(JSON.parse(jwks)).added, 3);
    again.free();

    assert.equal(store.addCertificate(rootPem), 1);
    const der = Buffer.from(rootPem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
    const derStore = new TrustStore();
    assert.equal(derStore.addCertificate(new Uint8Array(der)), 1);
    assert.deepEqual(derStore.anchors(), store.anchors());
    derStore.free();
    assert.equal(store.anchorCount, 1);
    const [anchor] = store.anchors();
    for (const key of ['subject', 'issuer', 'serialHex', 'notBefore', 'notAfter', 'fingerprintSha256']) {
      assert.equal(typeof anchor[key], 'string', key);
    }
    assert.equal(anchor.serialHex, '01');

    store.revokeKid('test-reader-revoked');
    store.revokeSerial(fs.readFileSync(path.join(FIXTURES, 'trust', 'test-intermediate.pem'), 'utf8'), '8badf00d');
    store.free();
  });

  it('the methods that return warnings take { locale }; codes do not change', () => {
    const han = /[\u4e00-\u9fff]/;
    const en = new TrustStore();
    const zh = new TrustStore();
    const a = en.addJwks(jwks);
    const b = zh.addJwks(jwks, { locale: 'zh-CN' });
    assert.deepEqual(b.warnings.map((w) => w.code), a.warnings.map((w) => w.code));
    assert.equal(b.added, a.added);
    for (const w of b.warnings) assert.match(w.message, han);
    assert.doesNotMatch(a.warnings[0].message, han);
    assert.deepEqual(en.addJwks(jwks, { locale: 'en' }).warnings, en.addJwks(jwks, {}).warnings);
    const kidEn = en.revokeKid('no-such-kid');
    const kidZh = zh.revokeKid('no-such-kid', { locale: 'zh-CN' });
    assert.deepEqual(kidZh.warnings.map((w) => w.code), kidEn.warnings.map((w) => w.code));
    assert.match(kidZh.warnings[0].message, /不匹配任何受信任的 JWK/);
    assert.match(zh.revokeSerialAnyIssuer('01', { locale: 'zh-CN' }).warnings[0].message, /已在所有颁发者下吊销/);
    const issuer = fs.readFileSync(path.join(FIXTURES, 'trust', 'test-intermediate.pem'), 'utf8');
    for (const w of zh.revokeSerial(issuer, '8badf00d', { locale: 'zh-CN' }).warnings) assert.match(w.message, han);
    for (const w of zh.revokeCertificate(issuer, { locale: 'zh-CN' }).warnings) assert.match(w.message, han);
    for (const bad of ['zh', 'fr', 1, null]) {
      assert.throws(() => zh.addJwks(jwks, { locale: bad }), { code: 'INVALID_OPTION', message: /locale must be/ });
      assert.throws(() => zh.revokeKid('k', { locale: bad }), { code: 'INVALID_OPTION' });
    }
    assert.throws(() => zh.revokeKid('k', { lang: 'zh-CN' }), { code: 'INVALID_OPTION' });
    en.free();
    zh.free();
  });
});

describe('parseChipText', () => {
  const manifestFile = path.join(FIXTURES, 'chip', 'manifest.json');
  const cases = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : [];

  it('parses every chip fixture of the manifest', { skip: cases.length === 0 && 'no chip fixtures' }, () => {
    for (const c of cases) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'chip', c.file)));
      const r = esm.parseChipText(bytes);
      assert.equal(r.ok, true, `${c.file}: ${JSON.stringify(r.error)}`);
      assert.equal(r.error, null);
      for (const key of ['number', 'name', 'birthDate', 'layout', 'validFrom', 'validUntil', 'englishName']) {
        if (key in c.expected) assert.equal(r.card[key], c.expected[key], `${c.file}: ${key}`);
      }
    }
  });

  it('a short block is an error report, not an exception', () => {
    const r = esm.parseChipText(new Uint8Array(10));
    assert.equal(r.ok, false);
    assert.equal(r.card, null);
    assert.equal(r.error.code, 'LENGTH');
  });

  it('takes { locale } for its error message', () => {
    assert.equal(esm.parseChipText(new Uint8Array(10)).error.message, 'the text block is 10 bytes; it must be exactly 256');
    const zh = esm.parseChipText(new Uint8Array(10), { locale: 'zh-CN' });
    assert.equal(zh.error.code, 'LENGTH');
    assert.equal(zh.error.message, '文本块为 10 字节；必须恰好为 256 字节');
    assert.throws(() => esm.parseChipText(new Uint8Array(10), { locale: 'de' }), { code: 'INVALID_OPTION' });
  });
});

describe('verifyDump / verifyDumps against the fixture manifest', () => {
  const manifest = dumpManifest();
  const skip = !manifest && 'tests/fixtures/dumps/manifest.json not generated yet';
  const trustDir = path.join(FIXTURES, 'trust');

  const storeFor = (trust, dir = trustDir) => applyTrust(new esm.TrustStore(), trust, dir);
  const optionsFor = caseOptions;

  it('every case gets the expected verdict and check states', { skip }, () => {
    for (const c of manifest) {
      const store = storeFor(c.trust);
      const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', c.file)));
      const r = esm.verifyDump(bytes, store, optionsFor(c.options));
      store.free();
      assert.equal(r.ok, c.expected === 'accepted', `${c.file}: ${JSON.stringify(r.checks.filter((x) => x.status === 'failed'))}`);
      const states = Object.fromEntries(r.checks.map((x) => [x.id, x.status]));
      assert.deepEqual(states, c.checks, c.file);
      for (const key of ['nonce', 'chipSerial', 'photo', 'fingerprint']) {
        assert.ok(r[key] === null || r[key] instanceof Uint8Array, `${c.file}: ${key}`);
      }
      if (c.expected === 'accepted') {
        assert.equal(r.verified, true, c.file);
        assert.equal(r.card.number, c.card.number, c.file);
        assert.equal(r.readAtMs, c.readAt * 1000, c.file);
        assert.equal(r.readAt, undefined);
      }
    }
  });

  it('locale: the same report in Chinese but for the messages', { skip }, () => {
    const han = /[\u4e00-\u9fff]/;
    const blank = (r) =>
      JSON.parse(JSON.stringify(r, (k, v) => (k === 'message' ? '' : v instanceof Uint8Array ? [...v] : v)));
    const zhMessages = (r) => [...r.checks, ...r.warnings, ...(r.card ? r.card.numberReport.errors : [])].map((x) => x.message);
    for (const c of manifest) {
      const store = storeFor(c.trust);
      const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', c.file)));
      const en = esm.verifyDump(bytes, store, optionsFor(c.options));
      const zh = esm.verifyDump(bytes, store, { ...optionsFor(c.options), locale: 'zh-CN' });
      assert.deepEqual(blank(zh), blank(en), c.file);
      for (const m of zhMessages(zh)) {
        assert.match(m, han, `${c.file}: ${m}`);
        assert.doesNotMatch(m, /\{[A-Za-z]+(\|s)?\}/, `${c.file}: ${m}`);
      }
      assert.deepEqual(esm.verifyDumps([bytes], store, { ...optionsFor(c.options), locale: 'zh-CN' }).map(blank), [blank(zh)]);
      store.free();
    }
    const store = new esm.TrustStore();
    for (const locale of ['zh', 'EN', 1, null]) {
      assert.throws(() => esm.verifyDump(new Uint8Array(0), store, { locale }), { code: 'INVALID_OPTION', message: /locale must be/ });
      assert.throws(() => esm.verifyDumps([], store, { locale }), { code: 'INVALID_OPTION' });
    }
    store.free();
  });

  it('failed checks carry a string reason in JS, other checks no reason key', { skip }, () => {
    let failures = 0;
    for (const c of manifest) {
      const store = storeFor(c.trust);
      const r = esm.verifyDump(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', c.file))), store, optionsFor(c.options));
      store.free();
      for (const x of r.checks) {
        if (x.status === 'failed') {
          failures += 1;
          assert.match(x.reason, /^[A-Z][A-Z0-9_]+$/, `${c.file} ${x.id}`);
        } else {
          assert.ok(!('reason' in x), `${c.file} ${x.id} is ${x.status} with a reason`);
        }
      }
    }
    assert.ok(failures > 0);
    const store = storeFor(manifest[0].trust);
    const tampered = esm.verifyDump(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', 'sig-tampered-text.cose'))), store);
    store.free();
    assert.equal(tampered.checks.find((x) => x.id === 'SIGNATURE').reason, 'MISMATCH');
  });

  // Dumps made by the independent Python producer (tools/interop); trust files live beside them.
  const interopDir = path.join(FIXTURES, 'interop');
  const interopManifest = path.join(interopDir, 'manifest.json');
  it('the committed interop dumps (Python producer) are accepted', { skip: !fs.existsSync(interopManifest) && 'no interop fixtures' }, () => {
    for (const c of JSON.parse(fs.readFileSync(interopManifest, 'utf8'))) {
      const store = storeFor(c.trust, interopDir);
      const r = esm.verifyDump(new Uint8Array(fs.readFileSync(path.join(interopDir, c.file))), store, optionsFor(c.options));
      store.free();
      assert.equal(r.ok, c.expected === 'accepted', `${c.file}: ${JSON.stringify(r.checks.filter((x) => x.status === 'failed'))}`);
      assert.deepEqual(Object.fromEntries(r.checks.map((x) => [x.id, x.status])), c.checks, c.file);
    }
  });

  it('verifyDumps equals verifyDump per item, in order', { skip }, () => {
    const batchable = manifest.filter(
      (c) => JSON.stringify(c.trust) === JSON.stringify(manifest[0].trust) &&
        JSON.stringify(c.options) === JSON.stringify(manifest[0].options),
    );
    assert.ok(batchable.length > 1);
    const store = storeFor(manifest[0].trust);
    const options = optionsFor(manifest[0].options);
    const list = batchable.map((c) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'dumps', c.file))));
    const batch = esm.verifyDumps(list, store, options);
    assert.equal(batch.length, list.length);
    batch.forEach((r, i) => assert.deepEqual(r, esm.verifyDump(list[i], store, options), batchable[i].file));
    store.free();
  });
});
