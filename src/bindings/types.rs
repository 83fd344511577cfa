//! Hand-written TypeScript types for the reports and the public API
//! (wasm-bindgen emits them into the generated `.d.ts`; the raw exports are
//! `skip_typescript`, the `TrustStore` class is the JS facade's,
//! `js/facade.js`). Keep in step with the serde shapes in `crate::core`; the
//! Node tests type-check a consumer against them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const NUMBER_TYPES: &'static str = r#"
/** Number kinds, recognised by length and shape. */
export type NumberKind = "fpr18" | "fpr15" | "resident18" | "resident15" | "hmt18";

/** Stable error codes of a number report. */
export type NumberErrorCode =
  | "EMPTY" | "LENGTH" | "CHARACTER" | "FORMAT" | "CHECK_DIGIT" | "BIRTH_DATE" | "REGION" | "NATIONALITY";

/** Stable warning codes of a number report. */
export type NumberWarningCode =
  | "CHECK_DIGIT" | "BIRTH_CENTURY_INFERRED" | "LEGACY_NUMBER" | "NATIONALITY_UNUSUAL";

export interface Issue<C extends string = string> { code: C; message: string; }

export interface NumberOptions {
  /** Only trim: no case, width, space or hyphen folding (e.g. banks that need an exact upper-case X). */
  strict?: boolean;
  /** Check date for birth dates (default: today in China Standard Time). */
  at?: Date | number | string;
  /** Severity of an fpr15 check-digit mismatch (the ICAO 7-3-1 rule is not confirmed). Default "error". */
  fpr15CheckDigit?: "error" | "warning";
}

/** Table entries are frozen objects shared between reports. */
export interface ProvinceInfo { readonly code: string; readonly nameZh: string; readonly nameEn: string; }
/** Table entries are frozen objects shared between reports. */
export interface NationalityInfo {
  readonly alpha3: string; readonly numeric: string; readonly nameEn: string; readonly nameZh: string;
}
/** Frozen and shared between reports. */
export interface CheckDigitInfo { readonly expected: string; readonly actual: string; }

export interface NumberInfo {
  /** "YYYY-MM-DD" when the digits form a calendar date. */
  birthDate: string | null;
  /** True when the century was inferred (fpr15 stores a two-digit year). */
  birthCenturyInferred: boolean;
  sex: "male" | "female" | null;
  province: ProvinceInfo | null;
  nationality: NationalityInfo | null;
  region: "HK" | "MO" | "TW" | null;
  checkDigit: CheckDigitInfo | null;
}

export interface NumberReport {
  input: string;
  ok: boolean;
  kind: NumberKind | null;
  normalized: string;
  errors: Issue<NumberErrorCode>[];
  warnings: Issue<NumberWarningCode>[];
  info: NumberInfo | null;
}

/**
 * Validates one number and explains the result. Never throws for bad numbers (they are reports);
 * throws a CnidError (TypeError, code INVALID_ARGUMENT / INVALID_OPTION) when `input` is not a string
 * or an option is unknown or malformed.
 */
export function checkNumber(input: string, options?: NumberOptions): NumberReport;
/** Validates many numbers in one boundary crossing; reports are in input order. */
export function checkNumbers(inputs: readonly string[], options?: NumberOptions): NumberReport[];
/** The fast path: true when `input` is a valid number of any recognised kind. */
export function isValidNumber(input: string, options?: NumberOptions): boolean;
"#;

/// Misuse error codes of the numbers-only build.
#[cfg(not(feature = "dumps"))]
#[wasm_bindgen(typescript_custom_section)]
const ERROR_TYPES: &'static str = r#"
/** Errors thrown for misuse carry a stable code. */
export type CnidErrorCode =
  | "INVALID_ARGUMENT" | "INVALID_OPTION" | "INPUT_TOO_LARGE" | "INTERNAL"
  // thrown by the package's JS entries (explicit-init ones, before init()/initSync() finished)
  | "NOT_INITIALISED";
export interface CnidError extends Error { code: CnidErrorCode; }
"#;

/// Chip, dump and trust types, and the misuse codes of the full build.
#[cfg(feature = "dumps")]
#[wasm_bindgen(typescript_custom_section)]
const DUMP_TYPES: &'static str = r#"
export type CardLayout = "mainland" | "fpr2017" | "fpr2023" | "hmt";

/** Fields decoded from the 256-byte chip text block; fields a layout lacks are null. */
export interface ChipCard {
  layout: CardLayout;
  number: string;
  name: string;
  englishName: string | null;
  sexCode: string;
  sex: "unknown" | "male" | "female" | "notStated";
  birthDate: string;
  validFrom: string;
  /** null means no expiry (长期, mainland cards). */
  validUntil: string | null;
  ethnicityCode: string | null;
  address: string | null;
  issuingAuthority: string | null;
  nationality: string | null;
  cardVersion: string | null;
  authorityCode: string | null;
  passNumber: string | null;
  issueCount: string | null;
  renewalCount: string | null;
  associationItem: string | null;
  /** The earlier 15-character number rebuilt from the association item (2023 cards). */
  oldNumber: string | null;
  oldNumberRebuilt: boolean;
}

export interface ChipTextReport {
  ok: boolean;
  error: { code: "LENGTH" | "TYPE_MARKER" | "ENCODING" | "FIELD"; message: string } | null;
  card: ChipCard | null;
}

/** Check ids of a dump report, in order. */
export type CheckId =
  | "ENVELOPE" | "PAYLOAD" | "ALGORITHM" | "SIGNER" | "REVOCATION" | "SIGNATURE"
  | "FRESHNESS" | "NONCE" | "CARD_LAYOUT" | "CARD_NUMBER" | "CARD_CONSISTENCY" | "CARD_VALIDITY";

export interface Check { id: CheckId; status: "passed" | "failed" | "skipped"; message: string; }

export interface CertInfo {
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}

export interface SignerInfo {
  method: "jwk" | "x5chain";
  kid: string | null;
  kidHex: string | null;
  /**
   * The validated path, signer first, when SIGNER passed (otherwise the x5chain certificates that
   * parsed); empty for JWK-trusted dumps.
   */
  certificates: CertInfo[];
  /** x5chain certificates after the path's end: carried, not validated, not part of the decision. */
  extraCertificates: CertInfo[];
  anchor: CertInfo | null;
}

export interface CardReport extends ChipCard {
  numberReport: NumberReport;
  /** False unless the signature was verified by a trusted, unrevoked key: do not trust these fields then. */
  verified: boolean;
}

export interface DumpReport {
  /** Accepted: no check failed. */
  ok: boolean;
  /** The signature was verified by a trusted, unrevoked key. */
  verified: boolean;
  checks: Check[];
  card: CardReport | null;
  signer: SignerInfo | null;
  /** Unix seconds. */
  readAt: number | null;
  nonce: Uint8Array | null;
  readerId: string | null;
  chipSerial: Uint8Array | null;
  photo: Uint8Array | null;
  fingerprint: Uint8Array | null;
  warnings: Issue<DumpWarningCode>[];
}

/** Warnings of a dump report (the payload and the signer; checked against the Rust list by a test). */
export type DumpWarningCode =
  | "UNKNOWN_PAYLOAD_KEY" | "UNEXPECTED_FINGERPRINT" | "KID_IGNORED" | "EXTRA_CERTIFICATES" | "SIGNER_IS_CA";
/** Warnings of addJwks: a key skipped, or a kid's keys rotated or capped. */
export type JwksWarningCode =
  | "INVALID_KEY" | "MISSING_KID" | "PRIVATE_KEY_MATERIAL" | "UNSUPPORTED_ALG" | "UNSUPPORTED_KEY_TYPE"
  | "WRONG_KEY_OPS" | "WRONG_KEY_USE" | "KID_ROTATION" | "TOO_MANY_KEYS_FOR_KID";
/** Warnings of the revoke calls. */
export type RevokeWarningCode =
  | "NO_MATCH" | "KID_CASE_DIFFERS" | "NOT_A_CA" | "ANY_ISSUER" | "KEY_STILL_TRUSTED" | "NO_P256_KEY";

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
}

/**
 * Verifies one signed chip dump (COSE_Sign1 / ES256) against the app's trust store. Bad dumps are
 * reports (ok: false, with the failing check); misuse throws a CnidError.
 */
export function verifyDump(bytes: Uint8Array, trust: TrustStore, options?: VerifyOptions): DumpReport;
/** Verifies many dumps with the same trust store and options; reports are in input order. */
export function verifyDumps(list: readonly Uint8Array[], trust: TrustStore, options?: VerifyOptions): DumpReport[];

export interface AddJwksResult { added: number; warnings: Issue<JwksWarningCode>[]; }

/** Feedback of a revocation call: an entry that matches nothing says so (NO_MATCH). */
export interface RevokeResult {
  /** The entry is new (an identical one is recorded once). */
  added: boolean;
  /** The entry applies to trust material in the store now; it is recorded either way. */
  matched: boolean;
  warnings: Issue<RevokeWarningCode>[];
}

export interface RevokedSerial {
  /** Subject of the issuing certificate; null for a serial revoked under any issuer. */
  issuer: string | null;
  serialHex: string;
}

/**
 * Trust material supplied by the app: JWK sets, X.509 anchors and revocation data. Append-only;
 * nothing is trusted by default. Revocation revokes keys on every path (see docs/signed-dumps.md).
 */
export class TrustStore {
  constructor();
  /** Adds the EC P-256 keys of a JWK set (JSON text or an object); unusable keys are skipped with a warning. */
  addJwks(jwks: string | object): AddJwksResult;
  /** Adds X.509 trust anchors: PEM text (every CERTIFICATE block) or one DER certificate. Returns how many were added. */
  addCertificate(pemOrDer: string | Uint8Array): number;
  /** Revokes a kid: dumps naming it, and dumps signed by any key trusted under it (on any path), fail REVOCATION. */
  revokeKid(kid: string): RevokeResult;
  /** Revokes the certificate with this serial issued by `issuerCertificate` (X.509 paths; a label, not a key). */
  revokeSerial(issuerCertificate: string | Uint8Array, serialHex: string): RevokeResult;
  /** Revokes this serial under every issuer. */
  revokeSerialAnyIssuer(serialHex: string): RevokeResult;
  /** Revokes a certificate: its issuer + serial and its public key, on every path (JWK paths included). */
  revokeCertificate(pemOrDer: string | Uint8Array): RevokeResult;
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

/** Errors thrown for misuse carry a stable code. */
export type CnidErrorCode =
  | "INVALID_ARGUMENT" | "INVALID_OPTION" | "INPUT_TOO_LARGE" | "INVALID_TRUST_STORE"
  | "INVALID_JWKS" | "INVALID_CERTIFICATE" | "INVALID_SERIAL" | "INVALID_KID" | "TOO_LARGE" | "INTERNAL"
  // thrown by the package's JS entries (explicit-init ones, before init()/initSync() finished)
  | "NOT_INITIALISED";
export interface CnidError extends Error { code: CnidErrorCode; }
"#;
