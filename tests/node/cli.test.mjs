// The command-line interface (pkg/bin/cnid-verify.js): output, exit codes 0/1/2, --json order,
// stdin "-", and the dump subcommand against tests/fixtures/dumps/manifest.json.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURES, PKG, dumpManifest, runCli } from './helpers.mjs';

const pkgVersion = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8')).version;

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
      ['missing dump', ['--trust', jwks, path.join(tmp, 'nope.cose')]],
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
