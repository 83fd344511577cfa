// The scenario every page of the matrix runs against the module namespace of one entry, and the
// reporting to window.__result that the test reads. The consumer name comes from
// <html data-consumer="..."> (written per build by build.mjs), so one entry file serves every tool.
import { NUMBER, fetchFixtures, summarise, wasmUrls } from '../shared/summary.js';

/** The full scenario: a number, a trust store from the test JWKS and the y-jwk.cose dump. */
export async function full(cnid, entry) {
  const summary = summarise(cnid, await fetchFixtures());
  return { entry, wasmUrls: wasmUrls(), ...summary };
}

/** The numbers-only scenario (also what the workers run). */
export function numbers(cnid, entry) {
  const r = cnid.checkNumber(NUMBER);
  return {
    entry,
    version: cnid.version(),
    wasmUrls: typeof performance === 'undefined' ? [] : wasmUrls(),
    number: { ok: r.ok, kind: r.kind, normalized: r.normalized },
    hasVerifyDump: typeof cnid.verifyDump === 'function',
  };
}

/** Settles window.__result (and the page text) with the result or the error. */
export function report(promise) {
  const consumer = document.documentElement.dataset.consumer;
  Promise.resolve(promise).then(
    (result) => {
      window.__result = { consumer, ...result };
      document.getElementById('out').textContent = JSON.stringify(window.__result, null, 2);
    },
    (err) => {
      window.__result = { consumer, error: String(err?.stack ?? err), code: err?.code ?? null };
      document.getElementById('out').textContent = window.__result.error;
    },
  );
}

/** Starts a module worker (created by the page's entry) and reports its first message. */
export function reportWorker(worker, entry) {
  report(
    new Promise((resolve, reject) => {
      worker.onmessage = (e) => (e.data?.error ? reject(new Error(`worker: ${e.data.error}`)) : resolve({ entry, worker: e.data }));
      worker.onerror = (e) => reject(new Error(`worker error: ${e.message ?? e}`));
    }),
  );
}
