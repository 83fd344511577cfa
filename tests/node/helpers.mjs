// Shared helpers for the Node tests of the BUILT package in pkg/ (run `make pkg` first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = path.join(ROOT, 'pkg');
export const CLI = path.join(PKG, 'bin', 'cnid-verify.js');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

if (!fs.existsSync(path.join(PKG, 'package.json')) || !fs.existsSync(path.join(PKG, 'node.cjs'))) {
  throw new Error(`${PKG} is not built: run \`make pkg\` (scripts/build-pkg.sh) before \`node --test tests/node/\``);
}

/** Runs the CLI with explicit stdin (CI has none) and returns {status, stdout, stderr}. */
export function runCli(args, { input = '', cwd = ROOT } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a Node script file and returns {status, stdout, stderr}. */
export function runNode(args, { cwd = ROOT, input = '' } = {}) {
  const r = spawnSync(process.execPath, args, { input, cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A throw-away project directory whose node_modules/cnid-verify is a symlink to pkg/, so that the
 * package is resolved by name through its exports map. Removed by the returned cleanup().
 */
export function tempProject(prefix = 'cnid-verify-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(PKG, path.join(dir, 'node_modules', 'cnid-verify'), 'dir');
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The fixture manifest of signed dumps (an array of cases), or null while it does not exist. */
export function dumpManifest() {
  const file = path.join(FIXTURES, 'dumps', 'manifest.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

export const hexToBytes = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));

/**
 * A fixture case's trust (manifest `trust`: JWK sets, certificates, revoked kids and serials, files in
 * `dir`) applied with the TrustStore calls to `target`: a TrustStore, or anything with its methods.
 */
export function applyTrust(target, trust, dir = path.join(FIXTURES, 'trust')) {
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
  for (const f of trust.jwks) target.addJwks(read(f));
  for (const f of trust.certificates) target.addCertificate(read(f));
  for (const kid of trust.revokedKids) target.revokeKid(kid);
  for (const s of trust.revokedSerials) target.revokeSerial(read(s.issuer), s.serialHex);
  return target;
}

/** A fixture case's verify options. A present-but-undefined option is INVALID_OPTION: set only what the case has. */
export function caseOptions(o) {
  const options = { at: o.at * 1000 };
  if (o.maxAgeSeconds !== undefined) options.maxAgeSeconds = o.maxAgeSeconds;
  if (o.expectedNonceHex) options.expectedNonce = hexToBytes(o.expectedNonceHex);
  if (o.externalAadHex) options.externalAad = hexToBytes(o.externalAadHex);
  return options;
}
