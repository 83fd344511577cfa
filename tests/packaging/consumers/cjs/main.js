// Node, CommonJS: `require('cnid-verify')` resolves to node.cjs through the exports map.
// Usage: node main.js <fixtures dir>; prints the scenario summary as JSON.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { TrustStore, checkNumber, verifyDump, version } = require('cnid-verify');

const fixtures = process.argv[2];
const number = checkNumber('911124198108030024');
const trust = new TrustStore();
const added = trust.addJwks(fs.readFileSync(path.join(fixtures, 'trust', 'test-jwks.json'), 'utf8'));
const report = verifyDump(fs.readFileSync(path.join(fixtures, 'dumps', 'y-jwk.cose')), trust, {
  at: new Date(1780272060 * 1000),
  maxAgeSeconds: 600,
});
trust.free();
console.log(
  JSON.stringify({
    consumer: 'cjs',
    entry: path.basename(require.resolve('cnid-verify')),
    version: version(),
    number: { ok: number.ok, kind: number.kind, normalized: number.normalized, nationality: number.info?.nationality?.alpha3 ?? null },
    trustAdded: added.added,
    dump: {
      ok: report.ok,
      verified: report.verified,
      checks: Object.fromEntries(report.checks.map((c) => [c.id, c.status])),
      cardNumber: report.card?.number ?? null,
      cardName: report.card?.name ?? null,
    },
  }),
);
