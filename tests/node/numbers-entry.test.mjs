// `cnid-verify/numbers`: the numbers-only build reports exactly what the full build reports, for
// every number, and carries none of the chip, dump or trust code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, PKG, tempProject, runNode } from './helpers.mjs';

const require = createRequire(import.meta.url);
const full = require(path.join(PKG, 'node.cjs'));
const numbers = require(path.join(PKG, 'numbers.cjs'));

/** Deterministic test inputs: every shape the checks care about, and noise around them. */
function corpus() {
  const out = new Set();
  const text = fs.readFileSync(path.join(FIXTURES, 'chip', 'manifest.json'), 'utf8') + fs.readFileSync(path.join(FIXTURES, 'dumps', 'manifest.json'), 'utf8');
  for (const m of text.matchAll(/"([0-9A-Za-z]{15,18})"/g)) out.add(m[1]);
  for (const s of ['911124198108030024', 'KAZ110090123105', 'CAN110081080319', '11010519491231002X', '810000199001011230', '130503670401001', '110105199002300028', '', ' ', '１１０１０５１９４９１２３１００２ｘ', '1101-0519-4912-3100-2x', '\uD800', 'x'.repeat(300)]) out.add(s);
  let seed = 0x2026;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const alphabet = '0123456789XxABCZ -９\u00e9\uD800';
  for (let i = 0; i < 20000; i++) {
    const base = [...out][Math.floor(rnd() * Math.min(out.size, 40))] ?? '';
    let s = base.split('');
    const edits = Math.floor(rnd() * 3);
    for (let e = 0; e < edits; e++) s[Math.floor(rnd() * (s.length + 1))] = alphabet[Math.floor(rnd() * alphabet.length)];
    out.add(rnd() < 0.1 ? s.join('').slice(0, Math.floor(rnd() * 20)) : s.join(''));
  }
  return [...out];
}

describe('cnid-verify/numbers', () => {
  const inputs = corpus();
  const optionSets = [undefined, { at: '2026-06-01' }, { strict: true, at: '2026-06-01' }, { fpr15CheckDigit: 'warning', at: Date.UTC(2030, 0, 1) }];

  it('exports exactly the number API, without the test-data generator (full build only)', () => {
    assert.deepEqual(Object.keys(numbers).sort(), [
      'NUMBER_PATTERN', 'ageAt', 'checkNumber', 'checkNumbers', 'init', 'isValidNumber', 'maskNumber',
      'rebuildFpr15', 'upgradeResident15', 'version',
    ]);
    assert.equal(typeof full.generateNumber, 'function');
    assert.equal(numbers.version(), full.version());
  });

  it(`reports exactly what the full build reports (${inputs.length} inputs x 4 option sets)`, () => {
    for (const opts of optionSets) {
      const a = full.checkNumbers(inputs, opts);
      const b = numbers.checkNumbers(inputs, opts);
      assert.deepEqual(b, a);
      for (let i = 0; i < inputs.length; i += 7) {
        assert.deepEqual(numbers.checkNumber(inputs[i], opts), a[i]);
        assert.equal(numbers.isValidNumber(inputs[i], opts), full.isValidNumber(inputs[i], opts), inputs[i]);
      }
    }
  });

  it('misuse throws the same coded errors', () => {
    for (const call of [(api) => api.checkNumber(1), (api) => api.checkNumbers([1]), (api) => api.isValidNumber('1', { bogus: 1 })]) {
      const codes = [full, numbers].map((api) => {
        try {
          call(api);
        } catch (e) {
          return e.code;
        }
        return null;
      });
      assert.equal(codes[1], codes[0]);
      assert.ok(codes[0]);
    }
  });

  it('its .wasm holds no chip, dump, trust or curve code', () => {
    const mod = new WebAssembly.Module(fs.readFileSync(path.join(PKG, 'cnid_verify_numbers_bg.wasm')));
    const exported = WebAssembly.Module.exports(mod).map((e) => e.name);
    assert.ok(exported.includes('checkNumber'));
    for (const name of ['verifyDumpWith', 'trustStoreNew', 'parseChipText']) assert.ok(!exported.includes(name), name);
    const size = fs.statSync(path.join(PKG, 'cnid_verify_numbers_bg.wasm')).size;
    const fullSize = fs.statSync(path.join(PKG, 'cnid_verify_bg.wasm')).size;
    assert.ok(size * 4 < fullSize, `numbers .wasm ${size} B vs full ${fullSize} B`);
  });

  it('cnid-verify/numbers/web: no top-level await; init() (idempotent) or initSync() first', () => {
    const project = tempProject();
    try {
      fs.writeFileSync(
        path.join(project.dir, 'web.mjs'),
        `import fs from 'node:fs';
import { createRequire } from 'node:module';
import init, { initSync, checkNumber, isValidNumber } from 'cnid-verify/numbers/web';
const require = createRequire(import.meta.url);
const wasm = fs.readFileSync(require.resolve('cnid-verify/cnid_verify_numbers_bg.wasm'));
initSync({ module: wasm });
await init({ module_or_path: wasm }); // a second initialisation is harmless
console.log(JSON.stringify([isValidNumber('11010519491231002X'), checkNumber('KAZ110090123105').kind]));
`,
      );
      const res = runNode(['web.mjs'], { cwd: project.dir });
      assert.equal(res.status, 0, res.stderr);
      assert.deepEqual(JSON.parse(res.stdout), [true, 'fpr15']);
    } finally {
      project.cleanup();
    }
  });

  it('resolves by name for import, require and the browser entry (one .wasm each)', async () => {
    const project = tempProject();
    try {
      fs.writeFileSync(
        path.join(project.dir, 'main.mjs'),
        `import { createRequire } from 'node:module';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esm from 'cnid-verify/numbers';
const require = createRequire(import.meta.url);
const cjs = require('cnid-verify/numbers');
const fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(String(url).replace(/.*\\/pkg\\//, ''));
  return new Response(fs.readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
};
const browser = await import(new URL('./node_modules/cnid-verify/numbers.js', import.meta.url));
console.log(JSON.stringify({ same: esm.checkNumber === cjs.checkNumber, ok: esm.checkNumber('911124198108030024').ok,
  browser: browser.isValidNumber('11010519491231002X'), fetched, resolved: import.meta.resolve('cnid-verify/numbers') }));
`,
      );
      const res = runNode(['main.mjs'], { cwd: project.dir });
      assert.equal(res.status, 0, res.stderr);
      const got = JSON.parse(res.stdout);
      assert.deepEqual(got, { same: true, ok: true, browser: true, fetched: ['cnid_verify_numbers_bg.wasm'], resolved: got.resolved });
      assert.ok(got.resolved.endsWith('/pkg/numbers.mjs'), got.resolved);
    } finally {
      project.cleanup();
    }
  });
});
