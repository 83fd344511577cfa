// The README's "Forms" recipes, run exactly as written: each ```js block after a
// `<!-- recipe: NAME -->` marker in README.md is written to a throw-away project (cnid-verify
// resolved by name from pkg/, the form libraries from the repository's node_modules, pinned in
// package.json) and imported, and its exports are checked here. The README cannot drift from what
// is tested. The `<input pattern>` recipe's attribute must be NUMBER_PATTERN.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT, tempProject } from './helpers.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const LIBRARIES = ['zod', 'yup', 'async-validator', 'validator'];

/** The code block (```lang) that follows `<!-- recipe: name -->` in the README. */
function recipe(name, lang) {
  const marker = `<!-- recipe: ${name} -->`;
  const at = README.indexOf(marker);
  assert.ok(at >= 0, `README.md has no ${marker}`);
  const m = README.slice(at + marker.length).match(new RegExp('^\\s*```' + lang + '\\n([\\s\\S]*?)\\n```', ''));
  assert.ok(m, `${marker} is not followed by a \`\`\`${lang} block`);
  return m[1];
}

let project;
const modules = {};

before(async () => {
  project = tempProject('cnid-verify-forms-');
  for (const lib of LIBRARIES) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', lib), path.join(project.dir, 'node_modules', lib), 'dir');
  }
  for (const name of ['zod', 'yup', 'async-validator', 'validator.js']) {
    const file = path.join(project.dir, `${name.replace('.', '-')}.mjs`);
    fs.writeFileSync(file, recipe(name, 'js'));
    modules[name] = await import(pathToFileURL(file).href);
  }
});

after(() => project?.cleanup());

// Valid numbers of every kind (the fixtures' own and one generated per kind), and invalid ones.
const FIXTURE_NUMBERS = (() => {
  const found = new Set();
  for (const dir of ['chip', 'dumps', 'interop']) {
    const text = fs.readFileSync(path.join(FIXTURES, dir, 'manifest.json'), 'utf8');
    for (const m of text.matchAll(/"(?:number|oldNumber)":\s*"([^"]+)"/g)) found.add(m[1]);
  }
  return [...found];
})();
const INVALID = ['110105194912310021', '911124198108030025', '110105199002300028', '1101051949', 'hello'];

describe('Forms recipes (README.md, run as written)', () => {
  it('zod: refine(isValidNumber); the optional field accepts "" and undefined', async () => {
    const { idNumber, optionalIdNumber } = modules.zod;
    assert.equal(idNumber.safeParse('11010519491231002X').success, true);
    assert.equal(idNumber.safeParse('911124198108030024').success, true);
    const bad = idNumber.safeParse('110105194912310021');
    assert.equal(bad.success, false);
    assert.equal(bad.error.issues[0].message, '证件号码无效');
    assert.equal(idNumber.safeParse(undefined).success, false);
    assert.equal(idNumber.safeParse('').success, false);
    for (const empty of ['', undefined]) assert.equal(optionalIdNumber.safeParse(empty).success, true, String(empty));
    assert.equal(optionalIdNumber.safeParse('110105194912310021').success, false);
    assert.equal(optionalIdNumber.safeParse('11010519491231002X').success, true);
  });

  it('yup: test(name, message, isValidNumber) directly (its context is no options); optional field', async () => {
    const { idNumber, optionalIdNumber } = modules.yup;
    assert.equal(await idNumber.validate('11010519491231002X'), '11010519491231002X');
    await assert.rejects(idNumber.validate('110105194912310021'), (e) => e.name === 'ValidationError' && e.message === '证件号码无效');
    await assert.rejects(idNumber.validate(undefined), (e) => e.name === 'ValidationError');
    await assert.rejects(idNumber.validate(''), (e) => e.name === 'ValidationError');
    for (const empty of ['', undefined, null]) assert.equal(await optionalIdNumber.isValid(empty), true, String(empty));
    assert.equal(await optionalIdNumber.isValid('110105194912310021'), false);
    assert.equal(await optionalIdNumber.isValid('911124198108030024'), true);
    assert.equal(idNumber.isValidSync('810000199001011230'), true);
  });

  it('async-validator (Element Plus, Ant Design Vue rules): the wrapper; an empty optional field passes', async () => {
    const { cnidRule, requiredRules, optionalRules } = modules['async-validator'];
    assert.equal(typeof cnidRule.validator, 'function');
    // The form components build the schema; so does the test (the CommonJS build's default export).
    const Schema = require('async-validator').default;
    const [required, optional] = [new Schema(requiredRules), new Schema(optionalRules)];
    const errors = async (schema, source) => {
      try {
        await schema.validate(source);
        return [];
      } catch (e) {
        return e.errors.map((x) => x.message);
      }
    };
    assert.deepEqual(await errors(required, { idNumber: '11010519491231002X' }), []);
    assert.deepEqual(await errors(required, { idNumber: '110105194912310021' }), ['证件号码无效']);
    assert.deepEqual(await errors(required, {}), ['请输入证件号码']);
    assert.deepEqual(await errors(optional, {}), []);
    assert.deepEqual(await errors(optional, { idNumber: '' }), []);
    assert.deepEqual(await errors(optional, { idNumber: null }), []);
    assert.deepEqual(await errors(optional, { idNumber: 'KAZ110090123105' }), []);
    assert.deepEqual(await errors(optional, { idNumber: '110105194912310021' }), ['证件号码无效']);
  });

  it('validator.js style: string in, boolean out, options second', () => {
    const { isIdNumber } = modules['validator.js'];
    assert.equal(isIdNumber('11010519491231002X'), true);
    assert.equal(isIdNumber('   '), false);
    assert.equal(isIdNumber('110105194912310021'), false);
    // The options pass through: a field for the mainland card only.
    assert.equal(isIdNumber('911124198108030024'), true);
    assert.equal(isIdNumber('911124198108030024', { kinds: ['resident18'] }), false);
    // Like validator.js, a non-string is a TypeError.
    assert.throws(() => isIdNumber(11010519491231), TypeError);
  });

  it('<input pattern>: the attribute is NUMBER_PATTERN; it accepts every valid fixture number', async () => {
    const html = recipe('input-pattern', 'html');
    const attr = html.match(/pattern="([^"]*)"/);
    assert.ok(attr, 'no pattern attribute');
    const { NUMBER_PATTERN, checkNumber, generateNumber } = await import(pathToFileURL(path.join(ROOT, 'pkg', 'node.mjs')).href);
    assert.equal(attr[1], NUMBER_PATTERN);
    // A browser matches the whole value, with the `v` flag.
    const re = new RegExp(`^(?:${attr[1]})$`, 'v');
    const valid = FIXTURE_NUMBERS.filter((n) => checkNumber(n).ok);
    assert.ok(valid.length >= 6, `${valid.length} valid fixture numbers`);
    for (const kind of ['fpr18', 'fpr15', 'resident18', 'resident15', 'hmt18']) {
      for (let seed = 0; seed < 20; seed++) valid.push(generateNumber({ kind, seed }));
    }
    for (const n of valid) {
      assert.ok(re.test(n), n);
      assert.ok(re.test(n.toLowerCase()), `${n} in lower case`);
    }
    // Shape only: a wrong check digit passes the pattern, short or odd input does not.
    assert.ok(re.test(INVALID[0]));
    for (const n of INVALID.slice(3)) assert.ok(!re.test(n), n);
  });
});
