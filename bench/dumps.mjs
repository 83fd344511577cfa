// Signed-dump verification benchmark: cnid-verify vs. plain ECDSA P-256 verifiers, in ONE process.
//
//   node dumps.mjs [--n 1000] [--runs 5] [--out results-dumps.json]
//
// Two sets of N valid dumps:
//   * JWK-trusted: generated here with node:crypto (a fresh P-256 reader key, the 2023 specimen
//     card's text block from tests/fixtures/chip, distinct readAt and a distinct 16-byte nonce per
//     dump). Trust = a JWK set holding that key.
//   * x5chain-trusted: generated here too, signed with the test PKI's signer key (derived from its
//     fixture-gen seed) and carrying x5chain [test-signer, test-intermediate]; trust = the test root
//     certificate. cnid-verify builds and checks the certificate path for every dump (the chain's
//     certificate signatures are cached per TrustStore; dates, extensions and revocation are not).
// Contenders, per set:
//   * cnid-verify verifyDump per dump, and verifyDumps on the whole set in one call: the FULL
//     verification (CBOR envelope + payload, signer lookup or X.509 path, ES256, freshness, card
//     text block and number checks);
//   * cnid-verify/pool: pool.verifyDumps with 1 thread and with os.availableParallelism() threads;
//   * node:crypto.verify (OpenSSL, sync), WebCrypto subtle.verify with all N promises in flight,
//     @noble/curves p256.verify(sig, msg, pub, { lowS: false }): the bare ES256 check of the SAME
//     Sig_structure bytes with the signer key (keys imported once, outside the timing; no chain).
// Every verifier must accept every dump; the median of --runs passes (after a warm-up) is reported.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { p256 } from '@noble/curves/nist.js';
import * as cnid from 'cnid-verify';
import { createVerifierPool } from 'cnid-verify/pool';
import os from 'node:os';
import { jwkBenchDumps, kidOf, makeX5chainDump, parseSign1, sigStructure, x5chainLeaf } from './lib/cose.mjs';
import { benchArgs, environment, fmtInt, markdownTable, measureInterleaved, prng, versionOf } from './lib/harness.mjs';

const args = benchArgs({ n: 1000, runs: 5, out: new URL('./results-dumps.json', import.meta.url) });
const log = args.quiet ? () => {} : (...a) => console.log(...a);
const FIXTURES = new URL('../tests/fixtures/', import.meta.url);
const READ_AT = 1780272000; // 2026-06-01T00:00:00Z, inside the specimen card's validity

// --- the JWK-trusted set: generated ---------------------------------------------------------------

function generateJwkSet(n) {
  const { jwks, dumps, options } = jwkBenchDumps(n, READ_AT);
  const trust = (target) => target.addJwks(jwks);
  const store = new cnid.TrustStore();
  trust(store);
  return { label: 'JWK-trusted', source: `${n} generated dumps`, dumps, store, trust, options, jwks };
}

// --- the x5chain-trusted set: generated with the test PKI's signer key ------------------------------

/** DER bytes of the (single) certificate in a PEM file of tests/fixtures/trust. */
function pemDer(file) {
  return new Uint8Array(new crypto.X509Certificate(fs.readFileSync(new URL(`trust/${file}`, FIXTURES))).raw);
}

/**
 * The private key of tests/fixtures/trust/test-signer.pem, derived exactly as tools/fixture-gen does
 * (scalar = SHA-256 of the seed label, rehashed while it is not a valid P-256 scalar; the first hash is
 * valid for this label). TEST KEY: it only exists so that benchmarks can mint dumps under the test PKI.
 */
function testSignerKey() {
  const d = crypto.createHash('sha256').update('cnid-verify test signer').digest();
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const b64 = (b) => Buffer.from(b).toString('base64url');
  const key = crypto.createPrivateKey({
    key: { kty: 'EC', crv: 'P-256', d: b64(d), x: b64(pub.subarray(1, 33)), y: b64(pub.subarray(33)) },
    format: 'jwk',
  });
  const cert = new crypto.X509Certificate(fs.readFileSync(new URL('trust/test-signer.pem', FIXTURES)));
  if (!cert.checkPrivateKey(key)) throw new Error('derived key does not match test-signer.pem (fixture-gen changed?)');
  return key;
}

function generateX5chainSet(n) {
  const privateKey = testSignerKey();
  const chain = [pemDer('test-signer.pem'), pemDer('test-intermediate.pem')];
  const text = new Uint8Array(fs.readFileSync(new URL('chip/y-specimen.bin', FIXTURES)));
  const rnd = prng(0x5eed + 1);
  const dumps = [];
  for (let i = 0; i < n; i++) {
    const nonce = Uint8Array.from({ length: 16 }, () => Math.floor(rnd() * 256));
    dumps.push(makeX5chainDump({ privateKey, chain, text, readAt: READ_AT + i, nonce, readerId: 'BENCH-READER-0002' }));
  }
  const root = fs.readFileSync(new URL('trust/test-root.pem', FIXTURES), 'utf8');
  const trust = (target) => target.addCertificate(root);
  const store = new cnid.TrustStore();
  trust(store);
  return {
    label: 'x5chain-trusted',
    source: `${n} generated dumps, x5chain [test-signer, test-intermediate] to test-root.pem`,
    dumps,
    store,
    trust,
    options: { at: (READ_AT + n + 60) * 1000, maxAgeSeconds: null },
  };
}

// --- peers: the bare ES256 check of the same Sig_structure --------------------------------------------

function peerInputs(set) {
  const byKid = new Map((set.jwks?.keys ?? []).map((k) => [k.kid, k]));
  const keyCache = new Map();
  return set.dumps.map((bytes) => {
    const parts = parseSign1(bytes);
    const leaf = x5chainLeaf(parts);
    const cacheKey = leaf ? Buffer.from(leaf).toString('base64') : `kid:${kidOf(parts)}`;
    if (!keyCache.has(cacheKey)) {
      const keyObject = leaf
        ? new crypto.X509Certificate(Buffer.from(leaf)).publicKey
        : crypto.createPublicKey({ key: byKid.get(kidOf(parts)), format: 'jwk' });
      const jwk = keyObject.export({ format: 'jwk' });
      const sec1 = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
      keyCache.set(cacheKey, { keyObject, jwk, sec1: new Uint8Array(sec1) });
    }
    return { msg: sigStructure(parts.protected, parts.payload), sig: parts.signature, key: keyCache.get(cacheKey) };
  });
}

async function importWebCryptoKeys(items) {
  const cache = new Map();
  for (const it of items) {
    if (!cache.has(it.key)) {
      cache.set(it.key, await crypto.subtle.importKey('jwk', it.key.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']));
    }
    it.webKey = cache.get(it.key);
  }
}

const countTrue = (xs) => xs.reduce((a, x) => a + (x ? 1 : 0), 0);

function contenders(set, items, pools) {
  const { dumps, store, options } = set;
  return [
    // cnid-verify/pool: worker threads, each with its own module instance and the same trust.
    ...pools.map((pool) => ({ lib: 'cnid-verify/pool', call: `pool.verifyDumps(all, options), ${pool.threads} thread(s)`, ours: true, threads: pool.threads,
      run: async () => countTrue((await pool.verifyDumps(dumps, options)).map((r) => r.ok)) })),
    { lib: 'cnid-verify', call: 'verifyDump(bytes, trust, options) per dump', ours: true,
      run: () => countTrue(dumps.map((d) => cnid.verifyDump(d, store, options).ok)) },
    { lib: 'cnid-verify', call: 'verifyDumps(all, trust, options) one call', ours: true,
      run: () => countTrue(cnid.verifyDumps(dumps, store, options).map((r) => r.ok)) },
    // The wasm fallback (browsers' synchronous calls): the built-in p256 for every curve step.
    { lib: 'cnid-verify', call: "verifyDumps(all, trust, { ...options, engine: 'wasm' })", ours: true, wasm: true,
      run: () => countTrue(cnid.verifyDumps(dumps, store, { ...options, engine: 'wasm' }).map((r) => r.ok)) },
    { lib: 'node:crypto', call: "crypto.verify('sha256', msg, {key, dsaEncoding:'ieee-p1363'}, sig)",
      run: () => countTrue(items.map((it) => crypto.verify('sha256', it.msg, { key: it.key.keyObject, dsaEncoding: 'ieee-p1363' }, it.sig))) },
    { lib: 'WebCrypto', call: 'Promise.all(subtle.verify(ECDSA P-256 SHA-256) × N)',
      run: async () => countTrue(await Promise.all(items.map((it) => crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, it.webKey, it.sig, it.msg)))) },
    { lib: '@noble/curves', call: 'p256.verify(sig, msg, pub, { lowS: false })',
      run: () => countTrue(items.map((it) => p256.verify(it.sig, it.msg, it.key.sec1, { lowS: false }))) },
  ];
}

async function runSet(set) {
  const items = peerInputs(set);
  await importWebCryptoKeys(items);
  const threads = [...new Set([1, os.availableParallelism?.() ?? os.cpus().length])];
  const pools = threads.map((n) => createVerifierPool({ threads: n }));
  for (const pool of pools) set.trust(pool);
  const list = contenders(set, items, pools);
  log(`  ${set.label}: ${list.map((c) => `${c.lib} ${c.call}`).join('; ')} (interleaved)`);
  const measured = await measureInterleaved(list.map((c) => c.run), { runs: args.runs, items: set.dumps.length });
  await Promise.all(pools.map((p) => p.close()));
  const rows = list.map((c, i) => {
    const m = measured[i];
    if (m.result !== set.dumps.length) throw new Error(`${c.lib} ${c.call}: accepted ${m.result} of ${set.dumps.length}`);
    const version = c.lib === 'node:crypto' || c.lib === 'WebCrypto' ? `Node ${process.version} / OpenSSL ${process.versions.openssl}` : versionOf(c.lib.replace(/^cnid-verify\/.*/, 'cnid-verify'));
    return { library: c.lib, version, call: c.call, ours: Boolean(c.ours), wasm: Boolean(c.wasm), threads: c.threads ?? 1, accepted: m.result, ...m };
  });
  const fastestPeer = Math.max(...rows.filter((r) => !r.ours).map((r) => r.perSecond));
  // The issue's target compares the full verifyDump with @noble/curves' bare signature check.
  const noble = rows.find((r) => r.library === '@noble/curves')?.perSecond ?? NaN;
  const node = rows.find((r) => r.library === 'node:crypto')?.perSecond ?? NaN;
  for (const r of rows) {
    r.vsFastestPeer = +(r.perSecond / fastestPeer).toFixed(3);
    r.vsNoble = +(r.perSecond / noble).toFixed(2);
    r.vsNodeCrypto = +(r.perSecond / node).toFixed(3);
  }
  // The pool's scaling: N threads over one thread (the pool's own overhead included in both).
  const pool1 = rows.find((r) => r.library === 'cnid-verify/pool' && r.threads === 1);
  const poolN = rows.filter((r) => r.library === 'cnid-verify/pool').at(-1);
  const scaling = { threads: poolN.threads, ratio: +(poolN.perSecond / pool1.perSecond).toFixed(2) };
  return { set: set.label, source: set.source, n: set.dumps.length, rows, scaling };
}

function table(group) {
  return markdownTable(
    [
      ['library', 'call', 'dumps/s (median)', 'median ms', '× node:crypto', '× fastest peer', '× @noble/curves'],
      ...group.rows.map((r) => [
        `${r.ours ? '**' : ''}${r.library}${r.ours ? '**' : ''} ${r.version}`,
        `\`${r.call}\``,
        fmtInt(r.perSecond),
        r.medianMs.toFixed(1),
        `${r.vsNodeCrypto.toFixed(3)}×`,
        `${r.vsFastestPeer.toFixed(3)}×`,
        `${r.vsNoble.toFixed(2)}×`,
      ]),
    ],
    ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
  );
}

// --- main --------------------------------------------------------------------------------------

const env = environment();
log(`cnid-verify dumps benchmark: ${fmtInt(args.n)} dumps per set, median of ${args.runs} runs, ${env.node} on ${env.cpu} (${env.cores} cores)`);
const sets = [generateJwkSet(args.n), generateX5chainSet(args.n)];
const groups = [];
for (const set of sets) {
  log(`${set.label}: ${set.source}`);
  groups.push(await runSet(set));
  set.store.free();
}
for (const g of groups) {
  console.log(`\n### ${g.set} dumps (${g.source})\n`);
  console.log(table(g));
  console.log(`\npool scaling: ${g.scaling.threads} threads = ${g.scaling.ratio.toFixed(2)}× one thread`);
}
// Issue 12's targets, as ratios of this run.
const target = (what, got, want) => [what, `${got.toFixed(2)}×`, `≥ ${want}×`, got >= want ? 'met' : `missed by ${(want - got).toFixed(2)}×`];
const row = (g, pred) => g.rows.find(pred);
const [jwk, x5] = groups;
const oneCall = (r) => r.library === 'cnid-verify' && r.call.startsWith('verifyDumps(all, trust, options)');
const wasmRow = (r) => r.wasm;
console.log('\n### Targets (issue 12)\n');
console.log(
  markdownTable(
    [
      ['target', 'this run', 'wanted', ''],
      target('JWK: verifyDumps per dump × raw node:crypto verify', row(jwk, oneCall).vsNodeCrypto, 0.5),
      target('x5chain: verifyDumps per dump × raw node:crypto verify', row(x5, oneCall).vsNodeCrypto, 0.3),
      target("JWK: engine 'wasm' × @noble/curves p256.verify", row(jwk, wasmRow).vsNoble, 4),
      target(`JWK: pool ${jwk.scaling.threads} threads × 1 thread`, jwk.scaling.ratio, 1.7),
      target(`x5chain: pool ${x5.scaling.threads} threads × 1 thread`, x5.scaling.ratio, 1.7),
    ],
    ['l', 'r', 'r', 'l'],
  ),
);
console.log('(Chromium, verifyDumpsAsync × raw WebCrypto: node browser.mjs.)');
console.log('\ncnid-verify rows are full verifications; peer rows are the bare ES256 check of the same Sig_structure.');
console.log('Pool rows use worker threads; every other row runs on one thread.');
const results = { benchmark: 'dumps', environment: env, n: args.n, runs: args.runs, groups };
fs.writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
console.log(`raw results: ${args.out instanceof URL ? 'bench/results-dumps.json' : args.out}`);
