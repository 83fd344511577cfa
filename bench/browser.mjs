// Signed dumps in headless Chromium: verifyDumpsAsync (the curve steps on WebCrypto) against the raw
// WebCrypto verify of the same messages, in ONE page, interleaved, as ratios (issue 12's target:
// ≥ 0.5×), with the synchronous verifyDumps (the built-in p256 in wasm) beside them.
//
//   node browser.mjs [--n 1000] [--runs 5] [--out results-browser.json]
//
// The N JWK-trusted dumps are generated here as in dumps.mjs (one fresh reader key, the 2023
// specimen card, distinct readAt and nonce); the page imports the built package (`cnid-verify/web`,
// from pkg/) and imports the WebCrypto key once, outside the timing. Chromium is the system one,
// driven by tests/e2e's playwright-core (tests/e2e/lib/browser.mjs).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jwkBenchDumps, parseSign1, sigStructure } from './lib/cose.mjs';
import { benchArgs, fmtInt, markdownTable } from './lib/harness.mjs';
import { PKG_DIR, launchBrowser, newPage } from '../tests/e2e/lib/browser.mjs';

const args = benchArgs({ n: 1000, runs: 5, out: new URL('./results-browser.json', import.meta.url) });
const READ_AT = 1780272000;

function generate(n) {
  const { jwks, dumps, options } = jwkBenchDumps(n, READ_AT);
  const b64 = (b) => Buffer.from(b).toString('base64');
  return {
    jwks,
    at: options.at,
    dumps: dumps.map(b64),
    items: dumps.map((d) => {
      const parts = parseSign1(d);
      return { msg: b64(sigStructure(parts.protected, parts.payload)), sig: b64(parts.signature) };
    }),
  };
}

function serve() {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/pkg\//, '');
    const file = path.join(PKG_DIR, rel);
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    } else if (req.url.startsWith('/pkg/') && file.startsWith(PKG_DIR + path.sep) && fs.existsSync(file)) {
      const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs in the page: interleaved rounds (rotating order), medians per contender. */
async function inPage({ jwks, at, dumps, items, runs }) {
  const web = await import('/pkg/web.js');
  await web.init();
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const list = dumps.map(bytes);
  const peer = items.map((it) => ({ msg: bytes(it.msg), sig: bytes(it.sig) }));
  const store = new web.TrustStore();
  store.addJwks(jwks);
  const key = await crypto.subtle.importKey('jwk', jwks.keys[0], { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const options = { at, maxAgeSeconds: null };
  const count = (xs) => xs.reduce((a, x) => a + (x === true || x?.ok === true ? 1 : 0), 0);
  const contenders = [
    { lib: 'cnid-verify', call: 'await verifyDumpsAsync(all, trust, options)', ours: true, run: async () => count(await web.verifyDumpsAsync(list, store, options)) },
    { lib: 'cnid-verify', call: 'verifyDumps(all, trust, options) (built-in p256)', ours: true, run: async () => count(web.verifyDumps(list, store, options)) },
    { lib: 'WebCrypto', call: 'Promise.all(subtle.verify(ECDSA P-256 SHA-256) × N)', run: async () => count(await Promise.all(peer.map((p) => crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, p.sig, p.msg)))) },
  ];
  const engine = (await web.verifyDumpAsync(list[0], store, options)).signature.engine;
  for (const c of contenders) c.warm = await c.run();
  const times = contenders.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + round) % contenders.length;
      const t0 = performance.now();
      const got = await contenders[i].run();
      times[i].push(performance.now() - t0);
      if (got !== contenders[i].warm) throw new Error(`${contenders[i].call}: ${got} vs ${contenders[i].warm}`);
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return {
    engine,
    userAgent: navigator.userAgent,
    rows: contenders.map((c, i) => ({ library: c.lib, call: c.call, ours: Boolean(c.ours), accepted: c.warm, runsMs: times[i], medianMs: median(times[i]) })),
  };
}

const data = generate(args.n);
const server = await serve();
const browser = await launchBrowser();
try {
  const { page, problems } = await newPage(browser);
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const out = await page.evaluate(inPage, { ...data, runs: args.runs });
  if (problems.length) throw new Error(problems.join('\n'));
  for (const r of out.rows) {
    if (r.accepted !== args.n) throw new Error(`${r.call}: accepted ${r.accepted} of ${args.n}`);
    r.perSecond = Math.round((args.n / r.medianMs) * 1000);
  }
  const raw = out.rows.find((r) => r.library === 'WebCrypto').perSecond;
  for (const r of out.rows) r.vsWebCrypto = +(r.perSecond / raw).toFixed(3);
  console.log(`\n### Chromium: ${fmtInt(args.n)} JWK dumps, median of ${args.runs} interleaved runs (${out.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? out.userAgent})\n`);
  console.log(
    markdownTable(
      [
        ['library', 'call', 'dumps/s (median)', 'median ms', '× raw WebCrypto'],
        ...out.rows.map((r) => [`${r.ours ? '**' : ''}${r.library}${r.ours ? '**' : ''}`, `\`${r.call}\``, fmtInt(r.perSecond), r.medianMs.toFixed(1), `${r.vsWebCrypto.toFixed(3)}×`]),
      ],
      ['l', 'l', 'r', 'r', 'r'],
    ),
  );
  const ours = out.rows[0].vsWebCrypto;
  console.log(`\nverifyDumpsAsync engine: ${out.engine}; target ≥ 0.5× raw WebCrypto: ${ours >= 0.5 ? 'met' : `missed by ${(0.5 - ours).toFixed(2)}×`} (${ours.toFixed(2)}×)`);
  fs.writeFileSync(args.out, JSON.stringify({ benchmark: 'browser', n: args.n, runs: args.runs, ...out }, null, 2) + '\n');
  console.log(`raw results: ${args.out instanceof URL ? 'bench/results-browser.json' : args.out}`);
} finally {
  await browser.close();
  server.close();
}
