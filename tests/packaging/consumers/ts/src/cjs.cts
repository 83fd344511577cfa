// Node CommonJS resolution (exports: node.require.types -> index.d.cts).
import cnid = require('cnid-verify');

const report: cnid.NumberReport = cnid.checkNumber('KAZ110090123105');
export const inferred: boolean = report.info !== null && report.info.birthCenturyInferred;
export const store: cnid.TrustStore = new cnid.TrustStore();
export const kids: string[] = store.kids();
export function verify(dump: Uint8Array): cnid.DumpReport {
  return cnid.verifyDump(dump, store, { at: 1780272060 * 1000, maxAgeSeconds: null });
}
// @ts-expect-error not a NumberKind
export const badKind: cnid.NumberKind = 'passport';

// cnid-verify/pool from CommonJS (exports: ./pool require.types -> pool.d.cts).
import poolApi = require('cnid-verify/pool');
export const pool: poolApi.VerifierPool = poolApi.createVerifierPool();
export const pooled: Promise<cnid.DumpReport> = pool.verifyDump(new Uint8Array());
