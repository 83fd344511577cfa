// Node ESM resolution (exports: node.import.types -> index.d.ts).
import {
  TrustStore,
  checkNumber,
  checkNumbers,
  isValidNumber,
  verifyDump,
  version,
  type Check,
  type CheckId,
  type DumpReport,
  type NumberKind,
  type NumberReport,
  type VerifyOptions,
} from 'cnid-verify';

export interface Summary {
  numberOk: boolean;
  kind: NumberKind | null;
  dumpOk: boolean;
  failed: CheckId[];
  cardNumber: string | null;
}

export function scenario(dump: Uint8Array, jwks: string): Summary {
  const number: NumberReport = checkNumber('911124198108030024');
  const nationality: string | undefined = number.info?.nationality?.nameEn;
  void nationality;
  const trust = new TrustStore();
  const added: number = trust.addJwks(jwks).added;
  void added;
  const options: VerifyOptions = { at: new Date(1780272060 * 1000), maxAgeSeconds: 600 };
  const report: DumpReport = verifyDump(dump, trust, options);
  trust.free();
  const failed = report.checks.filter((c: Check) => c.status === 'failed').map((c) => c.id);
  return {
    numberOk: number.ok,
    kind: number.kind,
    dumpOk: report.ok && report.verified,
    failed,
    cardNumber: report.card ? report.card.number : null,
  };
}

export const many: boolean[] = checkNumbers(['911124198108030024', 'KAZ110090123105']).map((r) => r.ok);
export const quick: boolean = isValidNumber('11010519491231002X', { strict: true });
export const ver: string = version();

// The types are real, not `any`: each line below must be a type error.
// @ts-expect-error checkNumber takes a string
checkNumber(911124198108030024);
// @ts-expect-error unknown option (excess property)
checkNumber('911124198108030024', { strictt: true });
// @ts-expect-error not a NumberKind
export const badKind: NumberKind = 'passport';
// @ts-expect-error not a CheckId
export const badCheck: CheckId = 'SIGNATURES';
// @ts-expect-error verifyDump needs a TrustStore
verifyDump(new Uint8Array(), {});
// @ts-expect-error maxAgeSeconds is a number or null
verifyDump(new Uint8Array(), new TrustStore(), { maxAgeSeconds: '600' });

// cnid-verify/pool (exports: ./pool import.types -> pool.d.ts): the TrustStore's signatures, async reports.
import { createVerifierPool, type PoolErrorCode, type VerifierPool } from 'cnid-verify/pool';
export const pool: VerifierPool = createVerifierPool({ threads: 2 });
export const poolAdded: number = pool.addJwks('{"keys":[]}').added;
export const pooled: Promise<DumpReport[]> = pool.verifyDumps([new Uint8Array()], { at: new Date() });
export const closedCode: PoolErrorCode = 'POOL_CLOSED';
// @ts-expect-error threads is a number
createVerifierPool({ threads: '2' });
// @ts-expect-error verifyDumps of the pool takes no TrustStore
pool.verifyDumps([new Uint8Array()], new TrustStore());
