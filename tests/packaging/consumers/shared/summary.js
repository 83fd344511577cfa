// The scenario every consumer runs, as one pure function over an entry's API: the check of a
// specimen number and, for the full entries, a trust store from the test JWK set and the signed
// y-jwk.cose dump verified at the fixture time. Loading the two fixture files is the consumer's job
// (fetch in pages, fs in Node). makeConsumer (tests/packaging/lib.mjs) copies this folder into every
// consumer as shared/. An ES module: the Jest consumer (CommonJS, which cannot import it without
// --experimental-vm-modules) keeps the one other copy of these lines.
export const NUMBER = '911124198108030024';
export const AT = new Date(1780272060 * 1000);

/** The summary assertScenario() checks; `fixtures` = { jwks: text, dump: Uint8Array } for full entries. */
export function summarise(api, fixtures) {
  const number = api.checkNumber(NUMBER);
  const summary = {
    version: api.version(),
    number: { ok: number.ok, kind: number.kind, normalized: number.normalized, nationality: number.info?.nationality?.alpha3 ?? null },
  };
  if (fixtures) {
    const trust = new api.TrustStore();
    const added = trust.addJwks(fixtures.jwks);
    const report = api.verifyDump(fixtures.dump, trust, { at: AT, maxAgeSeconds: 600 });
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

/** The fixtures as a page fetches them (served under /fixtures/). */
export async function fetchFixtures() {
  const [dump, jwks] = await Promise.all([
    fetch('/fixtures/dumps/y-jwk.cose').then((r) => r.arrayBuffer()),
    fetch('/fixtures/trust/test-jwks.json').then((r) => r.text()),
  ]);
  return { dump: new Uint8Array(dump), jwks };
}

/** The .wasm files a page has fetched so far. */
export function wasmUrls() {
  return performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm'));
}
