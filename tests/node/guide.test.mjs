// docs/integrator-guide.md's worked example: every value in it is what it claims to be (the
// protected header, the Sig_structure of the dump's payload, a signature that verifies with the
// JWK) and the dump is accepted by the package.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { PKG, ROOT } from './helpers.mjs';

const doc = fs.readFileSync(path.join(ROOT, 'docs', 'integrator-guide.md'), 'utf8');
const vector = (name) => {
  const m = new RegExp(`<!-- vector: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc);
  assert.ok(m, `vector ${name} in the guide`);
  return m[1].trim();
};
const bytes = (name) => Buffer.from(vector(name).replace(/\s+/g, ''), 'hex');

describe('docs/integrator-guide.md', () => {
  it('the worked example is consistent and accepted', async () => {
    const { cbor } = await import(pathToFileURL(path.join(PKG, 'bin', 'sign.js')).href);
    const cnid = await import(pathToFileURL(path.join(PKG, 'node.mjs')).href);
    const jwk = JSON.parse(vector('jwk'));
    const protectedBytes = bytes('protected');
    assert.deepEqual(protectedBytes, Buffer.from(cbor(new Map([[1, -7], [4, new TextEncoder().encode(jwk.kid)]]))));
    const dump = bytes('dump');
    // The dump is 18([protected, {}, payload, signature]); its payload as the Sig_structure's last element.
    const tbs = bytes('sig_structure');
    const prefix = Buffer.from(cbor(['Signature1', new Uint8Array(protectedBytes), new Uint8Array(0)]).subarray(1));
    assert.equal(tbs[0], 0x84);
    assert.deepEqual(tbs.subarray(1, 1 + prefix.length), prefix);
    const payloadItem = tbs.subarray(1 + prefix.length);
    assert.ok(dump.includes(payloadItem), 'the dump carries the signed payload bytes');
    const signature = bytes('signature');
    assert.equal(signature.length, 64);
    assert.ok(dump.subarray(dump.length - 64).equals(signature), 'the dump ends with the signature');
    const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
    assert.ok(crypto.verify('sha256', tbs, { key, dsaEncoding: 'ieee-p1363' }, signature));
    const store = new cnid.TrustStore();
    store.addJwks({ keys: [jwk] });
    const r = cnid.verifyDump(new Uint8Array(dump), store, { at: 1780272060 * 1000, expectedNonce: Buffer.from('00112233445566778899', 'hex') });
    assert.equal(r.ok, true, JSON.stringify(r.checks.filter((c) => c.status === 'failed')));
    assert.equal(r.readerId, 'GUIDE-READER-1');
    store.free();
  });
});
