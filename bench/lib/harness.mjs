// Shared timing and reporting helpers for the benchmarks (not a test harness).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

/** Mulberry32: a small, seeded, deterministic PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds taken by fn() (sync or async). */
export async function timeMs(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Measures several contenders fairly on a machine whose speed drifts (seen here: every library
 * running 2x slower for a while, then fast again): one warm-up pass each, then `runs` rounds in which
 * every contender does one timed pass, in rotating order. Each contender's median over the rounds
 * is reported, so a slow period hits all contenders alike instead of whichever ran during it.
 * Each `fn` returns a checksum that must be identical on every pass (it also keeps the work from
 * being optimised away). Returns `{ result, runsMs, medianMs, perSecond }` per contender, in order.
 */
export async function measureInterleaved(fns, { runs, items }) {
  const warm = [];
  for (const fn of fns) warm.push(await fn());
  const times = fns.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (k + round) % fns.length;
      let result;
      times[i].push(await timeMs(async () => {
        result = await fns[i]();
      }));
      if (JSON.stringify(result) !== JSON.stringify(warm[i])) {
        throw new Error(`non-deterministic result: ${JSON.stringify(result)} vs ${JSON.stringify(warm[i])}`);
      }
    }
  }
  return fns.map((_, i) => {
    const med = median(times[i]);
    return { result: warm[i], runsMs: times[i].map((t) => +t.toFixed(3)), medianMs: +med.toFixed(3), perSecond: Math.round((items / med) * 1000) };
  });
}

export function versionOf(pkgName) {
  try {
    return require(`${pkgName}/package.json`).version;
  } catch {
    // Packages whose exports map hides package.json.
    let dir = path.dirname(require.resolve(pkgName));
    while (dir !== path.dirname(dir)) {
      const f = path.join(dir, 'package.json');
      if (fs.existsSync(f)) {
        const p = JSON.parse(fs.readFileSync(f, 'utf8'));
        if (p.name === pkgName) return p.version;
      }
      dir = path.dirname(dir);
    }
    return 'unknown';
  }
}

export function environment() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus.length ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
  };
}

export function benchArgs(defaults) {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      runs: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  return {
    n: values.n ? Number(values.n) : defaults.n,
    runs: values.runs ? Number(values.runs) : defaults.runs,
    out: values.out ?? defaults.out,
    quiet: Boolean(values.quiet),
  };
}

export const fmtInt = (n) => Math.round(n).toLocaleString('en-US');

/** A Markdown table from rows of cells (first row = header). */
export function markdownTable(rows, align) {
  const header = `| ${rows[0].join(' | ')} |`;
  const sep = `|${rows[0].map((_, i) => (align?.[i] === 'r' ? '---:' : '---')).join('|')}|`;
  return [header, sep, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
