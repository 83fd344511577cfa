// Generated from the Rust types by src/core/typescript.rs: do not edit.
// `CNID_UPDATE_TS=1 cargo test --lib typescript` rewrites it; `cargo test` checks it.
/**
 * The `code` of the JS errors thrown for misuse (`CnidError`): a wrong argument or option, or
 * trust material that cannot be added. Bad numbers and bad dumps are reports, never errors.
 */
export type CnidErrorCode = "INVALID_ARGUMENT" | "INVALID_OPTION" | "INPUT_TOO_LARGE" | "INTERNAL" | "NOT_INITIALISED";
export interface CnidError extends Error { code: CnidErrorCode; }
