// Just enough CBOR / COSE_Sign1 for the dump benchmark: decode a dump to get the exact signed bytes,
// build the Sig_structure, and make new ES256 dumps with node:crypto. Definite lengths only.
// This is benchmark scaffolding, not a validating parser (cnid-verify is the validating parser).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { prng } from './harness.mjs';

// --- decode -------------------------------------------------------------------------------------

export function decode(bytes) {
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let pos = 0;
  function arg(ai) {
    if (ai < 24) return ai;
    const n = { 24: 1, 25: 2, 26: 4, 27: 8 }[ai];
    if (!n) throw new Error(`unsupported CBOR additional information ${ai}`);
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(buf[pos++]);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  function item() {
    const ib = buf[pos++];
    const mt = ib >> 5;
    const ai = ib & 31;
    switch (mt) {
      case 0: return arg(ai);
      case 1: return -1 - arg(ai);
      case 2: { const n = arg(ai); const v = buf.subarray(pos, pos + n); pos += n; return v; }
      case 3: { const n = arg(ai); const v = new TextDecoder().decode(buf.subarray(pos, pos + n)); pos += n; return v; }
      case 4: { const n = arg(ai); const a = []; for (let i = 0; i < n; i++) a.push(item()); return a; }
      case 5: { const n = arg(ai); const m = new Map(); for (let i = 0; i < n; i++) { const k = item(); m.set(k, item()); } return m; }
      case 6: { const tag = arg(ai); return { tag, value: item() }; }
      default:
        if (ai === 20) return false;
        if (ai === 21) return true;
        if (ai === 22) return null;
        throw new Error(`unsupported CBOR simple/float ${ai}`);
    }
  }
  const v = item();
  if (pos !== buf.length) throw new Error('trailing bytes');
  return v;
}

// --- encode -------------------------------------------------------------------------------------

function head(mt, n) {
  if (n < 24) return [(mt << 5) | n];
  if (n < 0x100) return [(mt << 5) | 24, n];
  if (n < 0x10000) return [(mt << 5) | 25, n >> 8, n & 0xff];
  if (n < 0x100000000) return [(mt << 5) | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  throw new Error(`CBOR argument ${n} too large for this encoder`);
}

/** Encodes numbers (integers), strings, Uint8Array, arrays, Map (keys in insertion order), {tag, value}. */
export function encode(v) {
  const out = [];
  (function enc(x) {
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x > 0xffffffff || x < -0x100000000) throw new Error(`unsupported number ${x}`);
      out.push(...(x >= 0 ? head(0, x) : head(1, -1 - x)));
    } else if (typeof x === 'string') {
      const b = new TextEncoder().encode(x);
      out.push(...head(3, b.length), ...b);
    } else if (x instanceof Uint8Array) {
      out.push(...head(2, x.length));
      for (let i = 0; i < x.length; i++) out.push(x[i]);
    } else if (Array.isArray(x)) {
      out.push(...head(4, x.length));
      x.forEach(enc);
    } else if (x instanceof Map) {
      out.push(...head(5, x.size));
      for (const [k, val] of x) {
        enc(k);
        enc(val);
      }
    } else if (x && typeof x === 'object' && 'tag' in x) {
      out.push(...head(6, x.tag));
      enc(x.value);
    } else {
      throw new Error(`cannot encode ${typeof x}`);
    }
  })(v);
  return Uint8Array.from(out);
}

// --- COSE_Sign1 -----------------------------------------------------------------------------------

/** Splits a COSE_Sign1 (tagged or not) into its parts; `protected`/`payload` are the exact signed bytes. */
export function parseSign1(bytes) {
  let v = decode(bytes);
  if (v && typeof v === 'object' && 'tag' in v) v = v.value;
  const [prot, unprotected, payload, signature] = v;
  const protectedMap = prot.length ? decode(prot) : new Map();
  return { protected: prot, protectedMap, unprotected, payload, signature };
}

/** CBOR(["Signature1", protected, external_aad, payload]): the bytes ES256 signs. */
export function sigStructure(prot, payload, externalAad = new Uint8Array(0)) {
  return encode(['Signature1', prot, externalAad, payload]);
}

/** The signer's DER certificate from x5chain (label 33, either bucket), or null. */
export function x5chainLeaf(parts) {
  const x5 = parts.protectedMap.get(33) ?? parts.unprotected.get(33);
  if (!x5) return null;
  return Array.isArray(x5) ? x5[0] : x5;
}

/** The kid (label 4; protected wins) as a string, or null. */
export function kidOf(parts) {
  const kid = parts.protectedMap.get(4) ?? parts.unprotected.get(4);
  return kid ? new TextDecoder().decode(kid) : null;
}

/**
 * A signed dump (version-1 payload) with the kid in the unprotected header.
 * payload: { text (256 bytes), readAt (Unix s), nonce?, readerId?, photo?, fingerprint?, chipSerial? }
 */
/** A signed dump whose unprotected header carries `x5chain` (label 33): DER certificates, signer first. */
export function makeX5chainDump({ privateKey, chain, text, readAt, nonce, readerId }) {
  return makeDump({ privateKey, unprotected: new Map([[33, chain]]), text, readAt, nonce, readerId });
}

/** A signed dump identified by `kid` in the unprotected header. */
export function makeJwkDump({ kid, ...rest }) {
  return makeDump({ ...rest, unprotected: new Map([[4, new TextEncoder().encode(kid)]]) });
}

function makeDump({ privateKey, unprotected, text, readAt, nonce, readerId, photo, fingerprint, chipSerial }) {
  const p = new Map([[0, 1], [1, text]]);
  if (photo) p.set(2, photo);
  if (fingerprint) p.set(3, fingerprint);
  p.set(4, readAt);
  if (nonce) p.set(5, nonce);
  if (readerId) p.set(6, readerId);
  if (chipSerial) p.set(7, chipSerial);
  const payload = encode(p);
  const prot = encode(new Map([[1, -7]]));
  const signature = new Uint8Array(
    crypto.sign('sha256', sigStructure(prot, payload), { key: privateKey, dsaEncoding: 'ieee-p1363' }),
  );
  return encode({ tag: 18, value: [prot, unprotected, payload, signature] });
}

/**
 * The benchmarks' JWK-trusted set: `n` dumps signed by one fresh P-256 reader key, the 2023 specimen
 * card's text block (tests/fixtures/chip), distinct readAt (from `readAt`) and a distinct 16-byte
 * nonce each. Returns { jwks, dumps, options }: verify at the last readAt + 60 s with no maximum age
 * (every dump is fresh enough).
 */
export function jwkBenchDumps(n, readAt = 1780272000) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = 'bench-reader-1';
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] };
  const text = new Uint8Array(fs.readFileSync(new URL('../../tests/fixtures/chip/y-specimen.bin', import.meta.url)));
  const rnd = prng(0x5eed);
  const dumps = [];
  for (let i = 0; i < n; i++) {
    const nonce = Uint8Array.from({ length: 16 }, () => Math.floor(rnd() * 256));
    dumps.push(makeJwkDump({ privateKey, kid, text, readAt: readAt + i, nonce, readerId: 'BENCH-READER-0001' }));
  }
  return { jwks, dumps, options: { at: (readAt + n + 60) * 1000, maxAgeSeconds: null } };
}
