// Number-validation benchmark: cnid-verify vs. npm peers, in ONE Node process.
//
//   node numbers.mjs [--n 100000] [--runs 5] [--out results-numbers.json]
//
// The same N mixed mainland numbers (seeded PRNG, deterministic) go through every library:
//   ~70% valid 18-digit resident numbers with real region prefixes, 10% bad check digit,
//   7% impossible dates (Feb 30, Apr 31, month 13, Feb 29 of a common year), 5% lower-case x,
//   8% legacy 15-digit numbers.
// Boolean group: cnid-verify isValidNumber, id-validator isValid, stdnum CN.ric.validate().isValid,
// validator isIdentityCard(s, 'zh-CN'). Info-object group: cnid-verify checkNumber (per item) and
// checkNumbers (whole batch in one call), id-validator getInfo, idcard info.
// Each timing is one pass over all N numbers; after one warm-up pass each, the contenders of a group
// take turns (--runs rounds, rotating order) and the median of each one's passes is reported. "accepted" counts differ between libraries because their rules differ (see
// shared prior-art notes): that is expected and is part of the result.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import * as cnid from 'cnid-verify';
import * as cnidNumbers from 'cnid-verify/numbers'; // the numbers-only build (issue 9: no slower)
import validator from 'validator';
import { stdnum } from 'stdnum';
import { benchArgs, environment, fmtInt, markdownTable, measureInterleaved, prng, versionOf } from './lib/harness.mjs';

const require = createRequire(import.meta.url);
const IDValidator = require('id-validator');
const idcard = require('idcard');

const args = benchArgs({ n: 100_000, runs: 11, out: new URL('./results-numbers.json', import.meta.url) });
const log = args.quiet ? () => {} : (...a) => console.log(...a);

// --- the input set ----------------------------------------------------------------------------

// Real county-level codes (GB/T 2260) from all 31 mainland provinces.
const REGIONS = [
  '110101', '110102', '110105', '110108', '120101', '120104', '130102', '130104', '140105', '150102',
  '210102', '210202', '220102', '230102', '310101', '310104', '310115', '320102', '320106', '320505',
  '330102', '330106', '340102', '350102', '350203', '360102', '370102', '370202', '410105', '420102',
  '420106', '430102', '440103', '440106', '440304', '440305', '450103', '460105', '500103', '500106',
  '510104', '510107', '520102', '530102', '540102', '610103', '610113', '620102', '630102', '640104',
  '650102',
];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function checkChar(body17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function buildInputs(n, seed = 0x20261122) {
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pad = (v, w) => String(v).padStart(w, '0');
  const region = () => REGIONS[int(0, REGIONS.length - 1)];
  const seq = () => pad(int(0, 999), 3);
  const validDate = () => {
    const d = new Date(Date.UTC(1940, 0, 1) + int(0, 24105) * 86_400_000); // 1940-01-01 .. 2005-12-31
    return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
  };
  const impossibleDate = () => {
    const y = int(1940, 2005);
    switch (int(0, 3)) {
      case 0: return `${y}0230`;
      case 1: return `${y}0431`;
      case 2: return `${y}13${pad(int(1, 28), 2)}`;
      default: return `${[1941, 1955, 1970, 1983, 1999, 2003][int(0, 5)]}0229`;
    }
  };
  const inputs = [];
  const mix = { valid18: 0, badCheckDigit: 0, impossibleDate: 0, lowerCaseX: 0, legacy15: 0 };
  while (inputs.length < n) {
    const p = rnd();
    if (p < 0.7) {
      const body = region() + validDate() + seq();
      inputs.push(body + checkChar(body));
      mix.valid18++;
    } else if (p < 0.8) {
      const body = region() + validDate() + seq();
      const good = checkChar(body);
      let bad;
      do bad = CHECK[int(0, 10)]; while (bad === good);
      inputs.push(body + bad);
      mix.badCheckDigit++;
    } else if (p < 0.87) {
      const body = region() + impossibleDate() + seq();
      inputs.push(body + checkChar(body));
      mix.impossibleDate++;
    } else if (p < 0.92) {
      let body;
      do body = region() + validDate() + seq(); while (checkChar(body) !== 'X');
      inputs.push(body + 'x');
      mix.lowerCaseX++;
    } else {
      inputs.push(region() + validDate().slice(2) + seq());
      mix.legacy15++;
    }
  }
  return { inputs, mix };
}

// --- the contenders -----------------------------------------------------------------------------

// id-validator memoises every id it has seen on its instance: a contender with `make` gets a fresh
// function (here: a fresh instance) for every timed pass, so no pass is timed against a cache that
// earlier passes filled. (Until issue 8's rerun one instance served every pass, and the recorded
// "fastest peer" timed that cache.)
const freshIdValidator = () => new IDValidator();
const BOOLEAN = [
  { lib: 'cnid-verify', call: 'isValidNumber(s)', ours: true, fn: (s) => cnid.isValidNumber(s) },
  { lib: 'cnid-verify/numbers', call: 'isValidNumber(s)', ours: true, fn: (s) => cnidNumbers.isValidNumber(s) },
  { lib: 'id-validator', call: 'isValid(s), fresh instance per pass', make: () => { const v = freshIdValidator(); return (s) => v.isValid(s); } },
  { lib: 'stdnum', call: "stdnum.CN.ric.validate(s).isValid", fn: (s) => stdnum.CN.ric.validate(s).isValid },
  { lib: 'validator', call: "isIdentityCard(s, 'zh-CN')", fn: (s) => validator.isIdentityCard(s, 'zh-CN') },
];
const INFO = [
  { lib: 'cnid-verify', call: 'checkNumber(s) per item', ours: true, fn: (s) => cnid.checkNumber(s).ok },
  { lib: 'cnid-verify', call: 'checkNumbers(all) one call', ours: true, batch: (all) => cnid.checkNumbers(all) },
  { lib: 'cnid-verify/numbers', call: 'checkNumbers(all) one call', ours: true, batch: (all) => cnidNumbers.checkNumbers(all) },
  { lib: 'id-validator', call: 'getInfo(s), fresh instance per pass', make: () => { const v = freshIdValidator(); return (s) => Boolean(v.getInfo(s)); } },
  { lib: 'idcard', call: 'info(s)', fn: (s) => Boolean(idcard.info(s).valid) },
  // Not a peer: the cost of merely allocating NumberReport-shaped objects for the whole batch in plain
  // JS (no validation at all, fields sliced from the input). It bounds what any implementation that
  // returns the full report for every number of a batch can reach on this engine.
  { lib: '(reference)', call: 'plain JS: allocate report-shaped objects only', reference: true, batch: (all) => all.map(reportShaped) },
];

function reportShaped(s) {
  return {
    input: s, ok: true, kind: 'resident18', normalized: s, errors: [], warnings: [],
    info: {
      birthDate: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`, birthCenturyInferred: false,
      sex: 'male', province: { code: s.slice(0, 2), nameZh: '北京', nameEn: 'Beijing' }, nationality: null,
      region: null, checkDigit: { expected: s[17], actual: s[17] },
    },
  };
}

async function runGroup(name, contenders, inputs) {
  const works = contenders.map((c) =>
    c.batch
      ? () => c.batch(inputs).reduce((acc, r) => acc + (r.ok ? 1 : 0), 0)
      : () => {
          const fn = c.make ? c.make() : c.fn;
          let accepted = 0;
          for (let i = 0; i < inputs.length; i++) if (fn(inputs[i])) accepted++;
          return accepted;
        },
  );
  log(`  ${name}: ${contenders.map((c) => `${c.lib} ${c.call}`).join('; ')} (interleaved)`);
  const measured = await measureInterleaved(works, { runs: args.runs, items: inputs.length });
  const rows = contenders.map((c, i) => {
    const m = measured[i];
    const version = c.reference ? '' : versionOf(c.lib.replace(/^cnid-verify\/.*/, 'cnid-verify'));
    return { library: c.lib, version, call: c.call, ours: Boolean(c.ours), reference: Boolean(c.reference), accepted: m.result, ...m };
  });
  const fastestPeer = Math.max(...rows.filter((r) => !r.ours && !r.reference).map((r) => r.perSecond));
  for (const r of rows) r.vsFastestPeer = +(r.perSecond / fastestPeer).toFixed(2);
  return { group: name, rows };
}

function table(group) {
  return markdownTable(
    [
      ['library', 'call', 'numbers/s (median)', 'median ms', '× fastest peer', 'accepted'],
      ...group.rows.map((r) => [
        `${r.ours ? '**' : ''}${r.library}${r.ours ? '**' : ''}${r.version ? ' ' + r.version : ''}`,
        `\`${r.call}\``,
        fmtInt(r.perSecond),
        r.medianMs.toFixed(1),
        `${r.vsFastestPeer.toFixed(2)}×`,
        fmtInt(r.accepted),
      ]),
    ],
    ['l', 'l', 'r', 'r', 'r', 'r'],
  );
}

// --- main --------------------------------------------------------------------------------------

const { inputs, mix } = buildInputs(args.n);
const env = environment();
log(`cnid-verify numbers benchmark: ${fmtInt(inputs.length)} numbers, median of ${args.runs} runs, ${env.node} on ${env.cpu} (${env.cores} cores)`);
log(`mix: ${Object.entries(mix).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ')}`);

const groups = [await runGroup('boolean', BOOLEAN, inputs), await runGroup('info object', INFO, inputs)];

const wasmPath = new URL('../pkg/cnid_verify_bg.wasm', import.meta.url);
const wasmBytes = fs.readFileSync(wasmPath);
const wasm = { file: 'pkg/cnid_verify_bg.wasm', raw: wasmBytes.length, gzip9: zlib.gzipSync(wasmBytes, { level: 9 }).length };

console.log(`\n### Boolean validation (${fmtInt(inputs.length)} mixed mainland numbers)\n`);
console.log(table(groups[0]));
console.log(`\n### Validation with an info object\n`);
console.log(table(groups[1]));
console.log(`\n\`${wasm.file}\`: ${fmtInt(wasm.raw)} bytes raw, ${fmtInt(wasm.gzip9)} bytes gzip -9`);

const results = { benchmark: 'numbers', environment: env, n: inputs.length, runs: args.runs, seed: '0x20261122', mix, groups, wasm };
fs.writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
console.log(`\nraw results: ${args.out instanceof URL ? 'bench/results-numbers.json' : args.out}`);
