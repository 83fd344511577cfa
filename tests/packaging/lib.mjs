// Shared by the packaging test files (tests/packaging/*.test.mjs): the packed tarball, throw-away
// consumers installed from it, the common scenario's assertions and Chromium pages.
//
// Every test file calls setup() in its before() and teardown() in its after(). The tarball is packed
// once per file into its own temp dir (files run one after the other: --test-concurrency=1).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const PKG_DIR = path.resolve(process.env.CNID_PKG_DIR || path.join(ROOT, 'pkg'));
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const CONSUMERS = path.join(HERE, 'consumers');
export const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');
const NPM_FLAGS = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error', '--prefer-offline'];
const KEEP = process.env.KEEP_CONSUMERS === '1'; // keep the temp dir for debugging

export const ALL_CHECKS = [
  'ENVELOPE', 'PAYLOAD', 'ALGORITHM', 'SIGNER', 'REVOCATION', 'SIGNATURE',
  'FRESHNESS', 'NONCE', 'CARD_LAYOUT', 'CARD_NUMBER', 'CARD_CONSISTENCY', 'CARD_VALIDITY',
];

let work; // temp dir
let tarball; // absolute path of the packed .tgz
/** The npm pack --json entry of the tarball (set by setup()). */
export let packInfo;
let browserLib = null;
let browser = null;

/** Runs a command; throws with its output unless it exits 0. */
export function run(cmd, args, { cwd, timeout = 300_000, env = {} } = {}) {
  // NODE_ENV is dropped unless given: in-process Vite and Parcel builds set it to 'production',
  // and an inherited one makes a later `npm ci` silently skip devDependencies.
  const base = { ...process.env };
  delete base.NODE_ENV;
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...base, npm_config_update_notifier: 'false', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}
export const npm = (args, cwd) => run('npm', [...args, ...NPM_FLAGS], { cwd });

/** Copies consumers/<name> (without node_modules/dist) to the temp dir and installs the tarball. */
export function makeConsumer(name, { ci = false } = {}) {
  const dir = path.join(work, name);
  fs.cpSync(path.join(CONSUMERS, name), dir, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist)([\\/]|$)/.test(path.relative(CONSUMERS, src)),
  });
  // The scenario every consumer runs (consumers/shared/summary.js), next to its own files.
  fs.cpSync(path.join(CONSUMERS, 'shared'), path.join(dir, 'shared'), { recursive: true });
  if (ci) npm(['ci'], dir);
  npm(['install', '--no-save', tarball], dir);
  const installed = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'cnid-verify', 'package.json'), 'utf8'));
  assert.equal(installed.name, 'cnid-verify');
  assert.ok(!fs.lstatSync(path.join(dir, 'node_modules', 'cnid-verify')).isSymbolicLink(), 'installed from the tarball, not linked');
  return dir;
}

/** The scenario every consumer runs, as summarised by the consumer. */
export function assertScenario(result, consumer) {
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

export async function getBrowser() {
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
export async function runInBrowser(root, pages) {
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

/** Packs $CNID_PKG_DIR into a new temp dir (call in before()). */
export function setup(prefix = 'cnid-verify-packaging-') {
  for (const f of ['package.json', 'browser.js', 'node.cjs', 'node.mjs', 'index.d.ts']) {
    if (!fs.existsSync(path.join(PKG_DIR, f))) {
      throw new Error(`${PKG_DIR}/${f} is missing: build the package (make pkg) or point CNID_PKG_DIR at a built one`);
    }
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const out = npm(['pack', PKG_DIR, '--json', '--pack-destination', work], work);
  [packInfo] = JSON.parse(out);
  tarball = path.join(work, packInfo.filename);
  assert.ok(fs.existsSync(tarball), tarball);
  return work;
}

/** Closes the browser and removes the temp dir (call in after()). */
export async function teardown() {
  await browser?.close();
  browser = null;
  if (work && !KEEP) fs.rmSync(work, { recursive: true, force: true });
  else if (work) console.log(`consumers kept in ${work}`);
}

/** The temp dir of this file's consumers. */
export const workDir = () => work;
