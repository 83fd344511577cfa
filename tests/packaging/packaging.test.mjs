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
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  FIXTURES, TSC, assertScenario, makeConsumer, packInfo, run, runInBrowser, setup, teardown, workDir,
} from './lib.mjs';

before(() => setup());
after(teardown);

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
      'pool.cjs', 'pool.mjs', 'pool-worker.cjs', 'pool.d.ts', 'pool.d.cts',
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
    assert.deepEqual(result.pool, { entry: 'pool.cjs', ok: [true, true, true] });
  });

  it('Node ESM: import from "cnid-verify"', () => {
    const dir = makeConsumer('esm');
    const result = JSON.parse(run(process.execPath, ['main.js', FIXTURES], { cwd: dir }));
    assert.equal(result.entry, 'node.mjs');
    assertScenario(result, 'esm');
    assert.deepEqual(result.pool, { entry: 'pool.mjs', ok: [true, true, true] });
  });

  it('the bin: npx cnid-verify from the installed package', () => {
    const dir = path.join(workDir(), 'esm'); // installed by the previous test
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
