// `cnid-verify trustlist make | show` and `dump --trust-list --list-signer`: a list made by the CLI
// from the fixtures' JWK set, root certificate and a revocation file is accepted by `show` and by the
// library, makes `dump` accept the fixture dump and name the list; rejections exit 1 (show) or 2
// (dump: nothing is verified) with their TRUST_LIST_* code; usage errors exit 2.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURES, runCli } from './helpers.mjs';

const TRUST = path.join(FIXTURES, 'trust');
const DUMP = path.join(FIXTURES, 'dumps', 'y-jwk.cose');
const AT = '@1780272060';
let dir;
const f = (name) => path.join(dir, name);
const cli = (...args) => runCli(['--lang', 'en', ...args]);

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-trustlist-'));
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fs.writeFileSync(f('list-key.jwk'), JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'list-signer-TEST' }));
  fs.writeFileSync(f('list-key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const pub = crypto.createPublicKey(privateKey).export({ format: 'jwk' });
  fs.writeFileSync(f('list-signer.jwks'), JSON.stringify({ keys: [{ ...pub, kid: 'list-signer-TEST' }] }));
  fs.copyFileSync(path.join(TRUST, 'test-intermediate.pem'), f('inter.pem'));
  fs.writeFileSync(f('revoked.txt'), '# test revocations\nkid:reader-0\nserial:inter.pem:7f01\n');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function make(out, ...more) {
  return cli('trustlist', 'make', '--key', f('list-key.jwk'), '--id', 'cn.example-TEST', '--sequence', '3',
    '--issued', '2026-06-01', '--expires', '2026-07-01', '--jwks', path.join(TRUST, 'test-jwks.json'),
    '--anchor', path.join(TRUST, 'test-root.pem'), '--revoked', f('revoked.txt'), '--out', f(out), ...more);
}

describe('cnid-verify trustlist', () => {
  it('make, show, and dump through the list', () => {
    const made = make('list.cose');
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /wrote .*list\.cose: trust list cn\.example-TEST, sequence 3/);
    const shown = cli('trustlist', 'show', '--signer', f('list-signer.jwks'), '--at', AT, '--json', f('list.cose'));
    assert.equal(shown.status, 0, shown.stderr);
    const r = JSON.parse(shown.stdout);
    assert.equal(r.ok, true);
    assert.equal(r.listId, 'cn.example-TEST');
    assert.equal(r.sequence, 3);
    assert.equal(r.anchorsAdded, 1);
    assert.deepEqual(r.content.revokedKids, ['reader-0']);
    assert.equal(r.content.revokedSerials.length, 1);
    assert.equal(r.content.revokedSerials[0].serialHex, '7f01');
    const text = cli('trustlist', 'show', '--signer', f('list-signer.jwks'), '--at', AT, f('list.cose'));
    assert.match(text.stdout, /ACCEPTED trust list cn\.example-TEST, sequence 3/);
    const dumped = cli('dump', '--trust-list', f('list.cose'), '--list-signer', f('list-signer.jwks'), '--at', AT, '--json', DUMP);
    assert.equal(dumped.status, 0, dumped.stderr);
    assert.deepEqual(JSON.parse(dumped.stdout)[0].signer.trustList, { id: 'cn.example-TEST', sequence: 3 });
    // A PEM key file with --kid makes an equivalent list.
    assert.equal(make('pem.cose', '--key', f('list-key.pem'), '--kid', 'list-signer-TEST').status, 0);
    assert.equal(cli('trustlist', 'show', '--signer', f('list-signer.jwks'), '--at', AT, f('pem.cose')).status, 0);
  });

  it('rejections: show exits 1 with the code, dump exits 2 and verifies nothing', () => {
    assert.equal(make('list.cose').status, 0);
    const expired = cli('trustlist', 'show', '--signer', f('list-signer.jwks'), '--at', '2026-08-01', '--json', f('list.cose'));
    assert.equal(expired.status, 1);
    assert.equal(JSON.parse(expired.stdout).error.code, 'TRUST_LIST_EXPIRED');
    const other = path.join(TRUST, 'test-jwks.json');
    const wrong = cli('trustlist', 'show', '--signer', other, '--at', AT, f('list.cose'));
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /REJECTED \(TRUST_LIST_SIGNER\)/);
    const tampered = fs.readFileSync(f('list.cose'));
    tampered[tampered.length - 70] ^= 1;
    fs.writeFileSync(f('tampered.cose'), tampered);
    assert.match(cli('trustlist', 'show', '--signer', f('list-signer.jwks'), '--at', AT, f('tampered.cose')).stdout, /TRUST_LIST_SIGNATURE/);
    const dumped = cli('dump', '--trust-list', f('tampered.cose'), '--list-signer', f('list-signer.jwks'), '--at', AT, DUMP);
    assert.equal(dumped.status, 2);
    assert.match(dumped.stderr, /TRUST_LIST_SIGNATURE/);
    assert.equal(dumped.stdout, '');
  });

  it('usage errors exit 2', () => {
    const usage = (...args) => assert.equal(cli(...args).status, 2, args.join(' '));
    usage('trustlist');
    usage('trustlist', 'frobnicate');
    usage('trustlist', 'make', '--key', f('list-key.jwk'), '--id', 'x', '--sequence', '1', '--expires', '2026-07-01');
    usage('trustlist', 'make', '--key', f('list-key.jwk'), '--id', 'x', '--sequence', '-1', '--expires', '2026-07-01', '--out', f('x.cose'));
    usage('trustlist', 'show', f('list.cose'));
    usage('dump', '--trust-list', f('list.cose'), DUMP);
    fs.writeFileSync(f('any-issuer.txt'), 'serial:7f01\n');
    assert.match(make('x.cose', '--revoked', f('any-issuer.txt')).stderr, /under an issuer only/);
    fs.writeFileSync(f('private.jwks'), JSON.stringify({ keys: [JSON.parse(fs.readFileSync(f('list-key.jwk'), 'utf8'))] }));
    assert.match(make('x.cose', '--jwks', f('private.jwks')).stderr, /private key/);
  });
});

/** The fixture PKI's signer key (tools/fixture-gen derives it from this label; TEST KEY). */
function testSignerPem() {
  const d = crypto.createHash('sha256').update('cnid-verify test signer').digest();
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const b64 = (b) => Buffer.from(b).toString('base64url');
  const key = crypto.createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64(d), x: b64(pub.subarray(1, 33)), y: b64(pub.subarray(33)) }, format: 'jwk' });
  return key.export({ format: 'pem', type: 'pkcs8' });
}

describe('cnid-verify dev (the signer kit)', () => {
  const TEXT = path.join(FIXTURES, 'chip', 'y-specimen.bin');

  it('keygen, then sign with the kid: the dump verifies with the public JWK set, nonce and AAD included', () => {
    const made = cli('dev', 'keygen', '--kid', 'vendor-reader-7', '--out', f('r7'));
    assert.equal(made.status, 0, made.stderr);
    const pub = JSON.parse(fs.readFileSync(f('r7.pub.jwks'), 'utf8'));
    assert.equal(pub.keys[0].kid, 'vendor-reader-7-TEST', 'marked as test material');
    assert.ok(!('d' in pub.keys[0]));
    const signed = cli('dev', 'sign', '--key', f('r7.jwk'), '--nonce', '00112233445566778899', '--aad', 'cafe', '--read-at', '@1780272000', '--reader-id', 'VENDOR-7', '--out', f('d.cose'), TEXT);
    assert.equal(signed.status, 0, signed.stderr);
    const verify = (...more) => cli('dump', '--trust', f('r7.pub.jwks'), '--at', AT, '--json', ...more, f('d.cose'));
    const ok = verify('--nonce', '00112233445566778899', '--aad', 'cafe');
    assert.equal(ok.status, 0, ok.stdout);
    const r = JSON.parse(ok.stdout)[0];
    assert.equal(r.readerId, 'VENDOR-7');
    assert.equal(r.signer.kid, 'vendor-reader-7-TEST');
    const failed = (out) => JSON.parse(out.stdout)[0].checks.filter((c) => c.status === 'failed').map((c) => c.id);
    assert.deepEqual(failed(verify('--nonce', '00112233445566778899')), ['SIGNATURE'], 'the AAD is signed');
    assert.deepEqual(failed(verify('--nonce', '99112233445566778899', '--aad', 'cafe')), ['NONCE']);
    // The PEM private key with an explicit kid signs the same way.
    assert.equal(cli('dev', 'sign', '--key', f('r7.pem'), '--kid', 'vendor-reader-7-TEST', '--read-at', '@1780272000', '--out', f('p.cose'), TEXT).status, 0);
    assert.equal(cli('dump', '--trust', f('r7.pub.jwks'), '--at', AT, f('p.cose')).status, 0);
  });

  it('sign with an x5chain: the dump verifies against the root', () => {
    fs.writeFileSync(f('signer.pem'), testSignerPem());
    const chain = ['--x5chain', path.join(TRUST, 'test-signer.pem'), '--x5chain', path.join(TRUST, 'test-intermediate.pem')];
    const signed = cli('dev', 'sign', '--key', f('signer.pem'), ...chain, '--read-at', '@1780272000', '--out', f('x.cose'), TEXT);
    assert.equal(signed.status, 0, signed.stderr);
    const r = cli('dump', '--trust', path.join(TRUST, 'test-root.pem'), '--at', AT, '--json', f('x.cose'));
    assert.equal(r.status, 0, r.stdout);
    assert.equal(JSON.parse(r.stdout)[0].signer.method, 'x5chain');
  });

  it('pki makes a chain in the verifier\'s profile: a dump signed by its reader verifies against its root', () => {
    const made = cli('dev', 'pki', '--name', 'Acme', '--days', '30', '--out', f('pki'));
    assert.equal(made.status, 0, made.stderr);
    const cert = (n) => new crypto.X509Certificate(fs.readFileSync(f(`pki/${n}.pem`)));
    assert.equal(cert('reader').subject, 'CN=Acme Reader TEST');
    assert.equal(cert('reader').ca, false);
    assert.equal(cert('intermediate').ca, true);
    assert.ok(cert('reader').verify(cert('intermediate').publicKey) && cert('intermediate').verify(cert('root').publicKey));
    const chain = ['--x5chain', f('pki/reader.pem'), '--x5chain', f('pki/intermediate.pem')];
    assert.equal(cli('dev', 'sign', '--key', f('pki/reader.key.pem'), ...chain, '--out', f('pki.cose'), TEXT).status, 0);
    const r = cli('dump', '--trust', f('pki/root.pem'), '--json', f('pki.cose'));
    assert.equal(r.status, 0, r.stdout);
    const report = JSON.parse(r.stdout)[0];
    assert.equal(report.signer.anchor.subject, 'CN=Acme Root TEST');
    assert.deepEqual(report.warnings, []);
    // Signed by the intermediate (a CA) directly: a SIGNER_IS_CA warning, rejected on request.
    assert.equal(cli('dev', 'sign', '--key', f('pki/intermediate.key.pem'), '--x5chain', f('pki/intermediate.pem'), '--out', f('ca.cose'), TEXT).status, 0);
    const strict = cli('dump', '--trust', f('pki/root.pem'), '--reject-ca-signer', '--json', f('ca.cose'));
    assert.equal(strict.status, 1);
  });

  it('usage and input errors exit 2', () => {
    const usage = (...args) => assert.equal(cli(...args).status, 2, args.join(' '));
    usage('dev');
    usage('dev', 'pki');
    usage('dev', 'pki', '--out', f('p2'), '--days', 'many');
    usage('dev', 'keygen');
    usage('dev', 'sign', '--key', f('r7.jwk'), TEXT);
    usage('dev', 'sign', '--key', f('r7.jwk'), '--out', f('y.cose'), path.join(TRUST, 'test-jwks.json'));
    usage('dev', 'sign', '--key', f('list-signer.jwks'), '--out', f('y.cose'), TEXT);
  });
});
