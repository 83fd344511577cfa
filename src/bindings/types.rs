//! The package's TypeScript declarations (wasm-bindgen emits them into the `.d.ts`; the raw exports
//! are `skip_typescript`, the `TrustStore` class is the JS facade's, `js/facade.js`).
//!
//! The report types and code unions are generated from the Rust types (`generated/*.d.ts`, by
//! `src/core/typescript.rs`; `cargo test` fails when they are stale). Only the function
//! signatures, the options the bindings read and the misuse error codes are written here by hand.
//! The Node tests type-check a consumer against the result.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const NUMBER_REPORT_TYPES: &'static str = include_str!("generated/number-types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const NUMBER_API: &'static str = r#"
export interface NumberOptions {
  /** Only trim: no case, width, space or hyphen folding (e.g. banks that need an exact upper-case X). */
  strict?: boolean;
  /** Check date for birth dates (default: today in China Standard Time). */
  at?: Date | number | string;
  /** Severity of an fpr15 check-digit mismatch (the ICAO 7-3-1 rule is not confirmed). Default "error". */
  fpr15CheckDigit?: "error" | "warning";
  /**
   * The kinds the field accepts (at least one); a number of another kind gets KIND_NOT_ALLOWED.
   * Default: every kind but "tw_pass", which is opt-in: an 8- or 10-digit input is recognised as a
   * Taiwan pass number only when this list includes "tw_pass" (otherwise it is LENGTH).
   */
  kinds?: readonly NumberKind[];
  /** The language of the messages: "en" (default) or "zh-CN". Codes and params do not change. */
  locale?: Locale;
}

/**
 * Validates one number and explains the result. Never throws for bad numbers (they are reports);
 * throws a CnidError (TypeError, code INVALID_ARGUMENT / INVALID_OPTION) when `input` is not a string
 * or an option is unknown or malformed.
 */
export function checkNumber(input: string, options?: NumberOptions): NumberReport;
/** Validates many numbers in one boundary crossing; reports are in input order. */
export function checkNumbers(inputs: readonly string[], options?: NumberOptions): NumberReport[];
/**
 * The fast path: true when `input` is a valid number of any recognised kind. An absent value
 * (undefined, null: an empty form field) is false; another non-string throws INVALID_ARGUMENT.
 */
export function isValidNumber(input: string | null | undefined, options?: NumberOptions): boolean;
/** As an array callback (`list.filter(isValidNumber)`): the index and the list are ignored. */
export function isValidNumber(input: string | null | undefined, index: number, list?: readonly unknown[]): boolean;
/**
 * As a validation library's test (yup's `test(value, context)`): a context object (it carries
 * functions and no option name) is ignored. An object with an option name is options, checked in full.
 */
export function isValidNumber(input: string | null | undefined, context: object): boolean;
/**
 * The 18-character form of a valid legacy 15-digit resident number (`19` inserted before the year, the
 * MOD 11-2 check character appended), or null when `input` is not a valid resident15. The mechanical
 * conversion: where the address code has changed since, the number actually issued may differ.
 */
export function upgradeResident15(input: string, options?: NumberOptions): string | null;
/**
 * The earlier 15-character foreign permanent resident number (fpr15) of a holder of a 2023 card:
 * rebuilt from the valid fpr18 number and the chip's 3-digit association item
 * (docs/spec/card-formats.md §1.7). null when `fpr18Number` is not a valid fpr18 under `options`,
 * or the item names no earlier card (blank, "000", or not three digits).
 */
export function rebuildFpr15(fpr18Number: string, associationItem: string, options?: NumberOptions): string | null;
/**
 * Age in completed years, in China Standard Time, on `date` (a Date, epoch milliseconds or
 * "YYYY-MM-DD", as the `at` option; default today): of a number (validated with `at: date`) or of a
 * report from checkNumber. null when the number or report is not valid, or the birth is after `date`.
 */
export function ageAt(numberOrReport: string | NumberReport, date?: Date | number | string): number | null;
export interface MaskOptions {
  /** Characters shown at the start (default 4). */
  keepStart?: number;
  /** Characters shown at the end (default 4). */
  keepEnd?: number;
  /** One character shown for each hidden one (default "*"). */
  maskChar?: string;
}
/**
 * The display form of any string (`1101**********002X`): its lenient normalisation with all but the
 * first `keepStart` and last `keepEnd` characters masked; a string of at most keepStart + keepEnd
 * characters is masked entirely. Never throws for a string.
 */
export function maskNumber(input: string, options?: MaskOptions): string;
/** A regular expression for `<input pattern>`: the compact shapes of every kind. Shape only: no check digit. */
export const NUMBER_PATTERN: string;
"#;

/// generateNumber (the `generate` feature: the full build only).
#[cfg(feature = "generate")]
#[wasm_bindgen(typescript_custom_section)]
const GENERATE_API: &'static str = r#"
export interface GenerateOptions {
  kind: NumberKind;
  /** Required: the same options and seed give the same number (an integer, 0 to Number.MAX_SAFE_INTEGER). */
  seed: number;
  /** Default: drawn from 1950-01-01..1999-12-31. */
  birthDate?: Date | number | string;
  /** Not for fpr15 (it does not encode sex). */
  sex?: "male" | "female";
  /** Two-digit GB/T 2260 code, not for hmt18 (default: a mainland code). */
  province?: string | number;
  /** hmt18 only. */
  region?: "HK" | "MO" | "TW";
  /** fpr18 and fpr15 only: ISO 3166-1 alpha-3 ("CAN") or numeric ("124"); not China. */
  nationality?: string;
}
/**
 * A valid number of `kind` for TEST DATA, deterministic for the options (seed included). It is a
 * valid number that may belong to a real person. INVALID_OPTION for a field the kind does not have
 * or a value it cannot hold.
 */
export function generateNumber(options: GenerateOptions): string;
"#;

/// Misuse error codes of the numbers-only build (generated; the full build's are in the dump types).
#[cfg(not(feature = "dumps"))]
#[wasm_bindgen(typescript_custom_section)]
const ERROR_TYPES: &'static str = include_str!("generated/number-errors.d.ts");

/// Chip, dump and trust report types (generated).
#[cfg(feature = "dumps")]
#[wasm_bindgen(typescript_custom_section)]
const DUMP_REPORT_TYPES: &'static str = include_str!("generated/dump-types.d.ts");

/// Chip, dump and trust functions, and the misuse codes of the full build.
#[cfg(feature = "dumps")]
#[wasm_bindgen(typescript_custom_section)]
const DUMP_API: &'static str = r#"
export interface VerifyOptions {
  /** Verification time (default now). */
  at?: Date | number;
  /** The challenge handed to the reader; the dump must carry exactly this nonce. */
  expectedNonce?: Uint8Array;
  /** Maximum age of readAt in seconds (default 600); null accepts archived dumps. */
  maxAgeSeconds?: number | null;
  /** Allowed clock skew for readAt in the future (default 300). */
  clockSkewSeconds?: number;
  /** External AAD agreed with the readers (default empty). */
  externalAad?: Uint8Array;
  /** Fail SIGNER when a CA certificate (cA=TRUE) signs the dump directly (default: a SIGNER_IS_CA warning). */
  rejectCaSigner?: boolean;
  /** Fail SIGNER when the x5chain is unprotected and no protected x5t binds it (default false). */
  requireSignedX5chain?: boolean;
  /** The language of the messages (checks, warnings, card.numberReport): "en" (default) or "zh-CN". Ids, reasons and codes do not change. */
  locale?: Locale;
  /**
   * Who runs the curve step of the signature and certificate-link checks: "auto" (default:
   * node:crypto in Node; WebCrypto for verifyDumpAsync/verifyDumpsAsync where the page has it; the
   * built-in p256 otherwise) or "wasm" (always the built-in p256). Same verdicts either way.
   */
  engine?: "auto" | "wasm";
}

/** Options of TrustStore.addTrustList. */
export interface TrustListOptions {
  /** The app's pinned list-signing keys and/or CA certificates: a TrustStore other than the one the list goes into. */
  signers: TrustStore;
  /** Reject a list older than this sequence (the last one the app accepted: rollback protection across restarts). */
  minSequence?: number;
  /** Verification time: a Date or epoch milliseconds (default now). */
  at?: Date | number;
  /** The language of thrown errors and warnings. */
  locale?: Locale;
}

/** Options of parseChipText and of the TrustStore methods. */
export interface MessageOptions {
  /** The language of the messages (warnings, and thrown CnidErrors): "en" (default) or "zh-CN". Codes do not change. */
  locale?: Locale;
}
/** Options of parseChipText. */
export type ChipTextOptions = MessageOptions;

/**
 * Verifies one signed chip dump (COSE_Sign1 / ES256) against the app's trust store. Bad dumps are
 * reports (ok: false, with the failing check); misuse throws a CnidError.
 */
export function verifyDump(bytes: Uint8Array, trust: TrustStore, options?: VerifyOptions): DumpReport;
/** Verifies many dumps with the same trust store and options; reports are in input order. */
export function verifyDumps(list: readonly Uint8Array[], trust: TrustStore, options?: VerifyOptions): DumpReport[];
/**
 * verifyDump with the curve steps on the host's asynchronous crypto: WebCrypto in browsers and
 * bundlers (the built-in p256 where there is none); in Node the synchronous node:crypto path.
 * Same verdicts and report as verifyDump; misuse rejects with a CnidError.
 */
export function verifyDumpAsync(bytes: Uint8Array, trust: TrustStore, options?: VerifyOptions): Promise<DumpReport>;
/** verifyDumps on the host's asynchronous crypto: every signature of the batch in flight together. */
export function verifyDumpsAsync(
  list: readonly Uint8Array[],
  trust: TrustStore,
  options?: VerifyOptions,
): Promise<DumpReport[]>;

/**
 * Trust material supplied by the app: JWK sets, X.509 anchors, revocation data and signed trust lists.
 * Nothing is trusted by default. What the app adds itself is append-only; a newer version of a trust
 * list replaces that list's keys and anchors. Revocation revokes keys on every path, and is never
 * undone (see docs/signed-dumps.md, docs/spec/trust-list.md).
 */
export class TrustStore {
  constructor();
  /** Adds the EC P-256 keys of a JWK set (JSON text or an object); unusable keys are skipped with a warning. */
  addJwks(jwks: string | object, options?: MessageOptions): AddJwksResult;
  /**
   * Adds X.509 trust anchors: PEM text (every CERTIFICATE block) or one DER certificate. Returns how many were added.
   * `options.locale` is the language of its errors.
   */
  addCertificate(pemOrDer: string | Uint8Array, options?: MessageOptions): number;
  /** Revokes a kid: dumps naming it, and dumps signed by any key trusted under it (on any path), fail REVOCATION. */
  revokeKid(kid: string, options?: MessageOptions): RevokeResult;
  /** Revokes the certificate with this serial issued by `issuerCertificate` (X.509 paths; a label, not a key). */
  revokeSerial(issuerCertificate: string | Uint8Array, serialHex: string, options?: MessageOptions): RevokeResult;
  /** Revokes this serial under every issuer. */
  revokeSerialAnyIssuer(serialHex: string, options?: MessageOptions): RevokeResult;
  /** Revokes a certificate: its issuer + serial and its public key, on every path (JWK paths included). */
  revokeCertificate(pemOrDer: string | Uint8Array, options?: MessageOptions): RevokeResult;
  /**
   * Adds a signed trust list (docs/spec/trust-list.md) verified with `options.signers`, the app's
   * pinned list signers (another TrustStore). All or nothing: a rejected list throws a CnidError with
   * a TRUST_LIST_* code (MALFORMED, ALGORITHM, SIGNER, SIGNATURE, NOT_YET_VALID, EXPIRED, ROLLBACK,
   * CONFLICT) and changes nothing. A newer version of a list replaces that list's keys and anchors;
   * revocations stay in force.
   */
  addTrustList(bytes: Uint8Array, options: TrustListOptions): TrustListResult;
  readonly keyCount: number;
  readonly anchorCount: number;
  kids(): string[];
  anchors(): CertInfo[];
  revokedKids(): string[];
  revokedSerials(): RevokedSerial[];
  /** RFC 7638 thumbprints of the keys revoked with revokeCertificate. */
  revokedKeys(): string[];
  /** Releases the store; later calls with it throw INVALID_TRUST_STORE. Idempotent. */
  free(): void;
  [Symbol.dispose](): void;
}

"#;
