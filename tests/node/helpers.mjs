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
