// A Vite app importing the package by name: the bundler picks the browser entry (top-level await
// init) and emits the .wasm as an asset from its `new URL(..., import.meta.url)`.
// The test serves dist/ with the fixtures under /fixtures/ and reads window.__result.
import * as cnid from 'cnid-verify';
import { fetchFixtures, summarise, wasmUrls } from '../shared/summary.js';

async function run() {
  const summary = summarise(cnid, await fetchFixtures());
  return { consumer: 'vite', wasmUrls: wasmUrls(), ...summary };
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
