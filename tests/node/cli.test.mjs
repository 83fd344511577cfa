// The command-line interface (pkg/bin/cnid-verify.js): output, exit codes 0/1/2, --json order,
// stdin "-", the dump subcommand against tests/fixtures/dumps/manifest.json, revocation files,
// --at, terminal-safe output and batches with unreadable files (crafted dumps built below).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, FIXTURES, PKG, ROOT, dumpManifest, runCli } from './helpers.mjs';

const pkgVersion = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8')).version;
const TRUST_DIR = path.join(FIXTURES, 'trust');
const DUMPS_DIR = path.join(FIXTURES, 'dumps');
const JWKS = path.join(TRUST_DIR, 'test-jwks.json');
const ROOT_PEM = path.join(TRUST_DIR, 'test-root.pem');
// The manifest's verification time for its dumps (readAt 2026-06-01T00:00:00Z + 60 s).
const READ_AT = 1780272000;
const AT = `@${READ_AT + 60}`;

/** Runs the CLI with a TZ environment variable (the host time zone must not matter). */
function runCliInZone(tz, args, env = {}) {
  // English unless a test asks for another language (the CLI follows LC_ALL, LC_MESSAGES, LANG).
  const lang = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C' };
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...lang, ...env, TZ: tz },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// --- crafted dumps: a minimal CBOR encoder, COSE_Sign1 and X.509 (DER) builders ------------------

function cborHead(major, value) {
  const n = BigInt(value);
  const first = (extra) => (major << 5) | extra;
  if (n < 24n) return Buffer.from([first(Number(n))]);
  // Shortest form: 1, 2, 4 or 8 bytes after the initial byte (additional information 24..27).
  const size = [1, 2, 4, 8].find((bytes) => n < 1n << BigInt(8 * bytes));
  const b = Buffer.alloc(1 + size);
  b[0] = first(24 + Math.log2(size));
  for (let i = 0, x = n; i < size; i++, x >>= 8n) b[size - i] = Number(x & 0xffn);
  return b;
}

/** CBOR of numbers/bigints, byte strings (Uint8Array), text, arrays, Maps and {tag, value}. */
function cbor(v) {
  if (typeof v === 'number' || typeof v === 'bigint') return v >= 0 ? cborHead(0, v) : cborHead(1, -BigInt(v) - 1n);
  if (v instanceof Uint8Array) return Buffer.concat([cborHead(2, v.length), v]);
  if (typeof v === 'string') return cbor.text(Buffer.from(v, 'utf8'));
  if (Array.isArray(v)) return Buffer.concat([cborHead(4, v.length), ...v.map(cbor)]);
  if (v instanceof Map) return Buffer.concat([cborHead(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
  if (v && v.tag !== undefined) return Buffer.concat([cborHead(6, v.tag), cbor(v.value)]);
  throw new TypeError(`cannot encode ${v}`);
}
cbor.text = (utf8) => Buffer.concat([cborHead(3, utf8.length), utf8]);

/** The 2023 specimen's 256-byte chip text block, optionally with another English name start. */
function textBlock(englishNameStart) {
  const block = fs.readFileSync(path.join(FIXTURES, 'chip', 'y-specimen.bin'));
  if (englishNameStart) {
    const at = block.indexOf(Buffer.from('ZHENGJIAN', 'utf16le'));
    Buffer.from(englishNameStart, 'utf16le').copy(block, at);
  }
  return block;
}

/**
 * A tagged COSE_Sign1 (ES256) over a version-1 payload. Signed with `key` (a node:crypto private
 * key), or with a junk signature when there is none.
 */
function coseSign1({ key, kid, x5chain, readAt = READ_AT, readerId, text = textBlock() }) {
  const protectedHeader = new Map([[1, -7]]);
  if (kid !== undefined) protectedHeader.set(4, Buffer.from(kid, 'utf8'));
  const unprotected = new Map();
  if (x5chain) unprotected.set(33, x5chain.length === 1 ? x5chain[0] : x5chain);
  const payload = new Map([
    [0, 1],
    [1, text],
    [4, readAt],
  ]);
  if (readerId !== undefined) payload.set(6, readerId);
  const prot = cbor(protectedHeader);
  const body = cbor(payload);
  const toBeSigned = cbor(['Signature1', prot, new Uint8Array(0), body]);
  const signature = key ? crypto.sign('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' }) : Buffer.alloc(64, 1);
  return cbor({ tag: 18, value: [prot, unprotected, body, signature] });
}

const hex = (h) => Buffer.from(h, 'hex');

function derLength(n) {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  for (let x = n; x > 0; x >>= 8) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag, ...parts) {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const ECDSA_WITH_SHA256 = der(0x30, hex('06082a8648ce3d040302'));
const TRUE = der(0x01, hex('ff'));

function x509Name(commonName) {
  return der(0x30, der(0x31, der(0x30, hex('0603550403'), der(0x0c, Buffer.from(commonName, 'utf8')))));
}

function criticalExtension(oid, value) {
  return der(0x30, oid, TRUE, der(0x04, value));
}

/**
 * A CA certificate (cA=TRUE, critical basicConstraints and keyUsage) valid 2025..2035.
 * keyUsage is the BIT STRING content: 0106 = keyCertSign+cRLSign, 0186 = also digitalSignature.
 */
function caCertificate({ subject, issuer = subject, serial, publicKey, signingKey, keyUsage }) {
  const tbs = der(
    0x30,
    der(0xa0, der(0x02, hex('02'))),
    der(0x02, hex(serial)),
    ECDSA_WITH_SHA256,
    x509Name(issuer),
    der(0x30, der(0x17, Buffer.from('250101000000Z')), der(0x17, Buffer.from('350101000000Z'))),
    x509Name(subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    der(
      0xa3,
      der(
        0x30,
        criticalExtension(hex('0603551d13'), der(0x30, TRUE)),
        criticalExtension(hex('0603551d0f'), der(0x03, hex(keyUsage))),
      ),
    ),
  );
  const signature = crypto.sign('sha256', tbs, signingKey);
  return der(0x30, tbs, ECDSA_WITH_SHA256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

function pem(derBytes) {
  const lines = derBytes.toString('base64').match(/.{1,64}/g);
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}

const newKey = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A root CA and a CA certificate under it whose key signs dumps directly (cA=TRUE signer). */
function caSignerPki(signerName = 'cnid-verify CLI test CA signer') {
  const root = newKey();
  const signer = newKey();
  const rootCert = caCertificate({
    subject: 'cnid-verify CLI test root',
    serial: '01',
    publicKey: root.publicKey,
    signingKey: root.privateKey,
    keyUsage: '0106',
  });
  const signerCert = caCertificate({
    subject: signerName,
    issuer: 'cnid-verify CLI test root',
    serial: '2a',
    publicKey: signer.publicKey,
    signingKey: root.privateKey,
    keyUsage: '0186',
  });
  return { rootPem: pem(rootCert), signerCert, signerKey: signer.privateKey };
}

// Characters no human-readable line may carry raw (C0 but the line feeds between lines, DEL, C1,
// bidi controls); in --json, the ones JSON.stringify leaves raw.
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RAW_UNSAFE_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('cnid-verify --help / --version / usage errors', () => {
  it('--help prints the usage on stdout, exit 0', () => {
    const r = runCli(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage:/);
    assert.match(r.stdout, /cnid-verify number/);
    assert.match(r.stdout, /cnid-verify dump/);
    assert.equal(r.stderr, '');
    assert.equal(runCli(['number', '--help']).status, 0);
    assert.equal(runCli(['dump', '--help']).status, 0);
  });

  it('--help documents the revocation-file syntax, the signer policy flags and the --at rule', () => {
    const { stdout } = runCli(['dump', '--help']);
    for (const needle of ['kid:<kid>', 'serial:<hex>', 'serial:<issuer-file>:<hex>', 'cert:<file>', 'NO_MATCH']) {
      assert.ok(stdout.includes(needle), needle);
    }
    assert.match(stdout, /--reject-ca-signer/);
    assert.match(stdout, /--require-signed-x5chain/);
    assert.match(stdout, /China Standard Time/);
    assert.match(stdout, /epoch milliseconds/);
  });

  it('--version prints the version, exit 0', () => {
    const r = runCli(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), `cnid-verify ${pkgVersion}`);
  });

  for (const [label, args] of [
    ['no command', []],
    ['unknown command', ['frobnicate']],
    ['unknown flag', ['number', '--bogus', '911124198108030024']],
    ['no numbers', ['number']],
    ['no numbers with --json', ['number', '--json']],
    ['bad --at', ['number', '--at', '2026/01/01', '911124198108030024']],
    ['impossible --at date', ['number', '--at', '2026-02-30', '911124198108030024']],
    ['bad --fpr15-check-digit', ['number', '--fpr15-check-digit', 'off', 'KAZ110090123105']],
    ['--at without a value', ['number', '911124198108030024', '--at']],
    ['dump without --trust', ['dump', 'x.cose']],
    ['dump without dumps', ['dump', '--trust', 'tests/fixtures/trust/test-jwks.json']],
    ['dump unknown flag', ['dump', '--trst', 'tests/fixtures/trust/test-jwks.json', 'x.cose']],
  ]) {
    it(`${label}: exit 2, message on stderr, nothing on stdout`, () => {
      const r = runCli(args);
      assert.equal(r.status, 2, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^cnid-verify: /);
      assert.match(r.stderr, /--help/);
    });
  }
});

describe('cnid-verify --lang', () => {
  const HAN = /[\u4e00-\u9fff]/;

  it('--lang zh-CN prints the CLI words and the reports in Chinese; codes stay', () => {
    const r = runCliInZone('UTC', ['number', '--lang', 'zh-CN', '11010519491231002Y', '130503670401001']);
    assert.equal(r.status, 1);
    const [bad, legacy, warning] = r.stdout.trimEnd().split('\n');
    assert.match(bad, /FORMAT: 第 18 位的字符 'Y' 在该位置不允许/);
    assert.match(legacy, /1967-04-01 男/);
    assert.match(warning, /警告 LEGACY_NUMBER: 旧版 15 位号码/);
    const json = runCliInZone('UTC', ['--lang=zh-CN', 'number', '--json', '1']);
    assert.deepEqual(JSON.parse(json.stdout)[0].errors[0].params, { length: 1, limit: null, optInKind: null });
    assert.match(JSON.parse(json.stdout)[0].errors[0].message, HAN);
    const help = runCliInZone('UTC', ['--help', '--lang', 'zh-CN']);
    assert.match(help.stdout, /^用法：/);
  });

  it('dump reports, their checks and trust warnings come in the chosen language', () => {
    const args = ['dump', '--trust', JWKS, '--at', AT, path.join(DUMPS_DIR, 'y-jwk.cose')];
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-verify-lang-'));
    const revoked = path.join(tmp, 'revoked.txt');
    fs.writeFileSync(revoked, 'kid:no-such-kid\n');
    try {
      const zh = runCliInZone('UTC', ['--lang', 'zh-CN', ...args, '--revoked', revoked]);
      assert.equal(zh.status, 0, zh.stderr);
      assert.match(zh.stdout, /: 通过（签名已验证）\n/);
      assert.match(zh.stdout, /\n {2}SIGNATURE\s+通过\s+已使用 JWK \S+ 验证 ES256 签名/);
      assert.match(zh.stderr, /^cnid-verify: 警告：/m);
      assert.match(zh.stderr, /kid:no-such-kid 与信任库中的任何内容都不匹配（NO_MATCH）：kid "no-such-kid" 不匹配任何受信任的 JWK/);
      const json = JSON.parse(runCliInZone('UTC', ['--lang', 'zh-CN', ...args.slice(0, 1), '--json', ...args.slice(1)]).stdout);
      assert.equal(json[0].ok, true);
      for (const c of json[0].checks) assert.match(c.message, HAN, c.id);
      const en = runCliInZone('UTC', ['--lang', 'en', ...args, '--revoked', revoked], { LANG: 'zh_CN.UTF-8' });
      assert.equal(en.status, 0, en.stderr);
      // The card's Chinese name is data; every check line and warning is English.
      const checkLines = en.stdout.split('\n').filter((l) => /^ {2}[A-Z_]+ /.test(l));
      assert.ok(checkLines.length >= 5, en.stdout);
      for (const line of checkLines) assert.doesNotMatch(line, HAN);
      assert.doesNotMatch(en.stderr, HAN);
      assert.match(en.stderr, /kid:no-such-kid matches nothing/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('library errors (a bad JWK file, a malformed serial) come in the chosen language; codes stay', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-verify-lang-'));
    const badJwks = path.join(tmp, 'bad.json');
    fs.writeFileSync(badJwks, '{}');
    const revoked = path.join(tmp, 'revoked.txt');
    fs.writeFileSync(revoked, `serial:${'ab'.repeat(40)}\n`);
    const dump = path.join(DUMPS_DIR, 'y-jwk.cose');
    try {
      const zh = runCliInZone('UTC', ['--lang', 'zh-CN', 'dump', '--trust', badJwks, '--at', AT, dump]);
      assert.notEqual(zh.status, 0);
      assert.match(zh.stderr, /INVALID_JWKS: 不是 JWK 集：缺少 "keys" 成员/);
      const en = runCliInZone('UTC', ['--lang', 'en', 'dump', '--trust', badJwks, '--at', AT, dump]);
      assert.equal(en.status, zh.status);
      assert.match(en.stderr, /INVALID_JWKS: not a JWK set: no "keys" member/);
      const serialZh = runCliInZone('UTC', ['--lang', 'zh-CN', 'dump', '--trust', JWKS, '--at', AT, dump, '--revoked', revoked]);
      assert.notEqual(serialZh.status, 0);
      assert.match(serialZh.stderr, /INVALID_SERIAL: 序列号 "(ab)+" 超过 \d+ 字节/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('defaults from LC_ALL, LC_MESSAGES or LANG; --lang wins; a bad --lang is a usage error', () => {
    const zh = runCliInZone('UTC', ['number', '1'], { LANG: 'zh_CN.UTF-8' });
    assert.match(zh.stdout, /LENGTH: 长度为 1 个字符/);
    const all = runCliInZone('UTC', ['number', '1'], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' });
    assert.match(all.stdout, HAN);
    const en = runCliInZone('UTC', ['number', '--lang', 'en', '1'], { LANG: 'zh_CN.UTF-8' });
    assert.match(en.stdout, /LENGTH: 1 characters/);
    assert.doesNotMatch(runCliInZone('UTC', ['number', '1'], { LANG: 'zu_ZA' }).stdout, HAN);
    for (const args of [['--lang', 'fr', 'number', '1'], ['number', '1', '--lang'], ['number', '--lang=zh', '1']]) {
      const bad = runCliInZone('UTC', args);
      assert.equal(bad.status, 2, args.join(' '));
      assert.match(bad.stderr, /--lang must be en or zh-CN/);
    }
  });
});

describe('cnid-verify number', () => {
  it('all valid: exit 0, one ✓ line per number with kind, birth date, sex, province, nationality', () => {
    const r = runCli(['number', '911124198108030024', '932682198501010017', '810000199001011230']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^✓ 911124198108030024\s+fpr18\s+1981-08-03 female\s+Beijing\/北京\s+Canada\/加拿大$/);
    assert.match(lines[1], /^✓ 932682198501010017\s+fpr18\s+1985-01-01 male\s+Jiangsu\/江苏\s+Saudi Arabia\//);
    assert.match(lines[2], /^✓ 810000199001011230\s+hmt18\s+.*HK/);
  });

  it('any invalid: exit 1, ✗ line with the error code', () => {
    const r = runCli(['number', '911124198108030024', '110105199002300028']);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^✓ /);
    assert.match(lines[1], /^✗ 110105199002300028\s+resident18\s+BIRTH_DATE: /);
  });

  it('--strict rejects a lower-case x that is otherwise accepted', () => {
    assert.equal(runCli(['number', '11010519900101007x']).status, 0);
    const r = runCli(['number', '--strict', '11010519900101007x']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^✗ 11010519900101007x/);
  });

  it('--kinds restricts the accepted kinds; an unknown kind is a usage error', () => {
    const ok = runCli(['number', '--kinds', 'resident18,fpr18', '11010519491231002X', '911124198108030024']);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const r = runCli(['number', '--json', '--kinds', 'resident18', '810000199408230021']);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout)[0].errors.map((e) => e.code), ['KIND_NOT_ALLOWED']);
    // tw_pass is opt-in: 8 digits are LENGTH unless --kinds lists it.
    const tw = runCli(['number', '--json', '12345678', 'H1234567801']);
    assert.equal(tw.status, 1, tw.stderr);
    const [noTw, hk] = JSON.parse(tw.stdout);
    assert.deepEqual([noTw.kind, noTw.errors.map((e) => e.code)], [null, ['LENGTH']]);
    assert.deepEqual([hk.ok, hk.kind, hk.info.region, hk.info.issueCount], [true, 'hkmo_pass', 'HK', '01']);
    const withTw = runCli(['number', '--kinds', 'hkmo_pass,tw_pass', '12345678', '0561682001']);
    assert.equal(withTw.status, 0, withTw.stdout + withTw.stderr);
    assert.match(withTw.stdout, /^✓ 12345678 {2}tw_pass {2}TW\n {4}warning NO_CHECK_CHARACTER: /m);
    assert.match(withTw.stdout, /^✓ 0561682001 {2}tw_pass {2}TW {2}issue count 01\n.*\n {4}warning OLD_PASS_FORMAT: /m);
    const bad = runCli(['number', '--kinds', 'resident18,passport', '11010519491231002X']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown kind "passport"/);
  });

  it('--at and --fpr15-check-digit are passed through', () => {
    assert.equal(runCli(['number', '--at', '1981-08-02', '911124198108030024']).status, 1);
    assert.equal(runCli(['number', '--at', '1981-08-03', '911124198108030024']).status, 0);
    assert.equal(runCli(['number', 'KAZ110090123107']).status, 1);
    const lenient = runCli(['number', '--fpr15-check-digit', 'warning', 'KAZ110090123107']);
    assert.equal(lenient.status, 0, lenient.stdout);
    assert.match(lenient.stdout, /warning CHECK_DIGIT/);
  });

  it('--json prints one array of reports in input order', () => {
    const inputs = ['110105199002300028', '911124198108030024', '', 'KAZ110090123105', '11010519491231002X'];
    const r = runCli(['number', '--json', ...inputs]);
    assert.equal(r.status, 1);
    const reports = JSON.parse(r.stdout);
    assert.ok(Array.isArray(reports));
    assert.deepEqual(
      reports.map((x) => x.input),
      inputs,
    );
    assert.deepEqual(
      reports.map((x) => x.ok),
      [false, true, false, true, true],
    );
    assert.deepEqual(
      reports.map((x) => x.kind),
      ['resident18', 'fpr18', null, 'fpr15', 'resident18'],
    );
    assert.equal(reports[0].errors[0].code, 'BIRTH_DATE');
    assert.equal(reports[2].errors[0].code, 'EMPTY');
    assert.equal(reports[1].info.nationality.alpha3, 'CAN');
  });

  it('"-" reads one number per line from stdin (trailing empty line skipped, CRLF accepted)', () => {
    const r = runCli(['number', '--json', '-'], { input: '911124198108030024\r\nKAZ110090123105\n810000199001011230\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).map((x) => x.input),
      ['911124198108030024', 'KAZ110090123105', '810000199001011230'],
    );
  });

  it('"-" mixes with arguments in order; an empty line in the middle is an EMPTY input', () => {
    const r = runCli(['number', '--json', '11010519491231002X', '-', '932682198501010017'], {
      input: '911124198108030024\n\n110105199002300028',
    });
    assert.equal(r.status, 1);
    const reports = JSON.parse(r.stdout);
    assert.deepEqual(
      reports.map((x) => x.input),
      ['11010519491231002X', '911124198108030024', '', '110105199002300028', '932682198501010017'],
    );
    assert.equal(reports[2].errors[0].code, 'EMPTY');
  });

  it('"-" with empty stdin is a usage error (no numbers)', () => {
    const r = runCli(['number', '-'], { input: '' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no numbers/);
  });
});

describe('cnid-verify generate / mask', () => {
  it('generate: --count numbers from --seed, valid, of the kind, with the requested fields; deterministic', () => {
    const args = ['generate', '--kind', 'resident18', '--seed', '1', '--count', '5', '--birth-date', '1981-08-03', '--sex', 'male', '--province', '32'];
    const r = runCli(args);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 5);
    assert.equal(lines[0], '321513198108036939');
    assert.equal(new Set(lines).size, 5);
    assert.equal(runCli(args).stdout, r.stdout);
    const check = runCli(['number', '--json', ...lines]);
    assert.equal(check.status, 0);
    for (const rep of JSON.parse(check.stdout)) {
      assert.equal(rep.kind, 'resident18');
      assert.deepEqual([rep.info.birthDate, rep.info.sex, rep.info.province.code], ['1981-08-03', 'male', '32']);
    }
    // --seed S --count N continues --seed S+1.
    assert.equal(runCli(['generate', '--kind', 'resident18', '--seed', '2', '--birth-date', '1981-08-03', '--sex', 'male', '--province', '32']).stdout.trim(), lines[1]);
    assert.equal(runCli(['generate', '--kind', 'hmt18', '--region', 'TW']).stdout.trim().slice(0, 6), '830000');
  });

  it('generate: a missing or impossible request is exit 2 with the reason', () => {
    for (const [args, reason] of [
      [['generate'], /--kind is required/],
      [['generate', '--kind', 'fpr15', '--sex', 'male'], /do not encode sex/],
      [['generate', '--kind', 'passport'], /kind must be one of/],
      [['generate', '--kind', 'fpr18', '--count', '-1'], /--count/],
      [['generate', '--kind', 'fpr18', '--count', '10001'], /--count/],
      [['generate', '--kind', 'fpr18', '--nationality', 'CHN'], /China/],
    ]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, reason, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  it('mask: one masked line per number; options; stdin', () => {
    const r = runCli(['mask', '11010519491231002X', ' 9111 2419 8108 0300 24 ']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '1101**********002X\n9111**********0024\n');
    assert.equal(runCli(['mask', '--keep-start', '6', '--keep-end', '1', '--mask-char', '#', '11010519491231002X']).stdout, '110105###########X\n');
    assert.equal(runCli(['mask', '-'], { input: 'KAZ110090123105\n' }).stdout, 'KAZ*********105\n');
    assert.equal(runCli(['mask', '--mask-char', '**', '11010519491231002X']).status, 2);
    assert.equal(runCli(['mask']).status, 2);
  });
});

describe('cnid-verify dump', () => {
  const manifest = dumpManifest();
  const skip = !manifest && 'tests/fixtures/dumps/manifest.json not generated yet';
  const trustDir = path.join(FIXTURES, 'trust');
  const dumpsDir = path.join(FIXTURES, 'dumps');
  let tmp;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-verify-cli-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // CLI arguments equivalent to one manifest case's trust store and options.
  function argsFor(c, index) {
    const args = [];
    for (const f of c.trust.jwks) args.push('--trust', path.join(trustDir, f));
    for (const f of c.trust.certificates) args.push('--trust', path.join(trustDir, f));
    if (c.trust.revokedKids.length || c.trust.revokedSerials.length) {
      // Exercise every line syntax: kid:<kid>, bare kid, serial:<issuer>:<hex>, comments, blanks.
      const lines = ['# generated by tests/node/cli.test.mjs', ''];
      c.trust.revokedKids.forEach((kid, i) => lines.push(i % 2 ? kid : `kid:${kid}`));
      for (const s of c.trust.revokedSerials) lines.push(`serial:${path.join(trustDir, s.issuer)}:${s.serialHex}`);
      const file = path.join(tmp, `revoked-${index}.txt`);
      fs.writeFileSync(file, lines.join('\n') + '\n');
      args.push('--revoked', file);
    }
    const o = c.options;
    args.push('--at', new Date(o.at * 1000).toISOString());
    args.push('--max-age', o.maxAgeSeconds === null ? 'none' : String(o.maxAgeSeconds));
    if (o.expectedNonceHex) args.push('--nonce', o.expectedNonceHex);
    if (o.externalAadHex) args.push('--aad', o.externalAadHex);
    return args;
  }

  it('every manifest case: verdict, exit code and check states (--json, grouped by arguments)', { skip }, () => {
    const groups = new Map();
    manifest.forEach((c, i) => {
      const args = argsFor(c, i);
      const key = JSON.stringify(args.map((a) => (a.startsWith(tmp) ? fs.readFileSync(a, 'utf8') : a)));
      if (!groups.has(key)) groups.set(key, { args, cases: [] });
      groups.get(key).cases.push(c);
    });
    let seen = 0;
    for (const { args, cases } of groups.values()) {
      const files = cases.map((c) => path.join(dumpsDir, c.file));
      const r = runCli(['dump', '--json', ...args, ...files]);
      const allAccepted = cases.every((c) => c.expected === 'accepted');
      assert.equal(r.status, allAccepted ? 0 : 1, `${cases.map((c) => c.file)}\n${r.stderr}`);
      const reports = JSON.parse(r.stdout);
      assert.equal(reports.length, cases.length);
      reports.forEach((rep, i) => {
        const c = cases[i];
        assert.equal(rep.file, files[i]);
        assert.equal(rep.ok, c.expected === 'accepted', c.file);
        assert.deepEqual(Object.fromEntries(rep.checks.map((x) => [x.id, x.status])), c.checks, c.file);
        for (const key of ['nonce', 'chipSerial', 'photo', 'fingerprint']) {
          assert.ok(rep[key] === null || /^(?:[0-9a-f]{2})*$/.test(rep[key]), `${c.file}: ${key} is hex`);
        }
        if (c.options.expectedNonceHex && c.expected === 'accepted') assert.equal(rep.nonce, c.options.expectedNonceHex);
        seen++;
      });
    }
    assert.equal(seen, manifest.length);
  });

  it('each accepted case alone exits 0 with an ACCEPTED verdict; each rejected one exits 1', { skip }, () => {
    // One spawn per case is slow; sample one accepted and one rejected case per distinct argument set.
    const sample = [];
    const seenKeys = new Set();
    manifest.forEach((c, i) => {
      const key = `${c.expected}:${JSON.stringify(c.options)}:${JSON.stringify(c.trust)}`;
      if (!seenKeys.has(key)) {
        seenKeys.add(key);
        sample.push([c, i]);
      }
    });
    for (const [c, i] of sample) {
      const r = runCli(['dump', ...argsFor(c, i), path.join(dumpsDir, c.file)]);
      if (c.expected === 'accepted') {
        assert.equal(r.status, 0, `${c.file}: ${r.stdout}`);
        assert.match(r.stdout, /: ACCEPTED/);
      } else {
        assert.equal(r.status, 1, `${c.file}: ${r.stdout}`);
        assert.match(r.stdout, /: REJECTED \(failed: /);
        for (const id of c.failedChecks) assert.match(r.stdout, new RegExp(`\\n  ${id}\\s+failed`), `${c.file} ${id}`);
      }
    }
  });

  it('human output: verdict, one line per check, card and signer', { skip }, () => {
    const jwk = manifest.find((c) => c.file === 'y-jwk.cose') ?? manifest.find((c) => c.expected === 'accepted');
    const r = runCli(['dump', ...argsFor(jwk, 'h'), path.join(dumpsDir, jwk.file)]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /: ACCEPTED \(signature verified\)$/);
    for (const id of Object.keys(jwk.checks)) assert.ok(lines.some((l) => l.startsWith(`  ${id} `)), id);
    assert.ok(lines.some((l) => l.startsWith('  card: ') && l.includes(jwk.card.number)));
    assert.ok(lines.some((l) => l.startsWith('  signer: ')));
  });

  it('--at @UNIX_SECONDS and an ISO 8601 offset are equivalent', { skip }, () => {
    const c = manifest.find((x) => x.file === 'y-jwk.cose');
    if (!c) return;
    const base = ['dump', '--trust', path.join(trustDir, 'test-jwks.json'), path.join(dumpsDir, c.file)];
    assert.equal(runCli([...base, '--at', `@${c.options.at}`]).status, 0);
    const iso = new Date((c.options.at + 8 * 3600) * 1000).toISOString().replace(/\.000Z$/, '+08:00');
    assert.equal(runCli([...base, '--at', iso]).status, 0);
    // Far later: the reading is stale unless --max-age none.
    assert.equal(runCli([...base, '--at', '2030-01-01T00:00:00Z']).status, 1);
    assert.equal(runCli([...base, '--at', '2030-01-01T00:00:00Z', '--max-age', 'none']).status, 0);
  });

  it('file and trust errors exit 2', { skip }, () => {
    const jwks = path.join(trustDir, 'test-jwks.json');
    const dump = path.join(dumpsDir, 'y-jwk.cose');
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{"keys": [');
    const badPem = path.join(tmp, 'bad.pem');
    fs.writeFileSync(badPem, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const badRevoked = path.join(tmp, 'bad-revoked.txt');
    fs.writeFileSync(badRevoked, 'serial:no-such-issuer.pem:01\n');
    for (const [label, args] of [
      ['missing trust file', ['--trust', path.join(tmp, 'nope.json'), dump]],
      ['unparseable JWK set', ['--trust', bad, dump]],
      ['unparseable certificate', ['--trust', badPem, dump]],
      ['unknown trust file type', ['--trust', path.join(FIXTURES, 'trust', 'README.md'), dump]],
      ['missing revocation file', ['--trust', jwks, '--revoked', path.join(tmp, 'nope.txt'), dump]],
      ['revocation line naming a missing issuer', ['--trust', jwks, '--revoked', badRevoked, dump]],
      ['bad --nonce', ['--trust', jwks, '--nonce', 'xyz', dump]],
      ['bad --max-age', ['--trust', jwks, '--max-age', '-5', dump]],
      ['bad --at', ['--trust', jwks, '--at', 'yesterday', dump]],
    ]) {
      const r = runCli(['dump', ...args]);
      assert.equal(r.status, 2, `${label}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', label);
      assert.match(r.stderr, /^cnid-verify: /, label);
    }
  });
});

describe('cnid-verify dump --revoked', () => {
  const manifest = dumpManifest();
  const skip = !manifest && 'tests/fixtures/dumps/manifest.json not generated yet';
  const dump = (name) => path.join(DUMPS_DIR, name);
  const base = ['dump', '--trust', JWKS, '--trust', ROOT_PEM, '--at', AT];
  let tmp;
  let n = 0;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-verify-revoked-'));
    for (const f of ['test-intermediate.pem', 'test-signer-revoked.pem', 'test-root.pem']) {
      fs.copyFileSync(path.join(TRUST_DIR, f), path.join(tmp, f));
    }
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A revocation file in tmp (next to copies of the intermediate, revoked signer and root). */
  function revocationFile(...lines) {
    const file = path.join(tmp, `revoked-${++n}.txt`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  function assertRevoked(r, label) {
    assert.equal(r.status, 1, `${label}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /: REJECTED \(failed: REVOCATION\)/, label);
  }

  it('a bare serial line (the old revoked-serials.txt entry) revokes that serial under any issuer', { skip }, () => {
    const file = revocationFile('8badf00d');
    assertRevoked(runCli([...base, '--revoked', file, dump('revoked-serial.cose')]), 'bare 8badf00d');
    // ... and is a kid as well.
    const kidFile = revocationFile('test-reader-revoked');
    assertRevoked(runCli([...base, '--revoked', kidFile, dump('revoked-kid.cose')]), 'bare kid');
  });

  it('every serial and cert form revokes the signer of revoked-serial.cose', { skip }, () => {
    for (const line of [
      'serial:8badf00d',
      'serial:0x8B:AD:F0:0D',
      'serial:00008BADF00D',
      'serial:test-intermediate.pem:8badf00d',
      'serial:./test-intermediate.pem:8b:ad:f0:0d',
      `serial:${path.join(TRUST_DIR, 'test-intermediate.pem')}:0x8badf00d`,
      'cert:test-signer-revoked.pem',
      '  cert:./test-signer-revoked.pem  ',
    ]) {
      const file = revocationFile('# comment', '', line);
      assertRevoked(runCli([...base, '--revoked', file, dump('revoked-serial.cose')]), line);
    }
    // The serial under another issuer does not revoke it.
    const other = revocationFile('serial:test-root.pem:8badf00d');
    assert.equal(runCli([...base, '--revoked', other, dump('revoked-serial.cose')]).status, 0);
  });

  it('the committed tests/fixtures/trust/revoked.txt: paths relative to the file, whatever the cwd', { skip }, () => {
    const dumps = ['revoked-kid.cose', 'revoked-serial.cose', 'y-jwk.cose', 'y-x5chain.cose'].map(dump);
    const expected = [false, false, true, true];
    for (const [cwd, revoked] of [
      [os.tmpdir(), path.join(TRUST_DIR, 'revoked.txt')],
      [FIXTURES, path.join('trust', 'revoked.txt')],
    ]) {
      const r = runCli([...base, '--json', '--revoked', revoked, ...dumps], { cwd });
      assert.equal(r.status, 1, `${cwd}: ${r.stderr}`);
      const reports = JSON.parse(r.stdout);
      assert.deepEqual(
        reports.map((x) => x.ok),
        expected,
      );
      for (const rep of reports.slice(0, 2)) {
        assert.equal(rep.checks.find((c) => c.id === 'REVOCATION').status, 'failed');
      }
    }
  });

  it('an entry that matches nothing in the trust store is a NO_MATCH warning naming file and line', { skip }, () => {
    const file = revocationFile('# nothing here', 'kid:no-such-reader');
    const r = runCli([...base, '--revoked', file, dump('y-jwk.cose')]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(
      r.stderr.includes(
        `cnid-verify: warning: ${file}:2: kid:no-such-reader matches nothing in the trust store (NO_MATCH): `,
      ),
      r.stderr,
    );
    // A bare line that matches as a kid is not reported as matching nothing.
    const matched = revocationFile('test-reader-revoked');
    assert.doesNotMatch(runCli([...base, '--revoked', matched, dump('y-jwk.cose')]).stderr, /NO_MATCH/);
  });

  it('an unknown prefix, the old "issuer serial" line and malformed entries: exit 2 with file:line', { skip }, () => {
    const readme = path.join(TRUST_DIR, 'README.md');
    for (const [line, reason] of [
      ['foo:bar', /unknown entry type "foo:"/],
      ['KID:test-reader-revoked', /unknown entry type "KID:"/],
      ['test-intermediate.pem 8badf00d', /white space/],
      ['kid:', /empty kid/],
      ['serial:', /empty serial/],
      ['serial:zz', /expected serial:<hex> or serial:<issuer-certificate-file>:<hex>/],
      ['serial:test-intermediate.pem:', /expected serial:/],
      ['serial:test-intermediate.pem:xyz', /expected serial:/],
      ['serial:./no-such-issuer.pem:01', /cannot read issuer certificate .*no-such-issuer\.pem: no such file/],
      ['cert:no-such.pem', /cannot read certificate .*no-such\.pem: no such file/],
      [`cert:${readme}`, /INVALID_CERTIFICATE/],
      [`serial:${readme}:01`, /INVALID_CERTIFICATE/],
      ['serial:' + 'ab'.repeat(40), /INVALID_SERIAL/],
    ]) {
      const file = revocationFile('kid:test-reader-revoked', '# the next line is wrong', line);
      const r = runCli([...base, '--revoked', file, dump('y-jwk.cose')]);
      assert.equal(r.status, 2, `${line}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', line);
      const error = r.stderr.split('\n').find((l) => l.startsWith(`cnid-verify: ${file}:3: `));
      assert.ok(error, `${line}: ${r.stderr}`);
      assert.match(error, reason, line);
    }
  });
});

describe('cnid-verify dump --reject-ca-signer / --require-signed-x5chain', () => {
  let tmp;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-verify-policy-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--reject-ca-signer rejects a dump signed directly by a CA certificate (otherwise a warning)', () => {
    const pki = caSignerPki();
    const root = path.join(tmp, 'root.pem');
    fs.writeFileSync(root, pki.rootPem);
    const file = path.join(tmp, 'ca-signed.cose');
    fs.writeFileSync(file, coseSign1({ key: pki.signerKey, x5chain: [pki.signerCert] }));
    const args = ['dump', '--json', '--trust', root, '--at', AT, file];
    const lenient = runCli(args);
    assert.equal(lenient.status, 0, lenient.stdout + lenient.stderr);
    assert.ok(JSON.parse(lenient.stdout)[0].warnings.some((w) => w.code === 'SIGNER_IS_CA'));
    const strict = runCli([...args, '--reject-ca-signer']);
    assert.equal(strict.status, 1, strict.stderr);
    const report = JSON.parse(strict.stdout)[0];
    assert.equal(report.checks.find((c) => c.id === 'SIGNER').status, 'failed');
    assert.equal(report.checks.find((c) => c.id === 'SIGNER').reason, 'CA_SIGNER');
    assert.match(report.checks.find((c) => c.id === 'SIGNER').message, /rejectCaSigner/);
  });

  it('--require-signed-x5chain rejects an x5chain in the unprotected header without x5t', () => {
    const args = ['dump', '--trust', ROOT_PEM, '--at', AT, path.join(DUMPS_DIR, 'y-x5chain.cose')];
    assert.equal(runCli(args).status, 0);
    const r = runCli([...args, '--require-signed-x5chain']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /REJECTED \(failed: SIGNER\)/);
    assert.match(r.stdout, /requireSignedX5chain/);
    // The failed check's line leads with its stable reason code.
    assert.match(r.stdout, /^ {2}SIGNER +failed +UNSIGNED_X5CHAIN: the x5chain is in the unprotected header/m);
    // A JWK-signed dump is unaffected by either flag.
    const jwk = ['dump', '--trust', JWKS, '--at', AT, '--reject-ca-signer', '--require-signed-x5chain'];
    assert.equal(runCli([...jwk, path.join(DUMPS_DIR, 'y-jwk.cose')]).status, 0);
  });
});

describe('cnid-verify: terminal-safe output', () => {
  const hostile = '\u001b[2J\u001b[32mACCEPTED\u001b[0m\u009b2J\u202e\u2066\u200f\n\tx\u007f';
  let tmp;
  let files;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-verify-escape-'));
    const pki = caSignerPki('Evil \u001b]0;pwned\u0007 CA \u202egpj.exe');
    files = {
      jwk: path.join(tmp, 'hostile-jwk.cose'),
      x5chain: path.join(tmp, 'hostile-x5chain.cose'),
    };
    // Signed by nobody the store trusts: REJECTED, but every field is still printed.
    fs.writeFileSync(
      files.jwk,
      coseSign1({ kid: `kid\u001b[1A${hostile}`, readerId: hostile, text: textBlock('\u001b[2J\u009b') }),
    );
    fs.writeFileSync(files.x5chain, coseSign1({ key: pki.signerKey, x5chain: [pki.signerCert], readerId: hostile }));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('human output escapes control, C1 and bidi characters of kid, readerId, card fields and names', () => {
    const r = runCli(['dump', '--trust', JWKS, '--at', AT, files.jwk, files.x5chain]);
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout, RAW_UNSAFE);
    assert.doesNotMatch(r.stderr, RAW_UNSAFE);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /hostile-jwk\.cose: REJECTED \(failed: /);
    const escaped = '\\u{1b}[2J\\u{1b}[32mACCEPTED\\u{1b}[0m\\u{9b}2J\\u{202e}\\u{2066}\\u{200f}\\u{a}\\u{9}x\\u{7f}';
    assert.ok(r.stdout.includes(`by ${escaped}`), 'readerId');
    assert.ok(r.stdout.includes('JWK kid kid\\u{1b}[1A\\u{1b}[2J'), 'kid');
    assert.ok(r.stdout.includes('\\u{1b}[2J\\u{9b}'), 'English name');
    // The library shows C0 characters of names RFC 4514-style (\1b); the bidi override is ours.
    assert.match(r.stdout, /signer: {2}x5chain CN=Evil .*pwned.* CA \\u\{202e\}gpj\.exe \(serial 2a\)/, 'subject');
    // No line but a verdict line starts at column 0 with a file name.
    assert.equal(lines.filter((l) => /: (ACCEPTED|REJECTED)/.test(l) && !l.startsWith(tmp)).length, 0);
  });

  it('--json escapes C1 and bidi characters too, and parses back to the original values', () => {
    const r = runCli(['dump', '--json', '--trust', JWKS, '--at', AT, files.jwk, files.x5chain]);
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout, RAW_UNSAFE);
    assert.doesNotMatch(r.stdout, RAW_UNSAFE_JSON);
    assert.match(r.stdout, /\\u009b/);
    assert.match(r.stdout, /\\u202e/);
    const reports = JSON.parse(r.stdout);
    assert.equal(reports[0].readerId, hostile);
    assert.equal(reports[1].readerId, hostile);
    assert.ok(reports[0].signer.kid.startsWith('kid\u001b[1A'));
  });

  it('numbers from the command line are escaped as well', () => {
    const r = runCli(['number', '\u001b[2J\u202e123']);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, RAW_UNSAFE);
    assert.ok(r.stdout.startsWith('✗ \\u{1b}[2J\\u{202e}123'), r.stdout);
    const json = runCli(['number', '--json', '\u0085\u202e']);
    assert.doesNotMatch(json.stdout, RAW_UNSAFE_JSON);
    assert.equal(JSON.parse(json.stdout)[0].input, '\u0085\u202e');
  });
});

describe('cnid-verify dump: batches', () => {
  let tmp;
  let huge;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnid-verify-batch-'));
    huge = path.join(tmp, 'huge-read-at.cose');
    fs.writeFileSync(huge, coseSign1({ kid: 'test-reader-1', readAt: 2n ** 62n }));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const good = path.join(DUMPS_DIR, 'y-jwk.cose');

  it('a dump with a huge readAt gets its own report; the rest of the batch goes on', () => {
    const r = runCli(['dump', '--trust', JWKS, '--at', AT, good, huge, good]);
    assert.equal(r.status, 1, r.stderr);
    const blocks = r.stdout.trim().split('\n\n');
    assert.equal(blocks.length, 3);
    assert.match(blocks[0], /y-jwk\.cose: ACCEPTED/);
    assert.match(blocks[1], /huge-read-at\.cose: REJECTED \(failed: [^)]*FRESHNESS/);
    assert.match(blocks[1], /\n {2}read at: 4\.611686018427388e\+21 \(epoch ms\)/);
    assert.match(blocks[2], /y-jwk\.cose: ACCEPTED/);
  });

  it('a missing or unreadable dump file is reported in its place, the others are verified; exit 2', () => {
    const missing = path.join(tmp, 'no-such.cose');
    const args = ['dump', '--trust', JWKS, '--at', AT, good, missing, huge, tmp, good];
    const r = runCli(args);
    assert.equal(r.status, 2, r.stderr);
    const blocks = r.stdout.trim().split('\n\n');
    assert.equal(blocks.length, 5);
    assert.match(blocks[0], /y-jwk\.cose: ACCEPTED/);
    assert.equal(blocks[1], `${missing}: ERROR (not verified): cannot read dump: no such file`);
    assert.match(blocks[2], /huge-read-at\.cose: REJECTED/);
    assert.match(blocks[3], /: ERROR \(not verified\): cannot read dump: /);
    assert.match(blocks[4], /y-jwk\.cose: ACCEPTED/);
    assert.ok(r.stderr.includes(`cnid-verify: ${missing}: cannot read dump: no such file`), r.stderr);

    const json = runCli([...args.slice(0, 1), '--json', ...args.slice(1)]);
    assert.equal(json.status, 2);
    const items = JSON.parse(json.stdout);
    assert.deepEqual(
      items.map((x) => x.file),
      args.slice(5),
    );
    assert.deepEqual(
      items.map((x) => x.ok),
      [true, false, false, false, true],
    );
    const error = { code: 'ENOENT', message: 'cannot read dump: no such file' };
    assert.deepEqual(items[1], { file: missing, ok: false, error });
    assert.equal(items[3].error.code, 'EISDIR');
    assert.equal(items[2].readAtMs, 2 ** 62 * 1000);
  });
});

describe('cnid-verify --at: one rule for both commands, whatever TZ says', () => {
  const zones = ['America/New_York', 'Asia/Shanghai', 'UTC'];
  const dump = path.join(DUMPS_DIR, 'y-jwk.cose');

  it('dump: a date-time without an offset is China time; Z, +08:00, epoch ms and @seconds agree', () => {
    const forms = [
      '2026-06-01T08:00:30',
      '2026-06-01T00:00:30Z',
      '2026-06-01T08:00:30+08:00',
      '2026-06-01 08:00:30.000',
      String((READ_AT + 30) * 1000),
      `@${READ_AT + 30}`,
    ];
    const outputs = new Set();
    for (const tz of zones) {
      for (const at of forms) {
        const r = runCliInZone(tz, ['dump', '--json', '--trust', JWKS, '--at', at, dump]);
        assert.equal(r.status, 0, `${tz} ${at}: ${r.stdout}${r.stderr}`);
        outputs.add(r.stdout);
      }
    }
    assert.equal(outputs.size, 1);
    assert.match([...outputs][0], /readAt 2026-06-01T00:00:00Z is 30 s before the verification time/);
  });

  it('dump: a bare date is 00:00 China time (2026-05-31T16:00Z), not 00:00 UTC', () => {
    for (const tz of zones) {
      const bare = runCliInZone(tz, ['dump', '--json', '--trust', JWKS, '--at', '2026-06-01', dump]);
      const utc = runCliInZone(tz, ['dump', '--json', '--trust', JWKS, '--at', '2026-05-31T16:00:00Z', dump]);
      assert.equal(bare.status, 1, tz); // readAt is 8 h after the verification time: FRESHNESS fails
      assert.equal(bare.stdout, utc.stdout, tz);
    }
  });

  it('number: --at takes the same forms; the China date of the instant is the check date', () => {
    const born = '911124198108030024'; // born 1981-08-03
    for (const tz of zones) {
      for (const [at, status] of [
        ['1981-08-03', 0],
        ['1981-08-03T00:00', 0],
        ['1981-08-02T23:59:59', 1],
        ['1981-08-02T16:00:00Z', 0],
        ['1981-08-02T15:59:59Z', 1],
        ['1981-08-02T12:00-04:00', 0],
        [String(Date.UTC(1981, 7, 2, 16)), 0],
        [String(Date.UTC(1981, 7, 2, 15, 59)), 1],
      ]) {
        const r = runCliInZone(tz, ['number', '--at', at, born]);
        assert.equal(r.status, status, `${tz} --at ${at}: ${r.stdout}${r.stderr}`);
      }
    }
  });

  it('times that are not dates or not valid are usage errors', () => {
    const invalid = ['2026-06-01T24:00', '2026-06-01T08:60', '2026-13-01', '2026-06-01T08:00+24:00'];
    for (const at of [...invalid, '99999999999999999999', 'now']) {
      for (const cmd of [['number', '--at', at, '911124198108030024'], ['dump', '--trust', JWKS, '--at', at, dump]]) {
        const r = runCli(cmd);
        assert.equal(r.status, 2, `${cmd.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^cnid-verify: --at /);
      }
    }
  });
});
