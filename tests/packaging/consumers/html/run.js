// Shared by index.html (imports ./node_modules/cnid-verify/browser.js by path) and importmap.html
// (imports 'cnid-verify' through an import map): the same scenario against the module namespace.
import { fetchFixtures, summarise, wasmUrls } from './shared/summary.js';

export async function run(cnid, consumer) {
  const summary = summarise(cnid, await fetchFixtures());
  return { consumer, wasmUrls: wasmUrls(), ...summary };
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
