// The bundler matrix: the packed tarball installed into consumers/bundlers (webpack current and
// 5.75, esbuild, Rollup, Vite current and 5, one npm project, second versions through npm aliases)
// and consumers/parcel, each built for production (and, for Vite and Parcel, served by the dev
// server) and opened in headless Chromium. Each page runs, against one package entry, either the full
// scenario (a number, the test JWKS, y-jwk.cose at the fixture time: assertScenario) or the numbers
// one; workers post a number check to their page. The recipe of each test is the least
// configuration that works; the tests that expect a failure pin the errors users get without it
// (the README's bundler notes depend on them). The tools run in this process, through build.mjs of
// each consumer (consumers/*/build.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CONSUMERS, FIXTURES, PKG_DIR, assertScenario, getBrowser, makeConsumer, runInBrowser, setup, teardown } from './lib.mjs';

before(() => setup('cnid-verify-bundlers-'));
after(teardown);

const NUMBER = { ok: true, kind: 'fpr18', normalized: '911124198108030024' };
const WASM = { full: 'cnid_verify_bg', numbers: 'cnid_verify_numbers_bg' };

// The tools set process.env.NODE_ENV (Vite, Parcel: 'production' for a build) in this process: put
// it back after each call, or the next npm ci (a child with this environment) omits devDependencies.
const NODE_ENV = process.env.NODE_ENV;
function restoreNodeEnv() {
  if (NODE_ENV === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = NODE_ENV;
}
const keepEnv = (fn) => async (...args) => {
  try {
    return await fn(...args);
  } finally {
    restoreNodeEnv();
  }
};

/** Installs consumers/<name> (npm ci + the tarball) and imports its build.mjs: { build, serve }. */
async function consumer(name, { copySrc = false } = {}) {
  const dir = makeConsumer(name, { ci: true });
  if (copySrc) fs.cpSync(path.join(CONSUMERS, 'bundlers', 'src'), path.join(dir, 'src'), { recursive: true });
  const { build, serve } = await import(pathToFileURL(path.join(dir, 'build.mjs')).href);
  return { build: keepEnv(build), serve: keepEnv(serve) };
}

/** The pathnames of the .wasm files a page fetched. */
const wasmPaths = (r) => r.wasmUrls.map((u) => new URL(u).pathname);

/**
 * Checks one page's result. kind: 'full' (assertScenario), 'numbers' or 'worker' (a number check
 * posted by a worker that imported a full entry). wasm: how the .wasm arrived: 'none' (inlined,
 * nothing fetched), 'asset' (one fetch of a file emitted into `dir`, listed in `files`), or
 * the one pathname fetched, as a RegExp or a string where * stands for the .wasm's base name.
 */
function check(result, { consumer: name, entry, kind, wasm, dir, files }) {
  assert.ok(result && !result.error, `${name} ${entry}: ${result?.error}`);
  assert.equal(result.entry, entry);
  const r = kind === 'worker' ? { consumer: result.consumer, ...result.worker } : result;
  if (kind === 'full') assertScenario(r, name);
  else {
    assert.equal(r.consumer, name);
    assert.match(r.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(r.number, NUMBER, `${name} ${entry}`);
    assert.equal(r.hasVerifyDump, kind === 'worker', `${name} ${entry}: the ${kind === 'worker' ? 'full' : 'numbers'} build`);
  }
  if (kind === 'full' && entry === 'cnid-verify/web') assert.equal(r.before, 'NOT_INITIALISED', 'a call before init()');
  const base = entry.startsWith('cnid-verify/numbers') ? WASM.numbers : WASM.full;
  const fetched = wasmPaths(r);
  if (wasm === 'none') {
    assert.deepEqual(fetched, [], `${name} ${entry}: inlined, nothing fetched`);
    return;
  }
  assert.equal(fetched.length, 1, `${name} ${entry}: one .wasm fetched: ${fetched}`);
  if (wasm === 'asset') {
    const file = fetched[0].replace(/^\//, '');
    assert.ok(files.includes(file), `${name} ${entry}: ${file} was emitted (${files.join(', ')})`);
    // The package's .wasm as is (webpack's asyncWebAssembly may rewrite it: only its size class then).
    const emitted = fs.readFileSync(path.join(dir, file));
    const original = fs.readFileSync(path.join(PKG_DIR, `${base}.wasm`));
    if (entry === 'cnid-verify/bundler') assert.ok(Math.abs(emitted.length - original.length) < original.length / 10, file);
    else assert.ok(emitted.equals(original), `${name} ${entry}: ${file} is ${base}.wasm`);
  } else if (wasm instanceof RegExp) assert.match(fetched[0], wasm, `${name} ${entry}`);
  else assert.equal(fetched[0], wasm.replace('*', base), `${name} ${entry}: the .wasm served from the package`);
}

/** The page of each src/ entry and what it runs. */
const PAGES = {
  'full-root': { entry: 'cnid-verify', kind: 'full' },
  'full-web': { entry: 'cnid-verify/web', kind: 'full' },
  'full-inline': { entry: 'cnid-verify/inline', kind: 'full', wasm: 'none' },
  'full-bundler': { entry: 'cnid-verify/bundler', kind: 'full' },
  'numbers-root': { entry: 'cnid-verify/numbers', kind: 'numbers' },
  'numbers-web': { entry: 'cnid-verify/numbers/web', kind: 'numbers' },
  'numbers-inline': { entry: 'cnid-verify/numbers/inline', kind: 'numbers', wasm: 'none' },
  'page-worker-root': { entry: 'cnid-verify', kind: 'worker' },
  'page-worker-web': { entry: 'cnid-verify/web', kind: 'worker' },
  'page-worker-inline': { entry: 'cnid-verify/inline', kind: 'worker', wasm: 'none' },
};

/** Builds `entries` (names in PAGES) with `tool` and the `config` recipe, and checks every page. */
async function buildAndCheck(build, { tool, name, entries, config }) {
  const out = await build({ tool, name, entries, config });
  const results = await runInBrowser(out.dir, out.pages);
  entries.forEach((e, i) => check(results[i], { consumer: name, wasm: 'asset', dir: out.dir, files: out.files, ...PAGES[e] }));
  return out;
}

/** A free TCP port on 127.0.0.1 (for dev servers that need one up front). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Opens `pages` of a running dev server in Chromium; each page's window.__result, and no problems. */
async function openPages(url, pages) {
  const b = await getBrowser(); // first: its error says how to install playwright-core
  const { newPage } = await import('../e2e/lib/browser.mjs');
  const results = [];
  for (const p of pages) {
    const { context, page, problems } = await newPage(b);
    try {
      await page.goto(new URL(p, url).href);
      await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
      const result = await page.evaluate(() => window.__result);
      results.push(result);
      if (!result.error) assert.deepEqual(problems, [], `${p}: no console errors or failed requests`);
    } finally {
      await context.close();
    }
  }
  return results;
}

/** Serves `entries` with a dev server, checks each page, closes the server. */
async function serveAndCheck(serve, spec, expect = {}) {
  const server = await serve({ ...spec, fixtures: FIXTURES, port: await freePort() });
  try {
    const results = await openPages(server.url, server.pages);
    spec.entries.forEach((e, i) => {
      if (expect[e]) assert.match(String(results[i].error), expect[e], `${spec.name} ${e}: the expected failure`);
      else check(results[i], { consumer: spec.name, wasm: spec.devWasm, ...PAGES[e] });
    });
  } finally {
    await server.close();
  }
}

const TLA_VITE5 = /Top-level await is not available in the configured target environment/;

describe('bundlers (consumers/bundlers)', { timeout: 900_000 }, () => {
  let build;
  let serve;
  before(async () => {
    ({ build, serve } = await consumer('bundlers'));
  });

  describe('webpack 5 current', () => {
    it('root and numbers entries, zero config (top-level await; the .wasm emitted from new URL)', async () => {
      await buildAndCheck(build, { tool: 'webpack', name: 'webpack', entries: ['full-root', 'numbers-root'] });
    });

    it('the inline entries alone emit no .wasm (their import graph carries no .wasm URL)', async () => {
      const out = await buildAndCheck(build, { tool: 'webpack', name: 'webpack-inline', entries: ['full-inline', 'numbers-inline'] });
      assert.deepEqual(out.files.filter((f) => f.endsWith('.wasm')), [], out.files.join(', '));
    });

    it('cnid-verify/bundler with experiments.asyncWebAssembly', async () => {
      const out = await buildAndCheck(build, {
        tool: 'webpack',
        name: 'webpack-bundler',
        entries: ['full-bundler'],
        config: { experiments: { asyncWebAssembly: true } },
      });
      assert.ok(out.files.some((f) => f.endsWith('.module.wasm')), out.files.join(', '));
    });
  });

  describe('webpack 5.75.0', () => {
    it('web and inline entries (full and numbers): zero config, init() awaited', async () => {
      await buildAndCheck(build, {
        tool: 'webpack-5.75',
        name: 'webpack-5.75',
        entries: ['full-web', 'full-inline', 'numbers-web', 'numbers-inline'],
      });
    });

    it('root entry: needs experiments.topLevelAwait (off by default before 5.83)', async () => {
      await assert.rejects(
        build({ tool: 'webpack-5.75', name: 'webpack-5.75-root-default', entries: ['full-root'] }),
        /The top-level-await experiment is not enabled \(set experiments\.topLevelAwait: true to enabled it\)/,
      );
      await buildAndCheck(build, {
        tool: 'webpack-5.75',
        name: 'webpack-5.75-tla',
        entries: ['full-root', 'numbers-root'],
        config: { experiments: { topLevelAwait: true } },
      });
    });

    it('cnid-verify/bundler cannot be parsed (its @webassemblyjs predates reference types / externref)', async () => {
      await assert.rejects(
        build({
          tool: 'webpack-5.75',
          name: 'webpack-5.75-bundler',
          entries: ['full-bundler'],
          config: { experiments: { asyncWebAssembly: true } },
        }),
        /cnid_verify_bg\.wasm Module parse failed: Internal failure: parseVec could not cast the value/,
      );
    });
  });

  describe('esbuild', () => {
    for (const format of ['esm', 'iife']) {
      it(`format ${format}: inline entries (full and numbers), init() awaited`, async () => {
        const out = await buildAndCheck(build, {
          tool: 'esbuild',
          name: `esbuild-${format}`,
          entries: ['full-inline', 'numbers-inline'],
          config: { format },
        });
        assert.deepEqual(out.files.filter((f) => f.endsWith('.wasm')), [], 'no .wasm to host');
      });
    }
  });

  describe('Rollup + @rollup/plugin-node-resolve', () => {
    it('inline entries (full and numbers), init() awaited', async () => {
      const out = await buildAndCheck(build, { tool: 'rollup', name: 'rollup', entries: ['full-inline', 'numbers-inline'] });
      assert.deepEqual(out.files.filter((f) => f.endsWith('.wasm')), [], 'no .wasm to host');
    });
  });

  describe('Vite current', () => {
    it('build: root, numbers and inline entries, web and inline module workers, zero config', async () => {
      await buildAndCheck(build, {
        tool: 'vite',
        name: 'vite',
        entries: ['full-root', 'numbers-root', 'full-inline', 'page-worker-web', 'page-worker-inline'],
      });
    });

    it('build: the inline entries alone emit no .wasm', async () => {
      const out = await buildAndCheck(build, { tool: 'vite', name: 'vite-inline', entries: ['full-inline', 'numbers-inline'] });
      assert.deepEqual(out.files.filter((f) => f.endsWith('.wasm')), [], out.files.join(', '));
    });

    it('build: a module worker importing the root entry needs worker.format "es"', async () => {
      await assert.rejects(
        build({ tool: 'vite', name: 'vite-worker-iife', entries: ['page-worker-root'] }),
        /Module format "iife" does not support top-level await/,
      );
      await buildAndCheck(build, {
        tool: 'vite',
        name: 'vite-worker-es',
        entries: ['page-worker-root'],
        config: { worker: { format: 'es' } },
      });
    });

    it('dev server: root, web, numbers and inline entries and a root-entry worker, zero config', async () => {
      await serveAndCheck(serve, {
        tool: 'vite',
        name: 'vite-dev',
        entries: ['full-root', 'full-web', 'numbers-root', 'full-inline', 'numbers-inline', 'page-worker-root'],
        devWasm: '/node_modules/cnid-verify/*.wasm',
      });
    });
  });

  describe('Vite 5', () => {
    it('build: the root entry needs build.target "esnext" (the default target rejects top-level await)', async () => {
      await assert.rejects(build({ tool: 'vite-5', name: 'vite-5-root-default', entries: ['full-root'] }), TLA_VITE5);
      await buildAndCheck(build, {
        tool: 'vite-5',
        name: 'vite-5-esnext',
        entries: ['full-root', 'numbers-root'],
        config: { build: { target: 'esnext' } },
      });
    });

    it('build: web and inline entries and workers, zero config (default target)', async () => {
      await buildAndCheck(build, {
        tool: 'vite-5',
        name: 'vite-5',
        entries: ['full-web', 'full-inline', 'numbers-web', 'numbers-inline', 'page-worker-web', 'page-worker-inline'],
      });
    });

    it('build: a root-entry worker needs worker.format "es" and build.target "esnext"', async () => {
      await assert.rejects(
        build({ tool: 'vite-5', name: 'vite-5-worker-iife', entries: ['page-worker-root'], config: { build: { target: 'esnext' } } }),
        /Module format "iife" does not support top-level await/,
      );
      await buildAndCheck(build, {
        tool: 'vite-5',
        name: 'vite-5-worker-es',
        entries: ['page-worker-root'],
        config: { build: { target: 'esnext' }, worker: { format: 'es' } },
      });
    });

    it('dev server, zero config: inline entries work; the pre-bundled web entry fetches the HTML fallback', async () => {
      // optimizeDeps copies the package into node_modules/.vite/deps, away from its .wasm: the
      // default new URL('../cnid_verify_bg.wasm', import.meta.url) of web/ then gets index.html.
      // (The root entry is worse: the optimizer's esbuild target rejects its top-level await and
      // the dev server process dies; not run here.)
      await serveAndCheck(
        serve,
        { tool: 'vite-5', name: 'vite-5-dev', entries: ['full-inline', 'numbers-inline', 'full-web'] },
        { 'full-web': /expected magic word 00 61 73 6d, found 3c 21 64 6f/ },
      );
    });

    it('dev server with optimizeDeps.exclude ["cnid-verify"]: root, web, numbers entries and a root-entry worker', async () => {
      await serveAndCheck(serve, {
        tool: 'vite-5',
        name: 'vite-5-dev-exclude',
        entries: ['full-root', 'full-web', 'numbers-root', 'numbers-web', 'page-worker-root'],
        config: { optimizeDeps: { exclude: ['cnid-verify'] } },
        devWasm: '/node_modules/cnid-verify/*.wasm',
      });
    });
  });
});

describe('Parcel (consumers/parcel)', { timeout: 600_000 }, () => {
  let build;
  let serve;
  before(async () => {
    ({ build, serve } = await consumer('parcel', { copySrc: true }));
  });

  /** A Parcel build of `entries`, every page checked. */
  async function parcelBuild(spec) {
    const out = await build(spec);
    const results = await runInBrowser(out.dir, out.pages);
    spec.entries.forEach((e, i) => check(results[i], { consumer: spec.name, wasm: 'asset', dir: out.dir, files: out.files, ...PAGES[e] }));
  }

  it('build: root, web, inline and numbers entries, zero config (without package exports)', async () => {
    await parcelBuild({ name: 'parcel', entries: ['full-root', 'full-web', 'full-inline', 'numbers-root'] });
  });

  it('build: numbers/web and numbers/inline, zero config (files at their subpaths for resolvers without exports)', async () => {
    await parcelBuild({ name: 'parcel-numbers', entries: ['numbers-web', 'numbers-inline'] });
    await parcelBuild({ name: 'parcel-exports', entries: ['full-root', 'numbers-web', 'numbers-inline'], packageExports: true });
  });

  it('build: the inline entries alone emit no .wasm', async () => {
    const out = await build({ name: 'parcel-inline-only', entries: ['full-inline', 'numbers-inline'] });
    assert.deepEqual(out.files.filter((f) => f.endsWith('.wasm')), [], out.files.join(', '));
  });

  const PARCEL_DEV_WASM = /^\/cnid_verify(_numbers)?_bg\.[0-9a-f]+\.wasm$/;

  it('dev server: web and inline entries (full and numbers), zero config', async () => {
    await serveAndCheck(serve, {
      name: 'parcel-dev',
      entries: ['full-inline', 'numbers-inline', 'full-web', 'numbers-web'],
      devWasm: PARCEL_DEV_WASM,
    });
  });

  it('dev server: the root entry only with scope hoisting (JS API defaultTargetOptions.shouldScopeHoist)', async () => {
    // Without it every module is wrapped in a function: top-level await becomes a SyntaxError.
    await serveAndCheck(serve, { name: 'parcel-dev-root', entries: ['full-root'] }, { 'full-root': /Unexpected reserved word/ });
    await serveAndCheck(serve, {
      name: 'parcel-dev-hoist',
      entries: ['full-root', 'numbers-root'],
      scopeHoist: true,
      devWasm: PARCEL_DEV_WASM,
    });
  });
});
