// Test helpers over the package's list producer (pkg/bin/sign.js): fresh list-signing keys
// and the default fields of a list. Test material only.
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PKG = process.env.CNID_PKG_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
const producer = await import(pathToFileURL(path.join(PKG, 'bin', 'sign.js')).href);

/** A fresh P-256 key pair with its public JWK (kid set). */
export function keyPair(kid) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, kid, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' } };
}

/** A signed list of `fields` by `signer` (from keyPair). */
export function makeTrustList({ fields, signer, protected: protectedHeader }) {
  return producer.makeTrustList({ fields, key: signer.privateKey, kid: signer.kid, protectedHeader });
}

/** The default fields of a list: id, sequence, issued an hour before `at`, valid a day after it. */
export function listFields({ id = 'cn.example.readers-TEST', sequence = 1, at, jwks, ...more }) {
  const t = Math.floor(at / 1000);
  const fields = { 0: 1, 1: id, 2: sequence, 3: t - 3600, 4: t + 86400, ...more };
  if (jwks !== undefined) fields[5] = typeof jwks === 'string' ? jwks : JSON.stringify(jwks);
  return fields;
}
