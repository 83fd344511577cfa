// Node, ESM: `import ... from 'cnid-verify'` resolves to node.mjs through the exports map.
// Usage: node main.js <fixtures dir>; prints the scenario summary as JSON.
import fs from 'node:fs';
import path from 'node:path';
import * as cnid from 'cnid-verify';
import { summarise } from './shared/summary.js';

const fixtures = process.argv[2];
const summary = summarise(cnid, {
  jwks: fs.readFileSync(path.join(fixtures, 'trust', 'test-jwks.json'), 'utf8'),
  dump: new Uint8Array(fs.readFileSync(path.join(fixtures, 'dumps', 'y-jwk.cose'))),
});
console.log(JSON.stringify({ consumer: 'esm', entry: path.basename(new URL(import.meta.resolve('cnid-verify')).pathname), ...summary }));
