// Resource-limit benchmark: what the inputs that used to cost quadratic work cost now.
//
//   node limits.mjs [path/to/node.cjs]     (default: the built package, ../pkg/node.cjs)
//
// Runs against any build of the package, so the same command measures an older build too
// (BENCHMARKS.md, "Limits and linear cost"). Three cases from issue 8:
//   * CBOR: an unsigned 24 KB dump of three 2,040-key maps (protected header, unprotected header,
//     payload) vs. a benign 60 KB dump, per verifyDump (median of 20 after a warm-up);
//   * 40,000 revokeKid calls with 110-byte kids;
//   * 10 addJwks calls of 1,000 keys with 250-byte kids, then kids().
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const api = require(process.argv[2] ?? new URL('../pkg/node.cjs', import.meta.url).pathname);

function head(major, n) {
  if (n < 24) return [(major << 5) | n];
  if (n < 256) return [(major << 5) | 24, n];
  return [(major << 5) | 25, n >> 8, n & 255];
}
const bstr = (bytes) => [...head(2, bytes.length), ...bytes];
function bigMap(n) {
  const out = [...head(5, n)];
  for (let i = 0; i < n; i++) out.push(...head(0, i + 100), 0);
  return out;
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cbor() {
  const m = bigMap(2040);
  const hostile = new Uint8Array([0x84, ...bstr(m), ...m, ...bstr(m), ...bstr(new Array(64).fill(1))]);
  const benign = new Uint8Array([0x84, ...bstr([0xa1, 0x01, 0x26]), 0xa0, ...bstr(new Array(60000).fill(0)), ...bstr(new Array(64).fill(1))]);
  const store = new api.TrustStore();
  const time = (bytes) => {
    for (let i = 0; i < 3; i++) api.verifyDump(bytes, store, { at: 0 });
    const t = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      api.verifyDump(bytes, store, { at: 0 });
      t.push(performance.now() - s);
    }
    return median(t);
  };
  const h = time(hostile);
  const b = time(benign);
  return `| CBOR: verifyDump of a ${hostile.length} B dump with three 2,040-key maps | ${h.toFixed(2)} ms (benign ${benign.length} B dump: ${b.toFixed(3)} ms) |`;
}

function revokeKids() {
  const store = new api.TrustStore();
  const s = performance.now();
  for (let i = 0; i < 40000; i++) store.revokeKid(`kid-${i}-${'x'.repeat(100)}`);
  return `| 40,000 revokeKid (110-byte kids) | ${(performance.now() - s).toFixed(0)} ms |`;
}

function jwks() {
  const file = new URL('../tests/fixtures/trust/test-jwks.json', import.meta.url);
  const base = JSON.parse(fs.readFileSync(file, 'utf8')).keys.find((k) => k.kty === 'EC');
  const store = new api.TrustStore();
  let s = performance.now();
  for (let set = 0; set < 10; set++) {
    const keys = [];
    for (let i = 0; i < 1000; i++) keys.push({ ...base, kid: `${set}-${i}-`.padEnd(250, 'k') });
    store.addJwks({ keys });
  }
  const add = performance.now() - s;
  s = performance.now();
  const n = store.kids().length;
  return `| 10 x addJwks of 1,000 keys (250-byte kids); kids() of ${n} | ${add.toFixed(0)} ms; ${(performance.now() - s).toFixed(0)} ms |`;
}

console.log(`cnid-verify ${api.version()} limits benchmark (${process.version})\n`);
console.log('| case | time |\n|---|---:|');
for (const run of [cbor, revokeKids, jwks]) console.log(run());
