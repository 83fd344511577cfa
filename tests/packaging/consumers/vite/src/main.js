// A Vite app importing the package by name: the bundler picks the browser entry (top-level await
// init) and emits the .wasm as an asset from its `new URL(..., import.meta.url)`.
// The test serves dist/ with the fixtures under /fixtures/ and reads window.__result.
import { TrustStore, checkNumber, verifyDump, version } from 'cnid-verify';

async function run() {
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
    consumer: 'vite',
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

run().then(
  (result) => {
    window.__result = result;
    document.getElementById('out').textContent = JSON.stringify(result, null, 2);
  },
  (err) => {
    window.__result = { error: String(err?.stack ?? err) };
    document.getElementById('out').textContent = window.__result.error;
  },
);
