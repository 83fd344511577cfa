#!/usr/bin/env node
// cnid-verify command-line interface (ships in the npm package as bin/cnid-verify.js).
//
// Exit status: 0 = every number valid / every dump accepted; 1 = at least one invalid number or
// rejected dump; 2 = usage error, unreadable or unparseable file, or any other failure.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as cnid from '../node.mjs';

const PROG = 'cnid-verify';

const SYNOPSIS = `Usage:
  ${PROG} number [--json] [--strict] [--at YYYY-MM-DD] [--fpr15-check-digit error|warning] NUMBER...
  ${PROG} dump [--json] --trust FILE [--trust FILE...] [--revoked FILE] [--at TIME]
               [--nonce HEX] [--max-age SECONDS|none] [--clock-skew SECONDS] [--aad HEX] DUMP...
  ${PROG} --help | --version`;

const USAGE = `${SYNOPSIS}

number   Validate Chinese identity-card numbers (foreign permanent resident 18/15, resident 18/15,
         Hong Kong/Macao/Taiwan residence permits) and explain them.
           NUMBER                 a number; "-" reads one number per line from standard input
           --json                 print a JSON array of reports, one per input, in input order
           --strict               only trim: no case, width, space or hyphen folding
           --at YYYY-MM-DD        date used to reject future birth dates (default: today, China time)
           --fpr15-check-digit    severity of an old 15-character foreigner number's check digit
                                  mismatch: error (default) or warning

dump     Verify signed chip dumps (COSE_Sign1, ES256) against the trust material you give.
           --trust FILE           JWK set (.json, .jwks) or X.509 certificate(s) (.pem, .crt, .der);
                                  repeatable. Nothing is trusted by default.
           --revoked FILE         revocation list, repeatable; one entry per line:
                                    kid:<kid>                          a revoked JWK kid
                                    serial:<issuer-cert-file>:<hex>    a revoked certificate serial,
                                                                       issued by that certificate
                                    <kid>                              a bare line is a kid
                                  blank lines and lines starting with # are ignored; relative
                                  certificate paths are relative to the revocation file
           --at TIME              verification time: ISO 8601 (2026-06-01T08:00:00+08:00; a bare
                                  date means 00:00 UTC) or @UNIX_SECONDS (default: now)
           --nonce HEX            the challenge handed to the reader; the dump must carry it
           --max-age SECONDS|none maximum age of the reading (default 600); none for archives
           --clock-skew SECONDS   allowed clock skew for readings in the future (default 300)
           --aad HEX              external AAD agreed with the readers (default empty)
           --json                 print a JSON array of reports in input order (byte fields as hex)

Exit status: 0 all valid/accepted, 1 any invalid/rejected, 2 usage or file error.`;

class UsageError extends Error {}
class FileError extends Error {}

function out(text) {
  process.stdout.write(text + '\n');
}

function err(text) {
  process.stderr.write(text + '\n');
}

// A closed pipe (e.g. `| head`) is not an error worth a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

function parse(argv, options) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    if (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(e.message);
    throw e;
  }
}

// --- number ---------------------------------------------------------------------------------

function readStdinLines() {
  let text;
  try {
    text = fs.readFileSync(0, 'utf8');
  } catch (e) {
    if (e.code === 'EOF' || e.code === 'EAGAIN' || e.code === 'EBADF' || e.code === 'ENXIO') return [];
    throw new FileError(`cannot read standard input: ${e.message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function names(o) {
  return o ? `${o.nameEn}/${o.nameZh}` : null;
}

function describeNumber(r) {
  const shown = r.input === '' ? '""' : r.input;
  const kind = r.kind ?? '-';
  if (r.ok) {
    const info = r.info ?? {};
    const parts = [`✓ ${shown}`, kind];
    const birth = [info.birthDate, info.sex].filter(Boolean).join(' ');
    if (birth) parts.push(birth);
    if (info.province) parts.push(names(info.province));
    if (info.nationality) parts.push(names(info.nationality));
    if (info.region) parts.push(info.region);
    if (r.normalized && r.normalized !== r.input) parts.push(`normalized ${r.normalized}`);
    let line = parts.join('  ');
    for (const w of r.warnings) line += `\n    warning ${w.code}: ${w.message}`;
    return line;
  }
  const issues = r.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
  let line = `✗ ${shown}  ${kind}  ${issues}`;
  for (const w of r.warnings) line += `\n    warning ${w.code}: ${w.message}`;
  return line;
}

function cmdNumber(argv) {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
    at: { type: 'string' },
    'fpr15-check-digit': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const options = {};
  if (values.strict) options.strict = true;
  if (values.at !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.at)) throw new UsageError(`--at must be YYYY-MM-DD, got ${values.at}`);
    options.at = values.at;
  }
  const severity = values['fpr15-check-digit'];
  if (severity !== undefined) {
    if (severity !== 'error' && severity !== 'warning') {
      throw new UsageError(`--fpr15-check-digit must be error or warning, got ${severity}`);
    }
    options.fpr15CheckDigit = severity;
  }

  const inputs = [];
  let stdinRead = false;
  for (const p of positionals) {
    if (p === '-') {
      if (!stdinRead) inputs.push(...readStdinLines());
      stdinRead = true;
    } else {
      inputs.push(p);
    }
  }
  if (inputs.length === 0) throw new UsageError('no numbers given');

  const reports = cnid.checkNumbers(inputs, options);
  if (values.json) out(JSON.stringify(reports, null, 2));
  else for (const r of reports) out(describeNumber(r));
  return reports.every((r) => r.ok) ? 0 : 1;
}

// --- dump -----------------------------------------------------------------------------------

function readFile(file, what) {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new FileError(`cannot read ${what} ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
}

function hexBytes(text, flag) {
  const clean = text.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new UsageError(`${flag} must be hex (an even number of digits)`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

function wholeSeconds(text, flag) {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number of seconds, got ${text}`);
  return Number(text);
}

function parseTime(text) {
  if (/^@\d+$/.test(text)) return new Date(Number(text.slice(1)) * 1000);
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
  const ms = iso.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--at must be ISO 8601 (e.g. 2026-06-01T08:00:00+08:00) or @UNIX_SECONDS, got ${text}`);
  return new Date(ms);
}

// A certificate argument for addCertificate/revokeSerial: PEM text or DER bytes.
function certificateInput(bytes) {
  const head = bytes.subarray(0, 64).toString('latin1');
  return head.includes('-----BEGIN') ? bytes.toString('utf8') : Uint8Array.from(bytes);
}

function trustError(file, e) {
  if (e && typeof e.code === 'string' && !(e instanceof UsageError)) {
    return new FileError(`${file}: ${e.code}: ${e.message}`);
  }
  return e;
}

function loadTrust(store, file) {
  const ext = path.extname(file).toLowerCase();
  const bytes = readFile(file, 'trust file');
  try {
    if (ext === '.json' || ext === '.jwks') {
      const result = store.addJwks(bytes.toString('utf8'));
      for (const w of result.warnings) err(`${PROG}: warning: ${file}: ${w.code}: ${w.message}`);
      if (result.added === 0) err(`${PROG}: warning: ${file}: no usable key`);
    } else if (ext === '.pem' || ext === '.crt' || ext === '.cer' || ext === '.der') {
      const n = store.addCertificate(certificateInput(bytes));
      if (n === 0) err(`${PROG}: warning: ${file}: no certificate`);
    } else {
      throw new UsageError(`--trust ${file}: unknown file type (expected .json/.jwks or .pem/.crt/.der)`);
    }
  } catch (e) {
    throw trustError(file, e);
  }
}

function loadRevoked(store, file) {
  const lines = readFile(file, 'revocation file').toString('utf8').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const where = `${file}:${i + 1}`;
    if (line === '' || line.startsWith('#')) return;
    try {
      if (line.startsWith('serial:')) {
        const rest = line.slice('serial:'.length);
        const cut = rest.lastIndexOf(':');
        if (cut <= 0 || cut === rest.length - 1) {
          throw new FileError(`${where}: expected serial:<issuer-cert-file>:<hex>`);
        }
        const certPath = path.resolve(path.dirname(file), rest.slice(0, cut));
        const serial = rest.slice(cut + 1).trim();
        store.revokeSerial(certificateInput(readFile(certPath, 'issuer certificate')), serial);
      } else {
        const kid = line.startsWith('kid:') ? line.slice('kid:'.length).trim() : line;
        if (kid === '') throw new FileError(`${where}: empty kid`);
        store.revokeKid(kid);
      }
    } catch (e) {
      throw e instanceof FileError ? e : trustError(where, e);
    }
  });
}

const toHex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex');

function jsonReplacer(_key, value) {
  return value instanceof Uint8Array ? toHex(value) : value;
}

function certName(c) {
  return c ? c.subject : '?';
}

function describeDump(file, r) {
  const lines = [];
  const failed = r.checks.filter((c) => c.status === 'failed').map((c) => c.id);
  lines.push(
    r.ok
      ? `${file}: ACCEPTED${r.verified ? ' (signature verified)' : ''}`
      : `${file}: REJECTED (failed: ${failed.join(', ') || 'none'})`,
  );
  const width = Math.max(...r.checks.map((c) => c.id.length));
  for (const c of r.checks) {
    lines.push(`  ${c.id.padEnd(width)}  ${c.status.padEnd(7)}  ${c.message}`);
  }
  const card = r.card;
  if (card) {
    const name = [card.name, card.englishName].filter(Boolean).join(' / ');
    const valid = `${card.validFrom}..${card.validUntil ?? 'long-term'}`;
    lines.push(
      `  card:    ${card.layout} ${card.number}  ${name}  born ${card.birthDate} ${card.sex}  valid ${valid}` +
        (card.verified ? '' : '  [NOT VERIFIED: do not trust these fields]'),
    );
  }
  const s = r.signer;
  if (s) {
    if (s.method === 'jwk') lines.push(`  signer:  JWK kid ${s.kid ?? s.kidHex ?? '?'}`);
    else {
      const leaf = s.certificates[0];
      lines.push(
        `  signer:  x5chain ${certName(leaf)}${leaf ? ` (serial ${leaf.serialHex})` : ''}` +
          (s.anchor ? `, anchor ${certName(s.anchor)}` : ''),
      );
    }
  }
  if (r.readAt !== null && r.readAt !== undefined) {
    lines.push(`  read at: ${new Date(r.readAt * 1000).toISOString()}${r.readerId ? ` by ${r.readerId}` : ''}`);
  }
  const extras = [];
  if (r.nonce) extras.push(`nonce ${toHex(r.nonce)}`);
  if (r.chipSerial) extras.push(`chip serial ${toHex(r.chipSerial)}`);
  if (r.photo) extras.push(`photo ${r.photo.length} bytes`);
  if (r.fingerprint) extras.push(`fingerprint ${r.fingerprint.length} bytes`);
  if (extras.length) lines.push(`  data:    ${extras.join(', ')}`);
  for (const w of r.warnings) lines.push(`  warning ${w.code}: ${w.message}`);
  return lines.join('\n');
}

function cmdDump(argv) {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    trust: { type: 'string', multiple: true },
    revoked: { type: 'string', multiple: true },
    at: { type: 'string' },
    nonce: { type: 'string' },
    'max-age': { type: 'string' },
    'clock-skew': { type: 'string' },
    aad: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (!values.trust || values.trust.length === 0) throw new UsageError('at least one --trust FILE is required');
  if (positionals.length === 0) throw new UsageError('no dump files given');

  const options = {};
  if (values.at !== undefined) options.at = parseTime(values.at);
  if (values.nonce !== undefined) {
    options.expectedNonce = hexBytes(values.nonce, '--nonce');
    if (options.expectedNonce.length === 0) throw new UsageError('--nonce must not be empty');
  }
  if (values['max-age'] !== undefined) {
    options.maxAgeSeconds = values['max-age'] === 'none' ? null : wholeSeconds(values['max-age'], '--max-age');
  }
  if (values['clock-skew'] !== undefined) options.clockSkewSeconds = wholeSeconds(values['clock-skew'], '--clock-skew');
  if (values.aad !== undefined) options.externalAad = hexBytes(values.aad, '--aad');

  // Read everything first: a missing file is exit 2 with no partial verdicts.
  const dumps = positionals.map((f) => Uint8Array.from(readFile(f, 'dump')));
  const store = new cnid.TrustStore();
  try {
    for (const f of values.trust) loadTrust(store, f);
    for (const f of values.revoked ?? []) loadRevoked(store, f);
    const reports = cnid.verifyDumps(dumps, store, options);
    if (values.json) {
      const withFile = reports.map((r, i) => ({ file: positionals[i], ...r }));
      out(JSON.stringify(withFile, jsonReplacer, 2));
    } else {
      out(reports.map((r, i) => describeDump(positionals[i], r)).join('\n\n'));
    }
    return reports.every((r) => r.ok) ? 0 : 1;
  } finally {
    store.free();
  }
}

// --- main -----------------------------------------------------------------------------------

function main(argv) {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'number':
      return cmdNumber(rest);
    case 'dump':
      return cmdDump(rest);
    case '--help':
    case '-h':
    case 'help':
      out(USAGE);
      return 0;
    case '--version':
    case '-V':
      out(`${PROG} ${cnid.version()}`);
      return 0;
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    err(`${PROG}: ${e.message}\n${SYNOPSIS}\nRun '${PROG} --help' for details.`);
  } else if (e instanceof FileError) {
    err(`${PROG}: ${e.message}`);
  } else if (e && e.code === 'INVALID_OPTION') {
    // The library rejected an option value the CLI passed through (e.g. an impossible --at date).
    err(`${PROG}: invalid option: ${e.message}\nRun '${PROG} --help' for details.`);
  } else {
    err(`${PROG}: error: ${e && e.code ? `${e.code}: ` : ''}${e && e.message ? e.message : e}`);
  }
  process.exitCode = 2;
}
