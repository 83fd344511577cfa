// Shared by tests/e2e and tests/packaging: headless system Chromium through playwright-core (no
// browser download; `npx playwright install` is never needed), and pages that record every console
// error, uncaught exception and failed request so that tests can assert there were none.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const PKG_DIR = path.resolve(process.env.CNID_PKG_DIR || path.join(ROOT, 'pkg'));
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const ARTIFACTS = path.join(ROOT, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The fixture verification time (readAt + 60 s) and the maximum age the fixtures were made for. */
export const FIXTURE_AT_SECONDS = 1780272060;
export const FIXTURE_MAX_AGE = 600;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws a helpful error unless the package directory has been built. */
export function assertPkgBuilt() {
  for (const f of ['package.json', 'browser.js', 'cnid_verify_bg.wasm']) {
    if (!fs.existsSync(path.join(PKG_DIR, f))) {
      throw new Error(`${PKG_DIR}/${f} is missing: build the package (make pkg) or point CNID_PKG_DIR at a built one`);
    }
  }
}

/**
 * Launches headless Chromium. Playwright's launch() gives every browser a fresh temporary profile
 * (user-data dir) and removes it on close.
 */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM} (scripts/install-tools.sh installs it; or set CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * A new context + page whose problems are collected in `problems` (console errors, page errors,
 * failed requests and HTTP errors), as "kind: text" strings.
 */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`http ${res.status()}: ${res.url()}`);
  });
  return { context, page, problems };
}

/** Saves a screenshot under artifacts/ and returns its path. */
export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, ...options });
  return file;
}

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

/**
 * A static server on 127.0.0.1 (a secure context: crypto.subtle exists) for pages that import the
 * built package: `/<name>/…` serves the directory `roots[name]`, `/` an empty page. Resolves to the
 * listening http.Server.
 */
export function serveStatic(roots) {
  const server = http.createServer((req, res) => {
    const [, top, ...rest] = new URL(req.url, 'http://x').pathname.split('/');
    const base = roots[top];
    const file = base && path.join(base, ...rest);
    if (top === 'favicon.ico') {
      res.writeHead(204).end();
    } else if (top === '') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>test</title>');
    } else if (file && file.startsWith(base + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(fs.readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * A served page for a describe block: `serveStatic(roots)` on 127.0.0.1 (a secure context), a
 * headless Chromium and a page opened at `/`, closed after the block. Returns an object whose
 * `session` ({ page, problems }) is set once the block's hooks have run.
 */
export function servedPage(before, after, roots) {
  const state = { session: null, server: null, browser: null };
  before(async () => {
    assertPkgBuilt();
    state.server = await serveStatic(roots);
    state.browser = await launchBrowser();
    state.session = await newPage(state.browser);
    await state.session.page.goto(`http://127.0.0.1:${state.server.address().port}/`);
  });
  after(async () => {
    await state.browser?.close();
    state.server?.close();
  });
  return state;
}
