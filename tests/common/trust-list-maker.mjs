// A signed trust list producer for tests (docs/spec/trust-list.md), written from the spec with
// node:crypto and a small definite-length CBOR encoder. Test material only.
import crypto from 'node:crypto';

/** CBOR values: numbers (uint / nint), Uint8Array (bstr), string (tstr), Array, Map (ordered), { tag, value }. */
export function cbor(v) {
  const out = [];
  const head = (major, n) => {
    const big = BigInt(n);
    if (big < 24n) out.push((major << 5) | Number(big));
    else if (big < 0x100n) out.push((major << 5) | 24, Number(big));
    else if (big < 0x10000n) out.push((major << 5) | 25, Number(big >> 8n), Number(big & 0xffn));
    else if (big < 0x100000000n) out.push((major << 5) | 26, ...[24n, 16n, 8n, 0n].map((s) => Number((big >> s) & 0xffn)));
    else out.push((major << 5) | 27, ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((s) => Number((big >> s) & 0xffn)));
  };
  const item = (x) => {
    if (typeof x === 'number' || typeof x === 'bigint') {
      if (x >= 0) head(0, x);
      else head(1, -BigInt(x) - 1n);
    } else if (x instanceof Uint8Array) {
      head(2, x.length);
      out.push(...x);
    } else if (typeof x === 'string') {
      const b = Buffer.from(x, 'utf8');
      head(3, b.length);
      out.push(...b);
    } else if (Array.isArray(x)) {
      head(4, x.length);
      x.forEach(item);
    } else if (x instanceof Map) {
      head(5, x.size);
      for (const [k, v] of x) {
        item(k);
        item(v);
      }
    } else if (x && typeof x === 'object' && 'tag' in x) {
      head(6, x.tag);
      item(x.value);
    } else {
      throw new Error(`cannot encode ${typeof x}`);
    }
  };
  item(v);
  return Uint8Array.from(out);
}

export const CONTENT_TYPE = 'application/vnd.cnid.trust-list+cbor';

/** A fresh P-256 key pair with its public JWK (kid set). */
export function keyPair(kid) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, kid, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' } };
}

/**
 * A signed list: `fields` maps payload keys (spec §2) to values; `signer` from keyPair; `protected`
 * (a Map) replaces the default protected header {1: -7, 3: CONTENT_TYPE, 4: kid}.
 */
export function makeTrustList({ fields, signer, protected: prot }) {
  const header = prot ?? new Map([[1, -7], [3, CONTENT_TYPE], [4, Buffer.from(signer.kid)]]);
  const protectedBytes = cbor(header);
  const payload = cbor(new Map(Object.entries(fields).map(([k, v]) => [Number(k), v])));
  const tbs = cbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
  const signature = crypto.sign('sha256', tbs, { key: signer.privateKey, dsaEncoding: 'ieee-p1363' });
  return cbor({ tag: 18, value: [protectedBytes, new Map(), payload, new Uint8Array(signature)] });
}

/** The default fields of a list: id, sequence, issued an hour before `at`, valid a day after it. */
export function listFields({ id = 'cn.example.readers-TEST', sequence = 1, at, jwks, ...more }) {
  const t = Math.floor(at / 1000);
  const fields = { 0: 1, 1: id, 2: sequence, 3: t - 3600, 4: t + 86400, ...more };
  if (jwks !== undefined) fields[5] = typeof jwks === 'string' ? jwks : JSON.stringify(jwks);
  return fields;
}
