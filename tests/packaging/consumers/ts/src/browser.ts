// Bundler resolution (exports: import.types -> index.d.ts), with the DOM lib: the browser entry,
// plus the explicit wasm-bindgen `web` target of the package.
import { TrustStore, checkNumber, verifyDump, type DumpReport } from 'cnid-verify';
import init, { checkNumber as webCheckNumber } from 'cnid-verify/web';

export async function scenario(): Promise<DumpReport> {
  const [dump, jwks] = await Promise.all([
    fetch('/fixtures/dumps/y-jwk.cose').then((r) => r.arrayBuffer()),
    fetch('/fixtures/trust/test-jwks.json').then((r) => r.json() as Promise<object>),
  ]);
  const trust = new TrustStore();
  trust.addJwks(jwks);
  const at = new Date(1780272060 * 1000);
  const report = verifyDump(new Uint8Array(dump), trust, { at, maxAgeSeconds: 600 });
  trust.free();
  return report;
}

export async function viaWebTarget(): Promise<boolean> {
  await init();
  return webCheckNumber('911124198108030024').ok && checkNumber('911124198108030024').ok;
}
