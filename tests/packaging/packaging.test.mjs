// The package as users get it: `npm pack` of $CNID_PKG_DIR (default pkg/), then the tarball is
// installed into throw-away consumers copied from consumers/ into a temp dir:
//   cjs   Node require()             esm   Node import
//   vite  Vite production build, opened in headless Chromium
//   html  plain HTML + <script type="module"> (by path, and through an import map), in Chromium
//   ts    tsc --noEmit against the shipped .d.ts (NodeNext ESM + CJS, and bundler resolution)
// Each one checks a specimen number and verifies tests/fixtures/dumps/y-jwk.cose with
// test-jwks.json at the fixture time. Chromium comes through tests/e2e's playwright-core
// (scripts/test-web.sh installs it); Vite from consumers/vite/package-lock.json (npm ci).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PKG_DIR = path.resolve(process.env.CNID_PKG_DIR || path.join(ROOT, 'pkg'));
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const CONSUMERS = path.join(HERE, 'consumers');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');
const NPM_FLAGS = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error', '--prefer-offline'];
const KEEP = process.env.KEEP_CONSUMERS === '1'; // keep the temp dir for debugging

const ALL_CHECKS = [
  'ENVELOPE', 'PAYLOAD', 'ALGORITHM', 'SIGNER', 'REVOCATION', 'SIGNATURE',
  'FRESHNESS', 'NONCE', 'CARD_LAYOUT', 'CARD_NUMBER', 'CARD_CONSISTENCY', 'CARD_VALIDITY',
];

let work; // temp dir
let tarball; // absolute path of the packed .tgz
let packInfo; // npm pack --json entry
let browserLib = null;
let browser = null;

/** Runs a command; throws with its output unless it exits 0. */
function run(cmd, args, { cwd, timeout = 300_000, env = {} } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, npm_config_update_notifier: 'false', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}
const npm = (args, cwd) => run('npm', [...args, ...NPM_FLAGS], { cwd });

/** Copies consumers/<name> (without node_modules/dist) to the temp dir and installs the tarball. */
function makeConsumer(name, { ci = false } = {}) {
  const dir = path.join(work, name);
  fs.cpSync(path.join(CONSUMERS, name), dir, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist)([\\/]|$)/.test(path.relative(CONSUMERS, src)),
  });
  if (ci) npm(['ci'], dir);
  npm(['install', '--no-save', tarball], dir);
  const installed = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'cnid-verify', 'package.json'), 'utf8'));
  assert.equal(installed.name, 'cnid-verify');
  assert.ok(!fs.lstatSync(path.join(dir, 'node_modules', 'cnid-verify')).isSymbolicLink(), 'installed from the tarball, not linked');
  return dir;
}

/** The scenario every consumer runs, as summarised by the consumer. */
function assertScenario(result, consumer) {
  assert.ok(result && !result.error, `${consumer}: ${result?.error}`);
  assert.equal(result.consumer, consumer);
  assert.match(result.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(result.number, { ok: true, kind: 'fpr18', normalized: '911124198108030024', nationality: 'CAN' }, consumer);
  assert.equal(result.trustAdded, 3, `${consumer}: 3 EC keys added (the OKP stub is skipped)`);
  assert.equal(result.dump.ok, true, `${consumer}: dump accepted ${JSON.stringify(result.dump.checks)}`);
  assert.equal(result.dump.verified, true, consumer);
  assert.deepEqual(Object.keys(result.dump.checks), ALL_CHECKS, consumer);
  for (const [id, status] of Object.entries(result.dump.checks)) {
    assert.equal(status, id === 'NONCE' ? 'skipped' : 'passed', `${consumer}: ${id}`);
  }
  assert.equal(result.dump.cardNumber, '911124198108030024');
  assert.equal(result.dump.cardName, '证件样本');
}

async function getBrowser() {
  if (browser) return browser;
  try {
    browserLib = await import('../e2e/lib/browser.mjs');
  } catch (err) {
    throw new Error(`cannot load playwright-core from tests/e2e (run npm ci there, or scripts/test-web.sh): ${err.message}`);
  }
  browser = await browserLib.launchBrowser();
  return browser;
}

/** Serves `root` (with the fixtures under /fixtures/), opens each page and returns window.__result. */
async function runInBrowser(root, pages) {
  const server = await startServer({ mounts: { '/fixtures/': FIXTURES, '/': root } });
  const b = await getBrowser();
  const results = [];
  try {
    for (const p of pages) {
      const { context, page, problems } = await browserLib.newPage(b);
      try {
        await page.goto(new URL(p, server.url).href);
        await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
        results.push(await page.evaluate(() => window.__result));
        assert.deepEqual(problems, [], `${p}: no console errors or failed requests`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await server.close();
  }
  return results;
}

before(() => {
  for (const f of ['package.json', 'browser.js', 'node.cjs', 'node.mjs', 'index.d.ts']) {
    if (!fs.existsSync(path.join(PKG_DIR, f))) {
      throw new Error(`${PKG_DIR}/${f} is missing: build the package (make pkg) or point CNID_PKG_DIR at a built one`);
    }
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-verify-packaging-'));
  const out = npm(['pack', PKG_DIR, '--json', '--pack-destination', work], work);
  [packInfo] = JSON.parse(out);
  tarball = path.join(work, packInfo.filename);
  assert.ok(fs.existsSync(tarball), tarball);
});

after(async () => {
  await browser?.close();
  if (work && !KEEP) fs.rmSync(work, { recursive: true, force: true });
  else if (work) console.log(`consumers kept in ${work}`);
});

describe('npm pack', () => {
  it('the tarball holds every entry point and nothing from the repository', () => {
    const files = packInfo.files.map((f) => f.path).sort();
    for (const f of [
      'package.json', 'README.md', 'browser.js', 'node.cjs', 'node.mjs', 'web.js', 'bundler.js', 'facade.js',
      'facade.cjs', 'index.d.ts', 'index.d.cts',
      'bin/cnid-verify.js', 'web/cnid_verify.js', 'web/cnid_verify.d.ts', 'cnid_verify_bg.wasm',
      'cnid_verify_bg.wasm.d.ts', 'cnid_verify_bg.js', 'LICENSE-MIT', 'LICENSE-APACHE',
      'nodejs/cnid_verify.js', 'nodejs/package.json',
      'bundler/cnid_verify.js', 'bundler/cnid_verify_bg.js',
    ]) {
      assert.ok(files.includes(f), `${f} in the tarball`);
    }
    for (const f of files) {
      assert.ok(!/^(src|tests|target|node_modules|scripts|pkg-template)\//.test(f) && !f.endsWith('.tgz'), `unexpected ${f}`);
      assert.ok(!f.endsWith('.wasm') || ['cnid_verify_bg.wasm', 'cnid_verify_numbers_bg.wasm'].includes(f), `a second .wasm: ${f}`);
    }
    assert.equal(packInfo.name, 'cnid-verify');
    assert.ok(packInfo.size < 5 * 1024 * 1024, `tarball ${packInfo.size} bytes`);
  });
});

describe('consumers of the installed tarball', () => {
  it('Node CommonJS: require("cnid-verify")', () => {
    const dir = makeConsumer('cjs');
    const result = JSON.parse(run(process.execPath, ['main.js', FIXTURES], { cwd: dir }));
    assert.equal(result.entry, 'node.cjs');
    assertScenario(result, 'cjs');
  });

  it('Node ESM: import from "cnid-verify"', () => {
    const dir = makeConsumer('esm');
    const result = JSON.parse(run(process.execPath, ['main.js', FIXTURES], { cwd: dir }));
    assert.equal(result.entry, 'node.mjs');
    assertScenario(result, 'esm');
  });

  it('the bin: npx cnid-verify from the installed package', () => {
    const dir = path.join(work, 'esm'); // installed by the previous test
    if (!fs.existsSync(path.join(dir, 'node_modules', '.bin', 'cnid-verify'))) makeConsumer('esm');
    const r = spawnSync(path.join(dir, 'node_modules', '.bin', 'cnid-verify'), ['number', '911124198108030024'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /911124198108030024/);
  });

  it('TypeScript: tsc --noEmit against the shipped .d.ts', () => {
    assert.ok(fs.existsSync(TSC), `${TSC} is missing: npm ci at the repository root (make tools)`);
    const dir = makeConsumer('ts');
    run(TSC, ['-p', 'tsconfig.json'], { cwd: dir });
    run(TSC, ['-p', 'tsconfig.bundler.json'], { cwd: dir });
  });

  it('plain HTML: <script type="module"> by path, through an import map, and under a strict CSP, in Chromium', async () => {
    const dir = makeConsumer('html');
    const results = await runInBrowser(dir, ['index.html', 'importmap.html', 'csp.html']);
    assertScenario(results[0], 'html');
    assertScenario(results[1], 'html-importmap');
    // script-src 'self' 'wasm-unsafe-eval', no inline script: the documented policy works.
    assertScenario(results[2], 'html-csp');
    for (const r of results) {
      assert.deepEqual(r.wasmUrls.map((u) => new URL(u).pathname), ['/node_modules/cnid-verify/cnid_verify_bg.wasm']);
    }
  });

  it('Vite: production build, opened in Chromium', { timeout: 600_000 }, async () => {
    const dir = makeConsumer('vite', { ci: true });
    run(path.join(dir, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: dir, env: { CI: 'true' } });
    const dist = path.join(dir, 'dist');
    const assets = fs.readdirSync(path.join(dist, 'assets'));
    const wasm = assets.filter((f) => f.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one .wasm asset emitted: ${assets.join(', ')}`);
    const [result] = await runInBrowser(dist, ['index.html']);
    assertScenario(result, 'vite');
    assert.deepEqual(result.wasmUrls.map((u) => new URL(u).pathname), [`/assets/${wasm[0]}`]);
  });
});
