// The self-initialising ESM entries, `cnid-verify` and `cnid-verify/numbers`: an .mts file, so
// node16 / nodenext take the exports map's `node` + `import` types and bundler the `import` ones.
// Every result is used through its declared type; the @ts-expect-error lines prove they are not `any`.
import { TrustStore, checkNumber, init, verifyDump, version, type DumpReport, type NumberKind } from 'cnid-verify';
import * as numbers from 'cnid-verify/numbers';

export interface Summary {
  ok: boolean;
  kind: NumberKind | null;
  nationality: string | null;
  trustAdded: number;
  dumpOk: boolean;
  failed: string[];
  cardNumber: string | null;
  version: string;
}

/** The full scenario with the root entry (init() resolves at once: for code shared with /web). */
export async function scenario(dump: Uint8Array, jwks: string): Promise<Summary> {
  await init();
  const number = checkNumber('911124198108030024');
  const trust = new TrustStore();
  const added = trust.addJwks(jwks);
  const report: DumpReport = verifyDump(dump, trust, { at: new Date(1780272060 * 1000), maxAgeSeconds: 600 });
  trust.free();
  return {
    ok: number.ok,
    kind: number.kind,
    nationality: number.info?.nationality?.alpha3 ?? null,
    trustAdded: added.added,
    dumpOk: report.ok && report.verified,
    failed: report.checks.filter((c) => c.status === 'failed').map((c) => c.id),
    cardNumber: report.card ? report.card.number : null,
    version: version(),
  };
}

/** The numbers-only entry (self-initialising too). */
export async function numbersOnly(input: string): Promise<NumberKind | null> {
  await numbers.init();
  const r: numbers.NumberReport = numbers.checkNumber(input, { strict: true });
  return r.ok ? r.kind : null;
}

// @ts-expect-error checkNumber takes a string
checkNumber(911124198108030024);
// @ts-expect-error not a NumberKind
export const badKind: NumberKind = 'passport';
// @ts-expect-error the numbers entry has no TrustStore
export const noStore = numbers.TrustStore;
// @ts-expect-error maxAgeSeconds is a number or null
verifyDump(new Uint8Array(), new TrustStore(), { maxAgeSeconds: '600' });
