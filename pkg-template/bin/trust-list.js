// Making signed trust lists (docs/spec/trust-list.md) with node:crypto: the producer side, for
// `cnid-verify trustlist make` and for tests. Verifying lists is the library's job
// (TrustStore.addTrustList); nothing here decides whether a list is trusted.

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
  const protectedBytes = cbor(header);
  const payload = cbor(new Map(Object.entries(fields).map(([k, v]) => [Number(k), v])));
  const toBeSigned = cbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
  const signature = crypto.sign('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' });
  return cbor({ tag: 18, value: [protectedBytes, new Map(), payload, new Uint8Array(signature)] });
}

/** The RFC 7638 SHA-256 thumbprint of a P-256 public key (a KeyObject), as bytes (spec §2, key 9). */
export function thumbprint(publicKey) {
  const { x, y } = publicKey.export({ format: 'jwk' });
  return new Uint8Array(crypto.createHash('sha256').update(`{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`).digest());
}
