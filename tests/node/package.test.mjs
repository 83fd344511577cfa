// The package as a consumer sees it: resolution by name through the exports map (a throw-away
// project with node_modules/cnid-verify -> pkg/), the browser entry (browser.js, with fetch stubbed
// to read file: URLs), the web and bundler targets, package.json fields and the TypeScript types.
// (The full `npm pack` + bundler/browser packaging test is separate.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PKG, ROOT, runNode, tempProject } from './helpers.mjs';

const pkgJson = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('has the documented name, type, bin and exports map', () => {
    assert.equal(pkgJson.name, 'cnid-verify');
    assert.equal(pkgJson.type, 'module');
    assert.deepEqual(pkgJson.bin, { 'cnid-verify': './bin/cnid-verify.js' });
    // Where it comes from and where to report problems (from Cargo.toml's repository and homepage).
    assert.match(pkgJson.repository.url, /^git\+https:\/\/github\.com\/[\w-]+\/cnid-verify\.git$/);
    assert.equal(pkgJson.bugs.url, `${pkgJson.repository.url.slice(4, -4)}/issues`);
    assert.match(pkgJson.homepage, /^https:\/\/github\.com\/[\w-]+\/cnid-verify#readme$/);
    const dot = pkgJson.exports['.'];
    assert.deepEqual(dot.node.import, { types: './index.d.ts', default: './node.mjs' });
    assert.deepEqual(dot.node.require, { types: './index.d.cts', default: './node.cjs' });
    for (const cond of ['browser', 'import', 'default']) {
      assert.deepEqual(dot[cond], { types: './index.d.ts', default: './browser.js' }, cond);
    }
    // Condition order matters: node must win over browser/import/default in Node.
    assert.deepEqual(Object.keys(dot), ['node', 'browser', 'import', 'default']);
    for (const sub of ['./bundler', './web', './cnid_verify_bg.wasm', './package.json']) {
      assert.ok(sub in pkgJson.exports, sub);
    }
    assert.ok(Array.isArray(pkgJson.sideEffects) && pkgJson.sideEffects.includes('./browser.js'));
  });

  it('the version is the crate version', () => {
    const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
    const m = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m);
    assert.ok(m, 'version in Cargo.toml');
    assert.equal(pkgJson.version, m[1]);
  });

  it('pkg/nodejs stays CommonJS inside the "type":"module" package', () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(PKG, 'nodejs', 'package.json'), 'utf8')), {
      type: 'commonjs',
    });
  });

  it('every file the package names exists, and the CLI is executable', () => {
    for (const f of ['README.md', 'index.d.ts', 'index.d.cts', 'node.cjs', 'node.mjs', 'browser.js']) {
      assert.ok(fs.existsSync(path.join(PKG, f)), f);
    }
    // One .wasm for every entry (the generated modules are pointed at it).
    assert.ok(fs.existsSync(path.join(PKG, 'cnid_verify_bg.wasm')));
    for (const t of ['nodejs', 'web', 'bundler']) {
      assert.ok(!fs.existsSync(path.join(PKG, t, 'cnid_verify_bg.wasm')), `no second copy in ${t}/`);
    }
    const mode = fs.statSync(path.join(PKG, 'bin', 'cnid-verify.js')).mode;
    assert.ok(mode & 0o111, 'bin/cnid-verify.js is executable');
    assert.match(fs.readFileSync(path.join(PKG, 'bin', 'cnid-verify.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });
});

describe('resolution by package name', () => {
  let project;
  before(() => {
    project = tempProject();
  });
  after(() => project.cleanup());

  it('import and require resolve through the exports map and share one instance', () => {
    fs.writeFileSync(
      path.join(project.dir, 'main.mjs'),
      `import { createRequire } from 'node:module';
import * as esm from 'cnid-verify';
const require = createRequire(import.meta.url);
const cjs = require('cnid-verify');
const r = esm.checkNumber('911124198108030024');
console.log(JSON.stringify({
  importResolved: import.meta.resolve('cnid-verify'),
  requireResolved: require.resolve('cnid-verify'),
  bundler: import.meta.resolve('cnid-verify/bundler'),
  web: import.meta.resolve('cnid-verify/web'),
  wasm: import.meta.resolve('cnid-verify/cnid_verify_bg.wasm'),
  pkg: require('cnid-verify/package.json').name,
  sameClass: esm.TrustStore === cjs.TrustStore,
  sameFn: esm.verifyDump === cjs.verifyDump,
  ok: r.ok, kind: r.kind,
}));
`,
    );
    const res = runNode(['main.mjs'], { cwd: project.dir });
    assert.equal(res.status, 0, res.stderr);
    const got = JSON.parse(res.stdout);
    assert.ok(got.importResolved.endsWith('/pkg/node.mjs'), got.importResolved);
    assert.ok(got.requireResolved.endsWith(`${path.sep}pkg${path.sep}node.cjs`), got.requireResolved);
    assert.ok(got.bundler.endsWith('/pkg/bundler.js'), got.bundler);
    assert.ok(got.web.endsWith('/pkg/web.js'), got.web);
    assert.ok(got.wasm.endsWith('/pkg/cnid_verify_bg.wasm'), got.wasm);
    assert.equal(got.pkg, 'cnid-verify');
    assert.equal(got.sameClass, true);
    assert.equal(got.sameFn, true);
    assert.equal(got.ok, true);
    assert.equal(got.kind, 'fpr18');
  });

  it('a CommonJS consumer can require the package by name', () => {
    fs.writeFileSync(
      path.join(project.dir, 'main.cjs'),
      `const { checkNumbers, TrustStore } = require('cnid-verify');
const rs = checkNumbers(['911124198108030024', '110105199002300028']);
const t = new TrustStore(); const n = t.keyCount; t.free();
console.log(JSON.stringify(rs.map((r) => r.ok).concat([n])));
`,
    );
    const res = runNode(['main.cjs'], { cwd: project.dir });
    assert.equal(res.status, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), [true, false, 0]);
  });

  it('private files are not reachable through the exports map', () => {
    fs.writeFileSync(
      path.join(project.dir, 'private.mjs'),
      `try { await import('cnid-verify/nodejs/cnid_verify.js'); console.log('reachable'); }
catch (e) { console.log(e.code); }
`,
    );
    const res = runNode(['private.mjs'], { cwd: project.dir });
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stdout.trim(), 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('the browser entry (browser.js) initialises itself with top-level await', () => {
    // Node 20 cannot fetch file: URLs; stand in for the browser's fetch.
    fs.writeFileSync(
      path.join(project.dir, 'browser.mjs'),
      `import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
const fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(String(url));
  return new Response(fs.readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
};
const url = new URL('./node_modules/cnid-verify/browser.js', import.meta.url);
const mod = await import(url);
const again = await import(url);
const web = await import(new URL('./node_modules/cnid-verify/web.js', import.meta.url));
await web.default();  // idempotent: the instance browser.js made is reused
await mod.init();     // the root entry's init: already initialised, resolves at once
const r = mod.checkNumber('810000199001011230');
console.log(JSON.stringify({ fetched: fetched.map((u) => u.replace(/.*\\/pkg\\//, '')), names: Object.keys(mod).sort(),
  same: mod === again && mod.checkNumber === web.checkNumber, ok: r.ok, region: r.info.region, version: mod.version() }));
`,
    );
    const res = runNode(['browser.mjs'], { cwd: project.dir });
    assert.equal(res.status, 0, res.stderr);
    const got = JSON.parse(res.stdout);
    assert.deepEqual(got.fetched, ['cnid_verify_bg.wasm']);
    assert.deepEqual(got.names, [
      'NUMBER_PATTERN', 'TrustStore', 'ageAt', 'checkNumber', 'checkNumbers', 'generateNumber', 'init', 'isValidNumber',
      'maskNumber', 'parseChipText', 'rebuildFpr15', 'upgradeResident15', 'verifyDump', 'verifyDumpAsync', 'verifyDumps',
      'verifyDumpsAsync', 'version',
    ]);
    assert.equal(got.same, true);
    assert.equal(got.ok, true);
    assert.equal(got.region, 'HK');
    assert.equal(got.version, pkgJson.version);
  });

  it('cnid-verify/web with a manual init from bytes', () => {
    fs.writeFileSync(
      path.join(project.dir, 'web.mjs'),
      `import fs from 'node:fs';
import { createRequire } from 'node:module';
import init, { isValidNumber } from 'cnid-verify/web';
const require = createRequire(import.meta.url);
const wasmFile = require.resolve('cnid-verify/package.json').replace(/package\\.json$/, 'cnid_verify_bg.wasm');
await init({ module_or_path: fs.readFileSync(wasmFile) });
console.log(isValidNumber('932682198501010017'), isValidNumber('932682198501010018'));
`,
    );
    const res = runNode(['web.mjs'], { cwd: project.dir });
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stdout.trim(), 'true false');
  });

  it('explicit-init entries: NOT_INITIALISED before init, then idempotent init; /inline needs no file or URL', () => {
    fs.writeFileSync(
      path.join(project.dir, 'inline.mjs'),
      `const fetched = [];
globalThis.fetch = async (url) => { fetched.push(String(url)); throw new Error('no fetch expected'); };
const out = {};
for (const name of ['cnid-verify/inline', 'cnid-verify/numbers/inline', 'cnid-verify/web', 'cnid-verify/numbers/web']) {
  const m = await import(name);
  const before = [];
  for (const call of [() => m.checkNumber('911124198108030024'), () => m.isValidNumber('x'), () => m.version(),
    () => m.TrustStore && new m.TrustStore(), () => m.verifyDump && m.verifyDump(new Uint8Array(0), null)]) {
    try { call(); before.push('no error'); } catch (e) { before.push(e.code ?? e.message); }
  }
  out[name] = { before };
}
// The inline entries initialise from the bytes they carry: no fetch, no file read.
const inl = await import('cnid-verify/inline');
const p1 = inl.init(), p2 = inl.default();
await Promise.all([p1, p2]);
out.inline = { same: inl.init === inl.default, result: String(await inl.init()), kind: inl.checkNumber('KAZ110090123105').kind,
  store: new inl.TrustStore().keyCount };
// cnid-verify/web is the same module instance: initialised by the inline entry's init.
const web = await import('cnid-verify/web');
out.web = { valid: web.isValidNumber('932682198501010017'), sameClass: web.TrustStore === inl.TrustStore };
const num = await import('cnid-verify/numbers/inline');
await num.init();
await num.init();
const numWeb = await import('cnid-verify/numbers/web');
out.numbers = { valid: num.isValidNumber('911124198108030024'), viaWeb: numWeb.checkNumber('11010519491231002X').kind };
out.fetched = fetched;
console.log(JSON.stringify(out));
`,
    );
    const res = runNode(['inline.mjs'], { cwd: project.dir });
    assert.equal(res.status, 0, res.stderr);
    const got = JSON.parse(res.stdout);
    assert.deepEqual(got['cnid-verify/inline'].before, Array(5).fill('NOT_INITIALISED'));
    assert.deepEqual(got['cnid-verify/web'].before, Array(5).fill('NOT_INITIALISED'));
    // the numbers entries have no TrustStore/verifyDump: those calls are no-ops there
    assert.deepEqual(got['cnid-verify/numbers/inline'].before, ['NOT_INITIALISED', 'NOT_INITIALISED', 'NOT_INITIALISED', 'no error', 'no error']);
    assert.deepEqual(got['cnid-verify/numbers/web'].before, ['NOT_INITIALISED', 'NOT_INITIALISED', 'NOT_INITIALISED', 'no error', 'no error']);
    assert.deepEqual(got.inline, { same: true, result: 'undefined', kind: 'fpr15', store: 0 });
    assert.deepEqual(got.web, { valid: true, sameClass: true });
    assert.deepEqual(got.numbers, { valid: true, viaWeb: 'resident18' });
    assert.deepEqual(got.fetched, []);
  });

  it('the inline carriers hold exactly the package\'s .wasm files, as application/wasm', async () => {
    for (const [carrier, wasm] of [['cnid_verify_wasm.js', 'cnid_verify_bg.wasm'], ['cnid_verify_numbers_wasm.js', 'cnid_verify_numbers_bg.wasm']]) {
      const { wasmResponse } = await import(path.join(PKG, 'inline', carrier));
      const response = wasmResponse();
      assert.equal(response.headers.get('content-type'), 'application/wasm');
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(fs.readFileSync(path.join(PKG, wasm))), carrier);
    }
  });

  it('cnid-verify/bundler loads where ESM-wasm integration exists (node --experimental-wasm-modules)', () => {
    fs.writeFileSync(
      path.join(project.dir, 'bundler.mjs'),
      `import { checkNumber } from 'cnid-verify/bundler';
console.log(checkNumber('KAZ110090123105').kind);
`,
    );
    const res = runNode(['--experimental-wasm-modules', '--no-warnings', 'bundler.mjs'], { cwd: project.dir });
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stdout.trim(), 'fpr15');
  });
});

describe('TypeScript types', () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const skip = !fs.existsSync(tsc) && 'typescript not installed (npm ci at the repo root)';
  let project;
  before(() => {
    project = tempProject('cnid-verify-types-');
  });
  after(() => project.cleanup());

  function typecheck(files) {
    const { dir } = project;
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true,
          // skipLibCheck false: the shipped .d.ts must itself be valid. wasm-bindgen emits
          // [Symbol.dispose]() on classes; the .d.ts declares it, and merges with esnext.disposable.
          skipLibCheck: false, types: [], lib: ['es2022', 'dom', 'esnext.disposable'],
        },
        files: Object.keys(files),
      }),
    );
    const res = runNode([tsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: dir });
    assert.equal(res.status, 0, `tsc failed:\n${res.stdout}${res.stderr}`);
  }

  it('an ESM and a CommonJS consumer type-check against index.d.ts / index.d.cts', { skip }, () => {
    typecheck({
      'esm.mts': `import { checkNumber, checkNumbers, isValidNumber, parseChipText, TrustStore, verifyDump, verifyDumps, version } from 'cnid-verify';
import type { NumberReport, DumpReport, NumberKind, CnidError, ChipTextReport, VerifyOptions, NumberOptions } from 'cnid-verify';
const opts: NumberOptions = { strict: true, at: '2026-01-01', fpr15CheckDigit: 'warning' };
const r: NumberReport = checkNumber('911124198108030024', opts);
const k: NumberKind | null = r.kind;
const birth: string | null | undefined = r.info?.birthDate;
const alpha3: string | undefined = r.info?.nationality?.alpha3;
const many: NumberReport[] = checkNumbers(['1', '2'], opts);
const b: boolean = isValidNumber('x', { at: new Date() });
const chip: ChipTextReport = parseChipText(new Uint8Array(256));
const store = new TrustStore();
const added: number = store.addJwks('{"keys":[]}').added;
const anchors: number = store.anchorCount + store.keyCount + store.addCertificate(new Uint8Array(0));
const vo: VerifyOptions = { at: Date.now(), maxAgeSeconds: null, expectedNonce: new Uint8Array(16) };
const d: DumpReport = verifyDump(new Uint8Array(0), store, vo);
const ds: DumpReport[] = verifyDumps([new Uint8Array(0)], store, { at: new Date() });
const nonce: Uint8Array | null = d.nonce;
const ids: string[] = d.checks.map((c) => c.id + c.status);
try { checkNumber(1 as unknown as string, undefined); } catch (e) { const code: string = (e as CnidError).code; }
const v: string = version();
export { k, birth, alpha3, many, b, chip, added, anchors, ds, nonce, ids, v };
`,
      'cjs.cts': `import cnid = require('cnid-verify');
const r: cnid.NumberReport = cnid.checkNumber('911124198108030024', {});
const t = new cnid.TrustStore();
export = { ok: r.ok, keys: t.keyCount };
`,
    });
  });

  it('reports narrow: on ok (numbers, dumps), on kind (info fields), on status (a failed check\'s reason)', { skip }, () => {
    typecheck({
      'narrow.mts': `import { checkNumber, isValidNumber, TrustStore, verifyDump } from 'cnid-verify';
const valid: string[] = ['11010519491231002X'].filter(isValidNumber);
import type { CheckReasons, NationalityInfo, ProvinceInfo, SignerInfo } from 'cnid-verify';
const r = checkNumber('911124198108030024');
// @ts-expect-error: not narrowed yet, info may be null
const early: string = r.info.birthDate;
if (r.ok) {
  // @ts-expect-error: a valid pass number (hkmo_pass, tw_pass) has no birth date
  const anyBirth: string = r.info.birthDate;
  if (r.kind !== 'hkmo_pass' && r.kind !== 'tw_pass') { const birth: string = r.info.birthDate; }
  if (r.kind === 'hkmo_pass') { const region: 'HK' | 'MO' | 'TW' = r.info.region; const count: string | null = r.info.issueCount; }
  // @ts-expect-error: only the pass kinds have an older form with an issue count
  if (r.kind === 'resident18') { const count: string = r.info.issueCount; }
  if (r.kind === 'fpr18') { const nat: NationalityInfo = r.info.nationality; const p: ProvinceInfo = r.info.province; }
  if (r.kind === 'hmt18') { const region: 'HK' | 'MO' | 'TW' = r.info.region; }
  // @ts-expect-error: a valid resident18 has no nationality
  if (r.kind === 'resident18') { const nat: NationalityInfo = r.info.nationality; }
} else {
  const first: string = r.errors[0].code;
}
const d = verifyDump(new Uint8Array(0), new TrustStore());
if (d.ok) {
  const number: string = d.card.number; const readAt: Date = new Date(d.readAtMs); const who: SignerInfo = d.signer;
  const verified: true = d.verified;
}
for (const c of d.checks) {
  // @ts-expect-error: only a failed check has a reason
  const early2: string = c.reason;
  if (c.status === 'failed' && c.id === 'FRESHNESS') { const why: CheckReasons['FRESHNESS'] | 'INTERNAL' = c.reason; }
}
export { valid };
`,
    });
  });

  it('options arguments may be omitted: checkNumber(s), checkNumbers(a), isValidNumber(s), verifyDump(b, t)', { skip }, () => {
    typecheck({
      'optional.mts': `import { checkNumber, checkNumbers, isValidNumber, TrustStore, verifyDump, verifyDumps } from 'cnid-verify';
const store = new TrustStore();
export const all = [checkNumber('911124198108030024').ok, checkNumbers(['1']).length, isValidNumber('1'),
  verifyDump(new Uint8Array(0), store).ok, verifyDumps([], store).length];
`,
    });
  });
});
