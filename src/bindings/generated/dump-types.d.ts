// Generated from the Rust types by src/core/typescript.rs: do not edit.
// `CNID_UPDATE_TS=1 cargo test --lib typescript` rewrites it; `cargo test` checks it.
export type CardLayout = "mainland" | "fpr2017" | "fpr2023" | "hmt";
/** Sex field (GB/T 2261.1-2003). */
export type ChipSex = "unknown" | "male" | "female" | "notStated";
/** The decoded text block. Fields a layout does not have are `null`. */
export type ChipCard = {
  layout: CardLayout;
  /** The document number as stored on the chip (trimmed). */
  number: string;
  /** Chinese name (all layouts; may be empty on foreigner cards). */
  name: string;
  /** English name: 2017 card; 2023 card with its two parts joined. */
  englishName: string | null;
  /** Raw GB/T 2261.1 code. */
  sexCode: string;
  sex: ChipSex;
  birthDate: string;
  /** Validity start (issue date on foreigner cards). */
  validFrom: string;
  /** Validity end; `null` means no expiry (长期, mainland cards only). */
  validUntil: string | null;
  /** GB/T 3304 ethnicity code, raw (mainland). */
  ethnicityCode: string | null;
  /** Address (mainland, permit). */
  address: string | null;
  /** Issuing authority (mainland, permit). */
  issuingAuthority: string | null;
  /**
   * Nationality code as stored: alpha-3 (2017; most probably 2023) or
   * three digits (accepted on 2023 cards).
   */
  nationality: string | null;
  /** Card version (2017). */
  cardVersion: string | null;
  /** Accepting-authority code (2017; meaning undocumented). */
  authorityCode: string | null;
  /** HK/Macao/Taiwan travel-permit number (permit). */
  passNumber: string | null;
  /** Permit issue count. */
  issueCount: string | null;
  /** Renewal count (2023). */
  renewalCount: string | null;
  /** Association item for the earlier-version number (2023), raw. */
  associationItem: string | null;
  /**
   * The earlier 15-character number, rebuilt from the association item
   * (2023 cards whose holder had an earlier card).
   */
  oldNumber: string | null;
  /** True when `old_number` was rebuilt (it is never read from the chip). */
  oldNumberRebuilt: boolean;
};
/** Why a text block could not be parsed (also the `reason` of a failed CARD_LAYOUT check). */
export type ChipErrorCode = "LENGTH" | "TYPE_MARKER" | "ENCODING" | "FIELD";
/** Why a text block could not be parsed. */
export type ChipError = {
  code: ChipErrorCode;
  /** In the `locale` of the call. */
  message: string;
};
/**
 * The result of parsing a bare text block read from a local reader (`parseChipText`): data, never
 * an error. The fields are NOT authenticated; signed dumps go through `verify_dump`.
 */
export type ChipTextReport = {
  ok: boolean;
  error: ChipError | null;
  card: ChipCard | null;
};
/** The stable check ids, in report order (docs/spec/dump-format.md §5). */
export type CheckId = "ENVELOPE" | "PAYLOAD" | "ALGORITHM" | "SIGNER" | "REVOCATION" | "SIGNATURE" | "FRESHNESS" | "NONCE" | "CARD_LAYOUT" | "CARD_NUMBER" | "CARD_CONSISTENCY" | "CARD_VALIDITY";
/**
 * Why a check failed: the stable, machine-readable `reason` of a failed check (the message
 * beside it is for people and may change). Which check gives which reason is declared in
 * `PIPELINE`; the README's reason table documents each (held to this list by a test).
 */
export type CheckReason = "TOO_LARGE" | "NOT_CBOR" | "NOT_COSE_SIGN1" | "BAD_HEADER" | "DETACHED_PAYLOAD" | "BAD_SIGNATURE_ENCODING" | "NOT_MAP" | "BAD_KEY" | "BAD_FIELD" | "MISSING_FIELD" | "UNSUPPORTED_VERSION" | "UNSUPPORTED_ALGORITHM" | "UNPROTECTED_ALGORITHM" | "MISSING_ALGORITHM" | "NO_SIGNER_ID" | "UNKNOWN_KID" | "X5T_MISMATCH" | "UNSIGNED_X5CHAIN" | "CHAIN_TOO_LONG" | "BAD_CERTIFICATE" | "NO_PATH" | "CERT_EXPIRED" | "CERT_NOT_YET_VALID" | "BAD_CHAIN_SIGNATURE" | "CERT_PROFILE" | "CA_SIGNER" | "KID_REVOKED" | "CERT_REVOKED" | "KEY_REVOKED" | "MISMATCH" | "IN_FUTURE" | "TOO_OLD" | "MISSING" | "TYPE_MARKER" | "ENCODING" | "FIELD" | "KIND_MISMATCH" | "INVALID_NUMBER" | "INVALID_PASS_NUMBER" | "BIRTH_DATE_MISMATCH" | "SEX_MISMATCH" | "NATIONALITY_MISMATCH" | "PASS_REGION_MISMATCH" | "NOT_YET_VALID" | "EXPIRED" | "INTERNAL";
/** How a check ended. */
export type CheckStatus = "passed" | "failed" | "skipped";
/** The reasons each check may fail with (besides INTERNAL, a verifier bug). */
export interface CheckReasons {
  ENVELOPE: "TOO_LARGE" | "NOT_CBOR" | "NOT_COSE_SIGN1" | "BAD_HEADER" | "DETACHED_PAYLOAD" | "BAD_SIGNATURE_ENCODING";
  PAYLOAD: "NOT_CBOR" | "NOT_MAP" | "BAD_KEY" | "BAD_FIELD" | "MISSING_FIELD" | "UNSUPPORTED_VERSION";
  ALGORITHM: "UNSUPPORTED_ALGORITHM" | "UNPROTECTED_ALGORITHM" | "MISSING_ALGORITHM";
  SIGNER: "BAD_HEADER" | "NO_SIGNER_ID" | "UNKNOWN_KID" | "X5T_MISMATCH" | "UNSIGNED_X5CHAIN" | "CHAIN_TOO_LONG" | "BAD_CERTIFICATE" | "NO_PATH" | "CERT_EXPIRED" | "CERT_NOT_YET_VALID" | "BAD_CHAIN_SIGNATURE" | "CERT_PROFILE" | "CA_SIGNER";
  SIGNATURE: "MISMATCH" | "BAD_SIGNATURE_ENCODING";
  REVOCATION: "KID_REVOKED" | "CERT_REVOKED" | "KEY_REVOKED";
  FRESHNESS: "IN_FUTURE" | "TOO_OLD";
  NONCE: "MISSING" | "MISMATCH";
  CARD_LAYOUT: "TYPE_MARKER" | "ENCODING" | "FIELD";
  CARD_NUMBER: "KIND_MISMATCH" | "INVALID_NUMBER" | "INVALID_PASS_NUMBER";
  CARD_CONSISTENCY: "BIRTH_DATE_MISMATCH" | "SEX_MISMATCH" | "NATIONALITY_MISMATCH" | "PASS_REGION_MISMATCH";
  CARD_VALIDITY: "NOT_YET_VALID" | "EXPIRED";
}
/** A failed check: `reason` is stable and machine-readable, `message` is for people. */
export interface FailedCheck<K extends CheckId = CheckId> {
  id: K; status: "failed"; reason: CheckReasons[K] | "INTERNAL"; message: string;
}
/** A check that passed, or was skipped (its message names the failure upstream). */
export interface PassedOrSkippedCheck<K extends CheckId = CheckId> {
  id: K; status: "passed" | "skipped"; message: string;
}
/** One check of a dump report; narrow on `status` (and `id`) to read `reason`. */
export type Check = { [K in CheckId]: FailedCheck<K> | PassedOrSkippedCheck<K> }[CheckId];
/** A certificate as shown to apps. */
export type CertInfo = {
  /** Subject name, RFC 4514 string (e.g. `CN=Reader 7,O=Example`). */
  subject: string;
  /** Issuer name, RFC 4514 string. */
  issuer: string;
  /** Serial as lowercase hex, leading zeros stripped (`"00"` for zero). */
  serialHex: string;
  /** RFC 3339, UTC (`2026-01-01T00:00:00Z`). */
  notBefore: string;
  /** RFC 3339, UTC. */
  notAfter: string;
  /** SHA-256 of the DER encoding, lowercase hex. */
  fingerprintSha256: string;
};
/** How the signer was identified. */
export type SignerMethod = "jwk" | "x5chain";
/** A trust list a signer came from (a dump report's `signer.trustList`). */
export type ListRef = {
  id: string;
  sequence: number;
};
/**
 * Who signed (or claims to have signed) the dump. Present whenever the
 * dump identified a signer, even if SIGNER failed; only
 * `verified` says whether it is trusted. `anchor` is set only
 * when a path to a trust anchor was found.
 */
export type SignerInfo = {
  method: SignerMethod;
  /** The kid, UTF-8 (lossy). */
  kid: string | null;
  /** The kid bytes, lowercase hex. */
  kidHex: string | null;
  /**
   * The certificates of the validated path, signer first (when SIGNER
   * passed); otherwise the x5chain certificates that parsed.
   */
  certificates: Array<CertInfo>;
  /**
   * x5chain certificates after the path's end: carried by the dump but
   * not validated, and not part of the trust decision.
   */
  extraCertificates: Array<CertInfo>;
  /** The trust anchor the path ends at. */
  anchor: CertInfo | null;
  /**
   * The signed trust list (docs/spec/trust-list.md) the signer's key or anchor came from;
   * `null` when the app added it itself (or no key verified).
   */
  trustList: ListRef | null;
};
/** The engine that gave a signature verdict (report field `signature.engine`). */
export type EngineName = "wasm" | "node" | "webcrypto";
/** The `signature` object of a report: which engine ran the curve step. */
export type SignatureInfo = {
  /** The engine whose verdict SIGNATURE reports (the last one that ran, for a rotated kid). */
  engine: EngineName;
};
/** The card as read from the text block. */
export type CardReport = {
  numberReport: NumberReportBase;
  /**
   * Same as `verified`: whether a trusted signer vouches for
   * these fields. `false` means "this is what the bytes say", nothing more.
   */
  verified: boolean;
  layout: CardLayout;
  /** The document number as stored on the chip (trimmed). */
  number: string;
  /** Chinese name (all layouts; may be empty on foreigner cards). */
  name: string;
  /** English name: 2017 card; 2023 card with its two parts joined. */
  englishName: string | null;
  /** Raw GB/T 2261.1 code. */
  sexCode: string;
  sex: ChipSex;
  birthDate: string;
  /** Validity start (issue date on foreigner cards). */
  validFrom: string;
  /** Validity end; `null` means no expiry (长期, mainland cards only). */
  validUntil: string | null;
  /** GB/T 3304 ethnicity code, raw (mainland). */
  ethnicityCode: string | null;
  /** Address (mainland, permit). */
  address: string | null;
  /** Issuing authority (mainland, permit). */
  issuingAuthority: string | null;
  /**
   * Nationality code as stored: alpha-3 (2017; most probably 2023) or
   * three digits (accepted on 2023 cards).
   */
  nationality: string | null;
  /** Card version (2017). */
  cardVersion: string | null;
  /** Accepting-authority code (2017; meaning undocumented). */
  authorityCode: string | null;
  /** HK/Macao/Taiwan travel-permit number (permit). */
  passNumber: string | null;
  /** Permit issue count. */
  issueCount: string | null;
  /** Renewal count (2023). */
  renewalCount: string | null;
  /** Association item for the earlier-version number (2023), raw. */
  associationItem: string | null;
  /**
   * The earlier 15-character number, rebuilt from the association item
   * (2023 cards whose holder had an earlier card).
   */
  oldNumber: string | null;
  /** True when `old_number` was rebuilt (it is never read from the chip). */
  oldNumberRebuilt: boolean;
};
/** The result of `verify_dump`. */
export type DumpReportBase = {
  /** No check failed. */
  ok: boolean;
  /**
   * SIGNER, REVOCATION and SIGNATURE all passed: a trusted, non-revoked
   * key vouches for the content.
   */
  verified: boolean;
  /** Always the twelve checks, in `ALL` order. */
  checks: Array<Check>;
  /**
   * Present whenever the text block was parsed, even when the signature
   * failed (then `verified` is false).
   */
  card: CardReport | null;
  signer: SignerInfo | null;
  /**
   * Which engine ran SIGNATURE's curve step; `null` when none ran (SIGNATURE skipped, or a
   * signature that breaks the encoding rules, decided before any engine).
   */
  signature: SignatureInfo | null;
  /**
   * Payload fields, present when the payload is well-formed.
   *
   * When the card was read, in epoch milliseconds like `Date` and the `at` option:
   * `new Date(report.readAtMs)`. (The payload's readAt is Unix seconds; the report converts, so
   * that no caller passes seconds to `Date` and gets 1970. Exact up to the year 287,396.)
   */
  readAtMs: number | null;
  nonce: Uint8Array | null;
  readerId: string | null;
  chipSerial: Uint8Array | null;
  photo: Uint8Array | null;
  fingerprint: Uint8Array | null;
  warnings: Array<Issue<DumpWarningCode>>;
};
/**
 * An accepted dump: no check failed, so SIGNER, REVOCATION and SIGNATURE passed (`verified`) and
 * the card, the signer and readAtMs are present (tests and the fuzz target check this).
 */
export type AcceptedDumpReport = DumpReportBase & {
  ok: true; verified: true; card: CardReport & { verified: true }; signer: SignerInfo; signature: SignatureInfo;
  readAtMs: number;
};
/** A rejected dump: at least one check failed; present fields are what could be read. */
export type RejectedDumpReport = DumpReportBase & { ok: false };
/** Narrow on `ok`: after `if (r.ok)`, `r.card` is the verified card. */
export type DumpReport = AcceptedDumpReport | RejectedDumpReport;
/** Warnings of a dump report. */
export type DumpWarningCode = "UNKNOWN_PAYLOAD_KEY" | "UNEXPECTED_FINGERPRINT" | "KID_IGNORED" | "EXTRA_CERTIFICATES" | "SIGNER_IS_CA";
/** Warnings of addJwks. */
export type JwksWarningCode = "INVALID_KEY" | "MISSING_KID" | "PRIVATE_KEY_MATERIAL" | "UNSUPPORTED_ALG" | "UNSUPPORTED_KEY_TYPE" | "WRONG_KEY_OPS" | "WRONG_KEY_USE" | "KID_ROTATION" | "TOO_MANY_KEYS_FOR_KID";
/** Warnings of the revoke calls. */
export type RevokeWarningCode = "NO_MATCH" | "KID_CASE_DIFFERS" | "NOT_A_CA" | "ANY_ISSUER" | "KEY_STILL_TRUSTED" | "NO_P256_KEY";
/** Result of `addJwks`. */
export type AddJwksResult = {
  /** Keys newly added (identical re-adds are not counted). */
  added: number;
  /**
   * One warning per skipped key (code says why), plus `KID_ROTATION`
   * notes when a kid gains a second key.
   */
  warnings: Array<Issue<JwksWarningCode>>;
};
/** What `addTrustList` returns (JS: `TrustListResult`). */
export type TrustListResult = {
  listId: string;
  sequence: number;
  issuedAtMs: number;
  expiresAtMs: number;
  /** Who signed the list (one of the list signers). */
  signer: SignerInfo | null;
  warnings: Array<Issue<string>>;
  /** The store already held this very version: nothing changed. */
  unchanged: boolean;
  keysAdded: number;
  keysRemoved: number;
  anchorsAdded: number;
  anchorsRemoved: number;
  /** Revocation entries that were new to the store. */
  revocationsAdded: number;
};
/**
 * Result of a revocation call: feedback, so that a revocation that
 * matches nothing (a misspelt kid, the leaf passed instead of its issuer)
 * does not pass in silence.
 */
export type RevokeResult = {
  /** Whether the entry is new (an identical revocation is recorded once). */
  added: boolean;
  /**
   * Whether the entry applies to trust material in the store right now
   * (a trusted JWK, an anchor, or a certificate an anchor can issue).
   * An entry that matches nothing is still recorded (it may match
   * material added later), with a `NO_MATCH` warning.
   */
  matched: boolean;
  /**
   * `NO_MATCH`, `KID_CASE_DIFFERS`, `NOT_A_CA`, `ANY_ISSUER`,
   * `KEY_STILL_TRUSTED`, `NO_P256_KEY`.
   */
  warnings: Array<Issue<RevokeWarningCode>>;
};
/** A revoked certificate serial, as listed by `revoked_serials`. */
export type RevokedSerial = {
  /**
   * Subject of the issuing certificate (RFC 4514 string); `null` for a
   * serial revoked under any issuer.
   */
  issuer: string | null;
  /** Serial as lowercase hex, leading zeros stripped (`"00"` for zero). */
  serialHex: string;
};
/**
 * The `code` of the JS errors thrown for misuse (`CnidError`): a wrong argument or option, or
 * trust material that cannot be added. Bad numbers and bad dumps are reports, never errors.
 */
export type CnidErrorCode = "INVALID_ARGUMENT" | "INVALID_OPTION" | "INPUT_TOO_LARGE" | "INVALID_TRUST_STORE" | "INVALID_JWKS" | "INVALID_CERTIFICATE" | "INVALID_SERIAL" | "INVALID_KID" | "TOO_LARGE" | "INTERNAL" | "NOT_INITIALISED" | "TRUST_LIST_MALFORMED" | "TRUST_LIST_ALGORITHM" | "TRUST_LIST_SIGNER" | "TRUST_LIST_SIGNATURE" | "TRUST_LIST_NOT_YET_VALID" | "TRUST_LIST_EXPIRED" | "TRUST_LIST_ROLLBACK" | "TRUST_LIST_CONFLICT";
export interface CnidError extends Error { code: CnidErrorCode; }
