// The packaging scenario run inside Jest (CommonJS: Jest's default mode): the full API's check of a
// specimen number, a JWK set and a signed dump verified at the fixture time, and the numbers-only
// entry's check. Each test records its summary as JSON in $CNID_RESULTS/<run>-<tag>[-numbers].json
// ($CNID_RUN names the Jest run: release and recipe) for tests/packaging/runners.test.mjs, which
// asserts it (assertScenario); the expect()s below fail the Jest run itself on a wrong result.
// Shared by this project (Jest 30) and jest29/ (whose config runs these very files).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const fixtures = process.env.CNID_FIXTURES;
const results = process.env.CNID_RESULTS;

function summarise(consumer, api, entry) {
  const number = api.checkNumber('911124198108030024');
  const summary = {
    consumer,
    entry: path.basename(entry),
    version: api.version(),
    number: { ok: number.ok, kind: number.kind, normalized: number.normalized, nationality: number.info?.nationality?.alpha3 ?? null },
  };
  if (api.TrustStore) {
    const trust = new api.TrustStore();
    const added = trust.addJwks(fs.readFileSync(path.join(fixtures, 'trust', 'test-jwks.json'), 'utf8'));
    // A Uint8Array of this realm (under jsdom, the environment's own globals), as an app would pass.
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, 'dumps', 'y-jwk.cose')));
    const report = api.verifyDump(bytes, trust, { at: new Date(1780272060 * 1000), maxAgeSeconds: 600 });
    trust.free();
    summary.trustAdded = added.added;
    summary.dump = {
      ok: report.ok,
      verified: report.verified,
      checks: Object.fromEntries(report.checks.map((c) => [c.id, c.status])),
      cardNumber: report.card?.number ?? null,
      cardName: report.card?.name ?? null,
    };
  }
  return summary;
}

/** The environment as the test sees it: jsdom's user agent names its version. */
function environment() {
  return typeof window === 'undefined'
    ? { window: false }
    : { window: typeof document.createElement === 'function', userAgent: navigator.userAgent };
}

/** Declares the tests of one test file: `tag` names its recorded summaries. */
function scenarioTests(tag) {
  const prefix = `${process.env.CNID_RUN}-${tag}`;
  const extra = { environment: environment() };
  test('cnid-verify: number, trust store and signed dump', () => {
    const api = require('cnid-verify');
    const s = summarise(prefix, api, require.resolve('cnid-verify'));
    Object.assign(s, extra);
    fs.writeFileSync(path.join(results, `${prefix}.json`), JSON.stringify(s));
    expect(s.number).toEqual({ ok: true, kind: 'fpr18', normalized: '911124198108030024', nationality: 'CAN' });
    expect(s.trustAdded).toBe(3);
    expect(s.dump.ok && s.dump.verified).toBe(true);
  });
  test('cnid-verify/numbers: number', async () => {
    const api = require('cnid-verify/numbers');
    await api.init(); // resolves at once on the self-initialising entries
    const s = summarise(`${prefix}-numbers`, api, require.resolve('cnid-verify/numbers'));
    Object.assign(s, extra);
    fs.writeFileSync(path.join(results, `${prefix}-numbers.json`), JSON.stringify(s));
    expect(s.number.ok).toBe(true);
    expect(s.number.kind).toBe('fpr18');
    // One instance per entry in a test file's module registry.
    expect(require('cnid-verify/numbers')).toBe(api);
  });
}

module.exports = { scenarioTests };
