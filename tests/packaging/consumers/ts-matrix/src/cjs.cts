// The CommonJS side under node16 / nodenext (a .cts file: exports `node` + `require` types ->
// index.d.cts, numbers.d.cts). The explicit-init entries are ESM only: a require() of them is an error.
import cnid = require('cnid-verify');
import numbers = require('cnid-verify/numbers');

export function scenario(dump: Uint8Array, jwks: object): { ok: boolean; kind: cnid.NumberKind | null; verified: boolean } {
  const number: cnid.NumberReport = cnid.checkNumber('911124198108030024');
  const trust = new cnid.TrustStore();
  const added: cnid.AddJwksResult = trust.addJwks(jwks);
  const report = cnid.verifyDump(dump, trust, { at: 1780272060 * 1000, maxAgeSeconds: 600 });
  trust.free();
  return { ok: number.ok && added.added === 3, kind: number.kind, verified: report.verified };
}

export const quick: boolean = numbers.isValidNumber('911124198108030024');
export const ready: Promise<void> = numbers.init();
// @ts-expect-error not a NumberKind
export const badKind: numbers.NumberKind = 'passport';
