// Node, ESM: `import ... from 'cnid-verify'` resolves to node.mjs through the exports map.
// Usage: node main.js <fixtures dir>; prints the scenario summary as JSON.
import fs from 'node:fs';
import path from 'node:path';
import * as cnid from 'cnid-verify';
import { createVerifierPool } from 'cnid-verify/pool';
import { summarise } from './shared/summary.js';

const fixtures = process.argv[2];
const summary = summarise(cnid, {
  jwks: fs.readFileSync(path.join(fixtures, 'trust', 'test-jwks.json'), 'utf8'),
  dump: new Uint8Array(fs.readFileSync(path.join(fixtures, 'dumps', 'y-jwk.cose'))),
});
// cnid-verify/pool: the same dump on two worker threads.
const pool = createVerifierPool({ threads: 2 });
pool.addJwks(fs.readFileSync(path.join(fixtures, 'trust', 'test-jwks.json'), 'utf8'));
const dump = new Uint8Array(fs.readFileSync(path.join(fixtures, 'dumps', 'y-jwk.cose')));
const pooled = await pool.verifyDumps([dump, dump, dump], { at: 1780272060 * 1000 });
await pool.close();
const poolEntry = path.basename(new URL(import.meta.resolve('cnid-verify/pool')).pathname);
console.log(JSON.stringify({ consumer: 'esm', entry: path.basename(new URL(import.meta.resolve('cnid-verify')).pathname), ...summary, pool: { entry: poolEntry, ok: pooled.map((r) => r.ok) } }));
