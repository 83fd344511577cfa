// Generated from the Rust types by src/core/typescript.rs: do not edit.
// `CNID_UPDATE_TS=1 cargo test --lib typescript` rewrites it; `cargo test` checks it.
/** The kind of number an input was recognised as (by length and shape). */
export type NumberKind = "fpr18" | "fpr15" | "resident18" | "resident15" | "hmt18" | "hkmo_pass" | "tw_pass";
/** Stable error codes. */
export type NumberErrorCode = "EMPTY" | "LENGTH" | "CHARACTER" | "FORMAT" | "CHECK_DIGIT" | "BIRTH_DATE" | "REGION" | "NATIONALITY" | "KIND_NOT_ALLOWED";
/** Stable warning codes. */
export type NumberWarningCode = "CHECK_DIGIT" | "BIRTH_CENTURY_INFERRED" | "LEGACY_NUMBER" | "NATIONALITY_UNUSUAL" | "NO_CHECK_CHARACTER" | "OLD_PASS_FORMAT";
/** The language of the messages in a report (`locale` option, CLI `--lang`). */
export type Locale = "en" | "zh-CN";
/** One error or warning. */
export type Issue<C extends string = string> = {
  code: C;
  /** In the `locale` of the call. */
  message: string;
};
/** The `params` of each error code: the values its message is about (README, "Parameters"). */
export interface NumberErrorParams {
  EMPTY: Record<string, never>;
  LENGTH: { length: number; limit: number | null; optInKind: NumberKind | null };
  CHARACTER: { positions: number[]; characters: string[]; lowercase: boolean };
  FORMAT: { positions: number[]; characters: string[]; kind: NumberKind };
  CHECK_DIGIT: { expected: string; actual: string; algorithm: string };
  BIRTH_DATE: { problem: "NOT_A_DATE" | "AFTER_CHECK_DATE" | "BEFORE_MINIMUM"; value: string; limit: string | null };
  REGION: { code: string };
  NATIONALITY: { problem: "UNKNOWN" | "CHINA"; code: string };
  KIND_NOT_ALLOWED: { kind: NumberKind; allowed: NumberKind[] };
}
/** A number error: its code, the message in the call's `locale`, and the params of its code. */
export type NumberError = {
  [C in NumberErrorCode]: Issue<C> & { params: NumberErrorParams[C] };
}[NumberErrorCode];
/** The `params` of each warning code: the values its message is about (README, "Parameters"). */
export interface NumberWarningParams {
  CHECK_DIGIT: { expected: string; actual: string; algorithm: string };
  BIRTH_CENTURY_INFERRED: { birthYear: number; checkDate: string };
  LEGACY_NUMBER: Record<string, never>;
  NATIONALITY_UNUSUAL: { code: string };
  NO_CHECK_CHARACTER: { kind: NumberKind };
  OLD_PASS_FORMAT: { number: string; count: string };
}
/** A number warning: its code, the message in the call's `locale`, and the params of its code. */
export type NumberWarning = {
  [C in NumberWarningCode]: Issue<C> & { params: NumberWarningParams[C] };
}[NumberWarningCode];
/** Sex as encoded by the number (parity of the sequence digit). */
export type Sex = "male" | "female";
/** A province-level division. */
export type ProvinceInfo = {
  /** Two-digit GB/T 2260 code, e.g. `"11"`. */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
};
/** A nationality (ISO 3166-1 / GB/T 2659). */
export type NationalityInfo = {
  readonly alpha3: string;
  /** Three digits, zero-padded, e.g. `"012"`. */
  readonly numeric: string;
  readonly nameEn: string;
  readonly nameZh: string;
};
/** Expected and actual check character. */
export type CheckDigitInfo = {
  readonly expected: string;
  readonly actual: string;
};
/**
 * Information extracted from a recognised number. Every key is always
 * present; `null` when not applicable or not readable.
 */
export type NumberInfo = {
  /** `YYYY-MM-DD`, when the digits form a calendar date. */
  birthDate: string | null;
  /** True when the century was inferred (`fpr15`). */
  birthCenturyInferred: boolean;
  sex: Sex | null;
  province: ProvinceInfo | null;
  nationality: NationalityInfo | null;
  /** `"HK"`, `"MO"` or `"TW"` for `hmt18`, `hkmo_pass` (`H` / `M`) and `tw_pass` (`"TW"`). */
  region: "HK" | "MO" | "TW" | null;
  checkDigit: CheckDigitInfo | null;
  /** The 2-digit renewal or issue count of an older pass number (`OLD_PASS_FORMAT`), e.g. `"01"`. */
  issueCount: string | null;
};
/** The result of validating one input. */
export type NumberReportBase = {
  /** The input as given (truncated when over the size limit). */
  input: string;
  ok: boolean;
  kind: NumberKind | null;
  normalized: string;
  errors: Array<NumberError>;
  warnings: Array<NumberWarning>;
  info: NumberInfo | null;
};
/** What the info of a valid report holds, per kind (the kind tables; checked by the tests). */
export interface ValidNumberInfo {
  fpr18: NumberInfo & { birthDate: string; sex: Sex; province: ProvinceInfo; nationality: NationalityInfo; region: null; checkDigit: CheckDigitInfo; issueCount: null };
  fpr15: NumberInfo & { birthDate: string; sex: null; province: ProvinceInfo; nationality: NationalityInfo; region: null; checkDigit: CheckDigitInfo; issueCount: null };
  resident18: NumberInfo & { birthDate: string; sex: Sex; province: ProvinceInfo; nationality: null; region: null; checkDigit: CheckDigitInfo; issueCount: null };
  resident15: NumberInfo & { birthDate: string; sex: Sex; province: ProvinceInfo; nationality: null; region: null; checkDigit: null; issueCount: null };
  hmt18: NumberInfo & { birthDate: string; sex: Sex; province: null; nationality: null; region: NonNullable<NumberInfo["region"]>; checkDigit: CheckDigitInfo; issueCount: null };
  hkmo_pass: NumberInfo & { birthDate: null; sex: null; province: null; nationality: null; region: NonNullable<NumberInfo["region"]>; checkDigit: null; issueCount: string | null };
  tw_pass: NumberInfo & { birthDate: null; sex: null; province: null; nationality: null; region: NonNullable<NumberInfo["region"]>; checkDigit: null; issueCount: string | null };
}
/** A valid number: its kind, no error, and the info its kind always carries. */
export type ValidNumberReport = {
  [K in NumberKind]: NumberReportBase & { ok: true; kind: K; errors: []; info: ValidNumberInfo[K] };
}[NumberKind];
/** An invalid input: at least one error; `kind` and `info` say what could be read. */
export type InvalidNumberReport = NumberReportBase & {
  ok: false; errors: [NumberError, ...NumberError[]];
};
/**
 * Narrow on `ok` (and `kind`): after `if (r.ok)`, `r.kind` and `r.info` are set, and `r.info.birthDate`
 * unless the kind is a pass number (`hkmo_pass`, `tw_pass`: no birth date).
 */
export type NumberReport = ValidNumberReport | InvalidNumberReport;
