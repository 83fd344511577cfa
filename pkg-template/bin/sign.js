// The producer side, with node:crypto: signed chip dumps (docs/spec/dump-format.md; `cnid-verify dev
// sign`, the signer kit for reader vendors) and signed trust lists (docs/spec/trust-list.md;
// `cnid-verify trustlist make`), and tests. Verifying is the library's job (verifyDump,
// TrustStore.addTrustList); nothing here decides whether anything is trusted. Real signing keys
// belong in an HSM: these functions take a node:crypto KeyObject, which may wrap one (via an engine
// or a KeyObject from a PKCS#11 bridge), but the CLI reads key files, for test material.

import crypto from 'node:crypto';

/** The protected header's content type (spec §1). */
export const CONTENT_TYPE = 'application/vnd.cnid.trust-list+cbor';

/**
 * Deterministic, definite-length CBOR of: non-negative or negative integers (number or bigint),
 * Uint8Array (bstr), string (tstr), Array, Map (entries in insertion order) and { tag, value }.
 */
export function cbor(value) {
  const out = [];
  const head = (major, n) => {
    const v = BigInt(n);
    const bytes = (count) => {
      for (let i = count - 1; i >= 0; i--) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
    };
    if (v < 24n) out.push((major << 5) | Number(v));
    else if (v < 0x100n) (out.push((major << 5) | 24), bytes(1));
    else if (v < 0x10000n) (out.push((major << 5) | 25), bytes(2));
    else if (v < 0x100000000n) (out.push((major << 5) | 26), bytes(4));
    else (out.push((major << 5) | 27), bytes(8));
  };
  const item = (x) => {
    if (typeof x === 'number' || typeof x === 'bigint') {
      if (typeof x === 'number' && !Number.isSafeInteger(x)) throw new TypeError(`not a CBOR integer: ${x}`);
      if (x >= 0) head(0, x);
      else head(1, -BigInt(x) - 1n);
    } else if (x instanceof Uint8Array) {
      head(2, x.length);
      for (const b of x) out.push(b);
    } else if (typeof x === 'string') {
      const b = new TextEncoder().encode(x);
      head(3, b.length);
      for (const c of b) out.push(c);
    } else if (Array.isArray(x)) {
      head(4, x.length);
      x.forEach(item);
    } else if (x instanceof Map) {
      head(5, x.size);
      for (const [k, v] of x) {
        item(k);
        item(v);
      }
    } else if (x !== null && typeof x === 'object' && 'tag' in x) {
      head(6, x.tag);
      item(x.value);
    } else {
      throw new TypeError(`cannot encode ${typeof x} as CBOR`);
    }
  };
  item(value);
  return Uint8Array.from(out);
}

/**
 * A signed trust list: `fields` maps payload keys (spec §2: 0 version … 9 revokedKeys) to values,
 * signed with `key` (a node:crypto P-256 private KeyObject) under `kid`. The protected header is
 * {1: -7, 3: CONTENT_TYPE, 4: kid} unless `protectedHeader` (a Map) is given. Returns the bytes.
 */
export function makeTrustList({ fields, key, kid, protectedHeader }) {
  const header = protectedHeader ?? new Map([[1, -7], [3, CONTENT_TYPE], [4, new TextEncoder().encode(kid)]]);
  const payload = cbor(new Map(Object.entries(fields).map(([k, v]) => [Number(k), v])));
  return sign1({ protectedHeader: header, payload, key }).bytes;
}

/** COSE_Sign1 (tag 18) over `payload` (bytes) with ES256 r ‖ s: `protectedHeader` and `unprotected` are Maps. */
export function sign1({ protectedHeader, unprotected = new Map(), payload, key, externalAad = new Uint8Array(0) }) {
  const protectedBytes = cbor(protectedHeader);
  const toBeSigned = cbor(['Signature1', protectedBytes, externalAad, payload]);
  const signature = crypto.sign('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' });
  return { bytes: cbor({ tag: 18, value: [protectedBytes, unprotected, payload, new Uint8Array(signature)] }), protectedBytes, toBeSigned, signature: new Uint8Array(signature) };
}

/**
 * A signed chip dump (dump-format.md §1-§3): the 256-byte `text` block, optional 1024-byte `photo` and
 * `fingerprint`, `readAt` (Unix seconds), optional `nonce` (8-64 bytes), `readerId`, `chipSerial`;
 * signed with `key` under `kid` (protected header) and/or with `x5chain` (DER certificates, signer
 * first, unprotected header). Returns { bytes, protectedBytes, toBeSigned, signature }.
 */
export function makeDump({ text, photo, fingerprint, readAt, nonce, readerId, chipSerial, key, kid, x5chain, externalAad }) {
  const fields = new Map([[0, 1], [1, text]]);
  if (photo) fields.set(2, photo);
  if (fingerprint) fields.set(3, fingerprint);
  fields.set(4, readAt);
  if (nonce) fields.set(5, nonce);
  if (readerId) fields.set(6, readerId);
  if (chipSerial) fields.set(7, chipSerial);
  const protectedHeader = new Map([[1, -7]]);
  if (kid !== undefined) protectedHeader.set(4, new TextEncoder().encode(kid));
  const unprotected = new Map();
  if (x5chain && x5chain.length > 0) unprotected.set(33, x5chain.length === 1 ? x5chain[0] : x5chain);
  return sign1({ protectedHeader, unprotected, payload: cbor(fields), key, externalAad });
}

// --- X.509 (DER), for test PKIs (`cnid-verify dev pki`) ------------------------------------------

function derLength(n) {
  if (n < 0x80) return [n];
  const bytes = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A DER TLV of `tag` around the concatenated `parts` (Uint8Arrays or byte arrays). */
function der(tag, ...parts) {
  const body = parts.flatMap((p) => [...p]);
  return Uint8Array.from([tag, ...derLength(body.length), ...body]);
}

const fromHex = (h) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const ECDSA_WITH_SHA256 = der(0x30, fromHex('06082a8648ce3d040302'));
const TRUE = der(0x01, [0xff]);

/** An X.509 Name of one CN (UTF8String). */
function x509Name(commonName) {
  return der(0x30, der(0x31, der(0x30, fromHex('0603550403'), der(0x0c, new TextEncoder().encode(commonName)))));
}

/** UTCTime before 2050, GeneralizedTime after (RFC 5280 §4.1.2.5), to the second, UTC. */
function x509Time(ms) {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? der(0x17, new TextEncoder().encode(`${digits.slice(2)}Z`)) : der(0x18, new TextEncoder().encode(`${digits}Z`));
}

/** A DER INTEGER of a positive serial (big-endian bytes, a leading zero added when the top bit is set). */
function derSerial(bytes) {
  const b = [...bytes];
  while (b.length > 1 && b[0] === 0) b.shift();
  return der(0x02, b[0] & 0x80 ? [0, ...b] : b);
}

/**
 * A certificate in the profile the verifier requires (docs/spec/dump-format.md §4.2): ecdsa-with-SHA256,
 * critical basicConstraints and keyUsage. `ca`: false for a reader (signer) certificate, keyUsage
 * digitalSignature; true for a CA (keyCertSign, cRLSign), with `pathLen` when given. Names are one CN.
 * `publicKey` and `signingKey` (the issuer's private key) are node:crypto KeyObjects. Returns DER.
 */
export function makeCertificate({ subject, issuer = subject, serial, notBefore, notAfter, publicKey, signingKey, ca, pathLen }) {
  const basic = ca ? der(0x30, TRUE, ...(pathLen === undefined ? [] : [der(0x02, [pathLen])])) : der(0x30);
  const keyUsage = ca ? fromHex('0106') : fromHex('0780');
  const extension = (oid, value) => der(0x30, fromHex(oid), TRUE, der(0x04, value));
  const tbs = der(
    0x30,
    der(0xa0, der(0x02, [2])),
    derSerial(serial),
    ECDSA_WITH_SHA256,
    x509Name(issuer),
    der(0x30, x509Time(notBefore), x509Time(notAfter)),
    x509Name(subject),
    new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    der(0xa3, der(0x30, extension('0603551d13', basic), extension('0603551d0f', der(0x03, keyUsage)))),
  );
  const signature = crypto.sign('sha256', tbs, signingKey);
  return der(0x30, tbs, ECDSA_WITH_SHA256, der(0x03, [0], signature));
}

/** PEM of one DER certificate. */
export function certificatePem(derBytes) {
  const lines = Buffer.from(derBytes).toString('base64').match(/.{1,64}/g);
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}

/** The RFC 7638 SHA-256 thumbprint of a P-256 public key (a KeyObject), as bytes (spec §2, key 9). */
export function thumbprint(publicKey) {
  const { x, y } = publicKey.export({ format: 'jwk' });
  return new Uint8Array(crypto.createHash('sha256').update(`{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`).digest());
}
