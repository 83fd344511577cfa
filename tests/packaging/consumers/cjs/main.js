// Node, CommonJS: `require('cnid-verify')` resolves to node.cjs through the exports map.
// Usage: node main.js <fixtures dir>; prints the scenario summary as JSON.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const cnid = require('cnid-verify');

const fixtures = process.argv[2];
import('./shared/summary.js').then(({ summarise }) => {
  const summary = summarise(cnid, {
    jwks: fs.readFileSync(path.join(fixtures, 'trust', 'test-jwks.json'), 'utf8'),
    dump: fs.readFileSync(path.join(fixtures, 'dumps', 'y-jwk.cose')),
  });
  // cnid-verify/pool: the same dump on two worker threads.
  const { createVerifierPool } = require('cnid-verify/pool');
  const pool = createVerifierPool({ threads: 2 });
  pool.addJwks(fs.readFileSync(path.join(fixtures, 'trust', 'test-jwks.json'), 'utf8'));
  const dump = fs.readFileSync(path.join(fixtures, 'dumps', 'y-jwk.cose'));
  return pool.verifyDumps([dump, dump, dump], { at: 1780272060 * 1000 }).then(async (pooled) => {
    await pool.close();
    const poolInfo = { entry: path.basename(require.resolve('cnid-verify/pool')), ok: pooled.map((r) => r.ok) };
    console.log(JSON.stringify({ consumer: 'cjs', entry: path.basename(require.resolve('cnid-verify')), ...summary, pool: poolInfo }));
  });
});
