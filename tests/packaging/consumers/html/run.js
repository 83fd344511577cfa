// Shared by index.html (imports ./node_modules/cnid-verify/browser.js by path) and importmap.html
// (imports 'cnid-verify' through an import map): the same scenario against the module namespace.
export async function run(cnid, consumer) {
  const { TrustStore, checkNumber, verifyDump, version } = cnid;
  const number = checkNumber('911124198108030024');
  const [dump, jwks] = await Promise.all([
    fetch('/fixtures/dumps/y-jwk.cose').then((r) => r.arrayBuffer()),
    fetch('/fixtures/trust/test-jwks.json').then((r) => r.text()),
  ]);
  const trust = new TrustStore();
  const added = trust.addJwks(jwks);
  const report = verifyDump(new Uint8Array(dump), trust, { at: new Date(1780272060 * 1000), maxAgeSeconds: 600 });
  trust.free();
  return {
    consumer,
    version: version(),
    wasmUrls: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')),
    number: { ok: number.ok, kind: number.kind, normalized: number.normalized, nationality: number.info?.nationality?.alpha3 ?? null },
    trustAdded: added.added,
    dump: {
      ok: report.ok,
      verified: report.verified,
      checks: Object.fromEntries(report.checks.map((c) => [c.id, c.status])),
      cardNumber: report.card?.number ?? null,
      cardName: report.card?.name ?? null,
    },
  };
}

export function report(promise) {
  promise.then(
    (result) => {
      window.__result = result;
      document.getElementById('out').textContent = JSON.stringify(result, null, 2);
    },
    (err) => {
      window.__result = { error: String(err?.stack ?? err) };
      document.getElementById('out').textContent = window.__result.error;
    },
  );
}
