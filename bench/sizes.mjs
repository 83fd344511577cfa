// What a page pays for a number check: transfer size of each entry (its .wasm plus every JS module
// it loads) and import -> first result, side by side with the npm peers.
//
//   node sizes.mjs [--runs 20]
//
// * Sizes: gzip -9 and brotli (quality 11) of the files an entry loads, summed per file (what a
//   server sends with per-file compression). Our entries are listed from their import graphs (the
//   ESM browser entries); the peers' from Node's require cache after loading the function.
// * Cold start in Node: a FRESH process per sample (median of --runs), timing from just before the
//   import/require to the first result returned, so Node's own start-up is excluded; samples of the
//   contenders are interleaved.
// * Cold start in Chromium (Debian's, headless, through tests/e2e's Playwright set-up): a fresh
//   browser context per sample (median of 10), a page whose module times a dynamic import of the
//   entry up to the first result (files from loopback, no HTTP cache: fetch, compile, instantiate). Only our ES module entries: the peers ship CommonJS, which a page cannot import
//   without a bundler.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.resolve(HERE, '..', 'pkg');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;
const require = createRequire(import.meta.url);

function compressed(files) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
    brotli += zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { files: files.length, raw, gzip, brotli };
}

/** The files an ES module entry of pkg/ loads: its static import graph plus the .wasm it fetches
 * (none for the inline entries). */
function esmGraph(entry, wasm) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g)) {
      visit(path.resolve(path.dirname(file), m[1] ?? m[2]));
    }
  };
  visit(path.join(PKG, entry));
  return wasm ? [...seen, path.join(PKG, wasm)] : [...seen];
}

/** The files a CommonJS module loads (Node's require cache), without Node built-ins. */
function cjsGraph(id) {
  const before = new Set(Object.keys(require.cache));
  require(id);
  return Object.keys(require.cache).filter((f) => !before.has(f));
}

const ENTRIES = [
  { name: 'cnid-verify/numbers (browser: numbers.js)', files: () => esmGraph('numbers.js', 'cnid_verify_numbers_bg.wasm') },
  { name: 'cnid-verify/numbers/inline (numbers/inline.js, .wasm as gzip + base64)', files: () => esmGraph('numbers/inline.js') },
  { name: 'cnid-verify (browser: browser.js)', files: () => esmGraph('browser.js', 'cnid_verify_bg.wasm') },
  { name: 'cnid-verify/inline (inline.js, .wasm as gzip + base64)', files: () => esmGraph('inline.js') },
  { name: 'id-validator 1.3.0', files: () => cjsGraph('id-validator') },
  { name: "validator 13.15.35 (validator/lib/isIdentityCard)", files: () => cjsGraph('validator/lib/isIdentityCard') },
];

const COLD = [
  { name: 'cnid-verify/numbers (node, require)', code: `const m = require('cnid-verify/numbers'); m.checkNumber('911124198108030024').ok` },
  { name: 'cnid-verify (node, require)', code: `const m = require('cnid-verify'); m.checkNumber('911124198108030024').ok` },
  { name: 'id-validator (require, getInfo)', code: `const V = require('id-validator'); !!new V().getInfo('11010519491231002X')` },
  { name: 'validator (require isIdentityCard)', code: `const f = require('validator/lib/isIdentityCard'); (f.default || f)('11010519491231002X', 'zh-CN')` },
];

function coldSample(code) {
  const script = `const t0 = performance.now(); const ok = (() => { ${code.replace(/; ([^;]+)$/, '; return $1')} })(); const t = performance.now() - t0; if (!ok) throw new Error('no result'); console.log(t);`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: HERE, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

const REFERENCE = 'reference-one-function-module.js';

async function chromiumColdStart(entries, runs) {
  const { launchBrowser, newPage } = await import('../tests/e2e/lib/browser.mjs');
  const { startServer } = await import('../scripts/serve.mjs');
  const page = (entry) =>
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">` +
    `const t0 = performance.now(); const m = await import('${entry === REFERENCE || entry.startsWith('bundles/') ? '/' : '/pkg/'}${entry}');` +
    `await m.init?.(); const ok = m.checkNumber('911124198108030024').ok; window.__t = ok ? performance.now() - t0 : -1;</script>`;
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'cnid-cold-'));
  // The reference: a one-function ES module, i.e. what any dynamic import costs on this machine.
  fs.writeFileSync(path.join(dir, REFERENCE), 'export function checkNumber(s) { return { ok: s.length === 18 }; }\n');
  for (const e of entries) fs.writeFileSync(path.join(dir, `${e.replaceAll('/', '_')}.html`), page(e));
  await writeBundles(path.join(dir, 'bundles'));
  const server = await startServer({ mounts: { '/pkg/': PKG, '/': dir } });
  const browser = await launchBrowser();
  const out = entries.map(() => []);
  try {
    for (let i = 0; i < runs; i++) {
      for (const [k, e] of entries.entries()) {
        const { context, page: p } = await newPage(browser);
        await p.goto(new URL(`${e.replaceAll('/', '_')}.html`, server.url).href);
        await p.waitForFunction(() => window.__t !== undefined, null, { timeout: 60_000 });
        out[k].push(await p.evaluate(() => window.__t));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

// What a page pays after a production build: the app's import bundled and minified by esbuild
// (as webpack, Vite or Rollup with a minifier would), plus the .wasm our URL-loading entries fetch.
const BUNDLED = [
  { name: 'cnid-verify/numbers', code: `import { checkNumber } from 'cnid-verify/numbers'; console.log(checkNumber(location.hash).ok);`, wasm: 'cnid_verify_numbers_bg.wasm' },
  { name: 'cnid-verify/numbers/inline', code: `import init, { checkNumber } from 'cnid-verify/numbers/inline'; await init(); console.log(checkNumber(location.hash).ok);` },
  { name: 'cnid-verify (root)', code: `import { checkNumber } from 'cnid-verify'; console.log(checkNumber(location.hash).ok);`, wasm: 'cnid_verify_bg.wasm' },
  { name: 'cnid-verify/inline', code: `import init, { checkNumber } from 'cnid-verify/inline'; await init(); console.log(checkNumber(location.hash).ok);` },
  { name: 'id-validator 1.3.0', code: `import V from 'id-validator'; console.log(new V().isValid(location.hash));` },
  { name: 'validator 13.15.35 (isIdentityCard)', code: `import f from 'validator/lib/isIdentityCard'; console.log(f(location.hash, 'zh-CN'));` },
];

async function bundledSize({ code, wasm }) {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: { contents: code, resolveDir: HERE, loader: 'js' },
    bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'silent',
  });
  const parts = [Buffer.from(out.outputFiles[0].contents)];
  if (wasm) parts.push(fs.readFileSync(path.join(PKG, wasm)));
  const sum = (f) => parts.reduce((n, b) => n + f(b).length, 0);
  return {
    js: parts[0].length,
    raw: sum((b) => b),
    gzip: sum((b) => zlib.gzipSync(b, { level: 9 })),
    brotli: sum((b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
}

// The entries as a production build serves them: one minified module (esbuild) per entry, the .wasm
// next to it for the URL-loading ones. Chromium's cold start of the package's own files is mostly
// its module waterfall (up to six sequential fetches before the .wasm), which a bundler flattens.
const BUNDLES = [
  { file: 'numbers.js', from: 'cnid-verify/numbers', wasm: 'cnid_verify_numbers_bg.wasm' },
  { file: 'numbers-inline.js', from: 'cnid-verify/numbers/inline' },
  { file: 'root.js', from: 'cnid-verify', wasm: 'cnid_verify_bg.wasm' },
  { file: 'inline.js', from: 'cnid-verify/inline' },
  // The peers, bundled the same way behind the page's checkNumber(s).ok.
  { file: 'id-validator.js', code: `import V from 'id-validator'; export const checkNumber = (s) => ({ ok: new V().isValid(s) });` },
  { file: 'validator.js', code: `import f from 'validator/lib/isIdentityCard'; export const checkNumber = (s) => ({ ok: f(s, 'zh-CN') });` },
];
async function writeBundles(dir) {
  const { build } = await import('esbuild');
  fs.mkdirSync(dir, { recursive: true });
  for (const b of BUNDLES) {
    await build({
      stdin: { contents: b.code ?? `export * from '${b.from}';`, resolveDir: HERE, loader: 'js' },
      bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'silent',
      outfile: path.join(dir, b.file),
    });
    if (b.wasm) fs.copyFileSync(path.join(PKG, b.wasm), path.join(dir, b.wasm));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => n.toLocaleString('en-US');

console.log(`cnid-verify sizes and cold start (${process.version}, ${RUNS} fresh processes per contender, interleaved)\n`);
console.log('| entry | files | raw | gzip -9 | brotli |\n|---|---:|---:|---:|---:|');
for (const e of ENTRIES) {
  const s = compressed(e.files());
  console.log(`| ${e.name} | ${s.files} | ${fmt(s.raw)} | ${fmt(s.gzip)} | ${fmt(s.brotli)} |`);
}
console.log('\n| bundled + minified (esbuild), .wasm added | minified JS | raw | gzip -9 | brotli |\n|---|---:|---:|---:|---:|');
for (const b of BUNDLED) {
  const s = await bundledSize(b);
  console.log(`| ${b.name} | ${fmt(s.js)} | ${fmt(s.raw)} | ${fmt(s.gzip)} | ${fmt(s.brotli)} |`);
}
const samples = COLD.map(() => []);
for (let i = 0; i < RUNS; i++) COLD.forEach((c, k) => samples[k].push(coldSample(c.code)));
console.log('\n| import -> first result, Node | median ms | min–max ms |\n|---|---:|---:|');
COLD.forEach((c, k) => {
  const xs = samples[k];
  console.log(`| ${c.name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} |`);
});

const browserEntries = [REFERENCE, 'numbers.js', 'numbers/inline.js', 'browser.js', 'inline.js', ...BUNDLES.map((b) => `bundles/${b.file}`)];
const chromium = await chromiumColdStart(browserEntries, RUNS);
console.log('\n| import -> first result, Chromium | median ms | min–max ms |\n|---|---:|---:|');
browserEntries.forEach((e, k) => {
  const xs = chromium[k];
  const name =
    e === REFERENCE ? '(reference) a one-function ES module'
      : e.startsWith('bundles/') ? `esbuild bundle: ${BUNDLES.find((b) => `bundles/${b.file}` === e).from ?? e.slice(8, -3)}`
        : `cnid-verify package file ${e}`;
  console.log(`| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} |`);
});
