//! The package's TypeScript declarations of the report types, generated from the Rust types:
//! `ts_rs::TS` is derived (in tests only) on every serialised report type, the code vocabularies
//! get theirs from `wire_codes!`, and the per-check failure reasons come from [`PIPELINE`]. The test
//! below renders them and compares with the committed files under `src/bindings/generated/`, which
//! `src/bindings/types.rs` includes beside the hand-written function signatures:
//!
//! - `cargo test` fails when a committed file differs from what the Rust types give (the check);
//! - `CNID_UPDATE_TS=1 cargo test --lib typescript` rewrites them (then review the diff).
//!
//! A few facts are not in the Rust types and are stated here once: bytes reach JS as `Uint8Array`s,
//! dates as `YYYY-MM-DD` strings, and the table entries of number reports are frozen objects.

// On wasm32 the impls are needed (the derives reference them) but the renderer is not run.
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use std::fmt::Write;

use ts_rs::{Config, TS};

use crate::core::codes::{ts_union, MisuseCode, NUMBERS_BUILD_MISUSE};
use crate::core::i18n::Locale;
use crate::core::number::{
    CheckDigitInfo, Code, ErrorCode, Issue, Kind, NationalityInfo, NumberInfo, NumberReport, ProvinceInfo, Sex,
    WarningCode,
};

/// A `TS` impl for a type whose serde form is written by hand.
macro_rules! ts_as {
    ($ty:ty, $name:literal, $inline:expr) => {
        impl TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &Config) -> String {
                $name.to_owned()
            }
            fn inline(_: &Config) -> String {
                $inline
            }
        }
    };
}

/// The report types whose objects the bindings freeze and share between reports.
const FROZEN: [&str; 3] = ["ProvinceInfo", "NationalityInfo", "CheckDigitInfo"];

/// `export type Name = …;` with the type's docs as JSDoc, one field per line.
fn decl<T: TS>(out: &mut String) {
    let cfg = Config::default();
    write_docs(out, T::docs().as_deref(), "");
    let frozen = FROZEN.contains(&T::ident(&cfg).as_str());
    // The one generic, with the default its users rely on (`Issue` alone).
    let d = T::decl(&cfg).replace("type Issue<C> =", "type Issue<C extends string = string> =");
    match (d.find("= {"), d.rfind('}')) {
        (Some(open), Some(close)) if close > open => {
            let _ = writeln!(out, "export {}= {{", &d[..open]);
            for field in split_fields(&d[open + 3..close]) {
                let (docs, field) = match field.rfind("*/") {
                    Some(end) => (Some(&field[..end + 2]), field[end + 2..].trim()),
                    None => (None, field),
                };
                write_docs(out, docs, "  ");
                let _ = writeln!(out, "  {}{field};", if frozen { "readonly " } else { "" });
            }
            let _ = writeln!(out, "}}{};", d[close + 1..].trim_end_matches(';'));
        }
        _ => {
            let _ = writeln!(out, "export {d}");
        }
    }
}

/// `export type Name = "A" | "B";` for a code vocabulary.
fn union<T: TS>(out: &mut String) {
    let cfg = Config::default();
    write_docs(out, T::docs().as_deref(), "");
    let _ = writeln!(out, "export type {} = {};", T::name(&cfg), T::inline(&cfg));
}

/// The top-level fields of an object type's body (`a: x, /** doc */ b: y, `), split at the commas
/// outside brackets, strings and comments.
fn split_fields(body: &str) -> Vec<&str> {
    let (mut fields, mut depth, mut start) = (Vec::new(), 0i32, 0);
    let (mut in_str, mut in_comment) = (false, false);
    let bytes = body.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        match c {
            _ if in_comment => in_comment = !(c == b'/' && i > 0 && bytes[i - 1] == b'*'),
            b'"' => in_str = !in_str,
            _ if in_str => {}
            b'/' if bytes.get(i + 1) == Some(&b'*') => in_comment = true,
            b'{' | b'[' | b'(' | b'<' => depth += 1,
            b'}' | b']' | b')' | b'>' => depth -= 1,
            b',' if depth == 0 => {
                fields.push(body[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    fields.push(body[start..].trim());
    fields.into_iter().filter(|f| !f.is_empty()).collect()
}

/// A Rust doc line as TypeScript readers need it: intra-doc links become code spans named by
/// their last path segment (`[`super::verify_dump`]` → `verify_dump`), and `None` is `null`.
fn for_typescript(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("[`") {
        let Some(len) = rest[start + 2..].find("`]") else { break };
        let path = &rest[start + 2..start + 2 + len];
        out.push_str(&rest[..start]);
        out.push('`');
        out.push_str(path.rsplit("::").next().unwrap_or(path));
        out.push('`');
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    out.replace("`None`", "`null`")
}

/// JSDoc from a type's docs: ts-rs hands derived docs over as a JSDoc block already, the code
/// vocabularies as plain lines.
fn write_docs(out: &mut String, docs: Option<&str>, indent: &str) {
    let Some(docs) = docs.map(str::trim).filter(|d| !d.is_empty()) else { return };
    let lines: Vec<&str> = docs
        .lines()
        .map(|l| l.trim().trim_start_matches("/**").trim_end_matches("*/").trim())
        .map(|l| l.strip_prefix('*').map_or(l, str::trim))
        .skip_while(|l| l.is_empty())
        .collect();
    let lines: Vec<String> = lines.iter().map(|l| for_typescript(l)).collect();
    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    match lines.get(..end).unwrap_or(&[]) {
        [] => {}
        [one] => {
            let _ = writeln!(out, "{indent}/** {one} */");
        }
        many => {
            let _ = writeln!(out, "{indent}/**");
            for l in many {
                let _ = writeln!(out, "{indent} *{}{l}", if l.is_empty() { "" } else { " " });
            }
            let _ = writeln!(out, "{indent} */");
        }
    }
}

const HEADER: &str = "// Generated from the Rust types by src/core/typescript.rs: do not edit.\n\
     // `CNID_UPDATE_TS=1 cargo test --lib typescript` rewrites it; `cargo test` checks it.\n";

/// `CnidErrorCode` (the misuse codes a build throws) and `CnidError`.
fn misuse_codes(out: &mut String, codes: &[MisuseCode]) {
    write_docs(out, MisuseCode::docs().as_deref(), "");
    let _ = writeln!(out, "export type CnidErrorCode = {};", ts_union(codes.iter().map(|c| c.as_str())));
    out.push_str("export interface CnidError extends Error { code: CnidErrorCode; }\n");
}

/// The misuse codes of the numbers-only build (the full build's are in the dump declarations).
pub fn number_errors() -> String {
    let mut out = String::from(HEADER);
    misuse_codes(&mut out, &NUMBERS_BUILD_MISUSE);
    out
}

/// The declarations of the numbers-only build.
pub fn number_types() -> String {
    let mut out = String::from(HEADER);
    union::<Kind>(&mut out);
    union::<ErrorCode>(&mut out);
    union::<WarningCode>(&mut out);
    union::<Locale>(&mut out);
    decl::<Issue<String>>(&mut out);
    issue_params(&mut out);
    decl::<Sex>(&mut out);
    decl::<ProvinceInfo>(&mut out);
    decl::<NationalityInfo>(&mut out);
    decl::<CheckDigitInfo>(&mut out);
    decl::<NumberInfo>(&mut out);
    decl::<NumberReport>(&mut out);
    narrowed_number_report(&mut out);
    out
}

/// The parameters of each number code (`Code::params`) and the issue types that narrow on `code`.
fn issue_params(out: &mut String) {
    let groups: [(&str, &str, Vec<Code>); 2] = [
        ("Error", "error", ErrorCode::ALL.iter().map(|&c| Code::Error(c)).collect()),
        ("Warning", "warning", WarningCode::ALL.iter().map(|&c| Code::Warning(c)).collect()),
    ];
    for (name, what, codes) in groups {
        let _ = writeln!(
            out,
            "/** The `params` of each {what} code: the values its message is about (README, \"Parameters\"). */"
        );
        let _ = writeln!(out, "export interface Number{name}Params {{");
        for code in codes {
            let wire = match code {
                Code::Error(c) => c.as_str(),
                Code::Warning(c) => c.as_str(),
            };
            let fields: Vec<String> = code
                .params()
                .iter()
                .map(|p| format!("{}: {}{}", p.name, p.ty.ts(), if p.nullable { " | null" } else { "" }))
                .collect();
            let body = if fields.is_empty() {
                "Record<string, never>".to_owned()
            } else {
                format!("{{ {} }}", fields.join("; "))
            };
            let _ = writeln!(out, "  {wire}: {body};");
        }
        let _ = writeln!(out, "}}");
        let _ = writeln!(
            out,
            "/** A number {what}: its code, the message in the call's `locale`, and the params of its code. */\n\
             export type Number{name} = {{\n  [C in Number{name}Code]: Issue<C> & {{ params: Number{name}Params[C] }};\n}}[Number{name}Code];"
        );
    }
}

/// `NumberReport` as a union that narrows on `ok` and `kind`: what a valid report of each kind
/// always holds comes from the kind tables (`KindSpec::valid_info`; the number tests check every
/// valid report against it).
fn narrowed_number_report(out: &mut String) {
    out.push_str("/** What the info of a valid report holds, per kind (the kind tables; checked by the tests). */\n");
    out.push_str("export interface ValidNumberInfo {\n");
    for kind in Kind::ALL {
        let v = kind.spec().valid_info();
        let or_null = |present: bool, ty: &str| if present { ty.to_owned() } else { "null".to_owned() };
        let _ = writeln!(
            out,
            "  {}: NumberInfo & {{ birthDate: {}; sex: {}; province: {}; nationality: {}; region: {}; checkDigit: {}; issueCount: {} }};",
            kind.as_str(),
            or_null(v.birth_date, "string"),
            or_null(v.sex, "Sex"),
            or_null(v.province, "ProvinceInfo"),
            or_null(v.nationality, "NationalityInfo"),
            or_null(v.region, "NonNullable<NumberInfo[\"region\"]>"),
            or_null(v.check_digit, "CheckDigitInfo"),
            or_null(v.issue_count, "string | null"),
        );
    }
    out.push_str(concat!(
        "}\n",
        "/** A valid number: its kind, no error, and the info its kind always carries. */\n",
        "export type ValidNumberReport = {\n",
        "  [K in NumberKind]: NumberReportBase & { ok: true; kind: K; errors: []; info: ValidNumberInfo[K] };\n",
        "}[NumberKind];\n",
        "/** An invalid input: at least one error; `kind` and `info` say what could be read. */\n",
        "export type InvalidNumberReport = NumberReportBase & {\n",
        "  ok: false; errors: [NumberError, ...NumberError[]];\n",
        "};\n",
        "/**\n",
        " * Narrow on `ok` (and `kind`): after `if (r.ok)`, `r.kind` and `r.info` are set, and `r.info.birthDate`\n",
        " * unless the kind is a pass number (`hkmo_pass`, `tw_pass`: no birth date).\n",
        " */\n",
        "export type NumberReport = ValidNumberReport | InvalidNumberReport;\n",
    ));
}

#[cfg(feature = "dumps")]
mod dumps {
    use super::*;
    use crate::core::chip::{CardLayout, ChipCard, ChipError, ChipErrorCode, ChipSex, ChipTextReport};
    use crate::core::date::Date;
    use crate::core::dump::{
        Bytes, CardReport, Check, CheckId, CheckStatus, DumpReport, EngineName, EpochSeconds, SignatureInfo,
        SignerInfo, SignerMethod,
    };
    use crate::core::dump::{Reason, PIPELINE};
    use crate::core::trust::{self, AddJwksResult, CertInfo, ListRef, RevokeResult, RevokedSerialInfo};

    ts_as!(Date, "string", "string".to_owned());
    ts_as!(CardLayout, "CardLayout", ts_union(CardLayout::all().map(CardLayout::as_str)));
    ts_as!(Bytes, "Uint8Array", "Uint8Array".to_owned());
    ts_as!(EpochSeconds, "number", "number".to_owned());
    ts_as!(Check, "Check", "Check".to_owned());

    /// `Check`, narrowed by id and status: a failed check carries one of its own reasons.
    fn checks(out: &mut String) {
        out.push_str("/** The reasons each check may fail with (besides INTERNAL, a verifier bug). */\n");
        out.push_str("export interface CheckReasons {\n");
        for step in &PIPELINE {
            let _ = writeln!(out, "  {}: {};", step.id.as_str(), ts_union(step.reasons.iter().map(|r| r.as_str())));
        }
        out.push_str("}\n");
        out.push_str(concat!(
            "/** A failed check: `reason` is stable and machine-readable, `message` is for people. */\n",
            "export interface FailedCheck<K extends CheckId = CheckId> {\n",
            "  id: K; status: \"failed\"; reason: CheckReasons[K] | \"INTERNAL\"; message: string;\n",
            "}\n",
            "/** A check that passed, or was skipped (its message names the failure upstream). */\n",
            "export interface PassedOrSkippedCheck<K extends CheckId = CheckId> {\n",
            "  id: K; status: \"passed\" | \"skipped\"; message: string;\n",
            "}\n",
            "/** One check of a dump report; narrow on `status` (and `id`) to read `reason`. */\n",
            "export type Check = { [K in CheckId]: FailedCheck<K> | PassedOrSkippedCheck<K> }[CheckId];\n",
        ));
    }

    /// A subset of the trust warning codes, as its own union.
    fn warnings(out: &mut String, name: &str, doc: &str, codes: &[trust::WarningCode]) {
        let _ = writeln!(out, "/** {doc} */\nexport type {name} = {};", ts_union(codes.iter().map(|c| c.as_str())));
    }

    /// The declarations of the chip, dump and trust reports (full build only).
    pub fn dump_types() -> String {
        let mut out = String::from(HEADER);
        union::<CardLayout>(&mut out);
        decl::<ChipSex>(&mut out);
        decl::<ChipCard>(&mut out);
        union::<ChipErrorCode>(&mut out);
        decl::<ChipError>(&mut out);
        decl::<ChipTextReport>(&mut out);
        union::<CheckId>(&mut out);
        union::<Reason>(&mut out);
        decl::<CheckStatus>(&mut out);
        checks(&mut out);
        decl::<CertInfo>(&mut out);
        decl::<SignerMethod>(&mut out);
        decl::<ListRef>(&mut out);
        decl::<SignerInfo>(&mut out);
        decl::<EngineName>(&mut out);
        decl::<SignatureInfo>(&mut out);
        decl::<CardReport>(&mut out);
        decl::<DumpReport>(&mut out);
        out.push_str(concat!(
            "/**\n",
            " * An accepted dump: no check failed, so SIGNER, REVOCATION and SIGNATURE passed (`verified`) and\n",
            " * the card, the signer and readAtMs are present (tests and the fuzz target check this).\n",
            " */\n",
            "export type AcceptedDumpReport = DumpReportBase & {\n",
            "  ok: true; verified: true; card: CardReport & { verified: true }; signer: SignerInfo; signature: SignatureInfo;\n  readAtMs: number;\n",
            "};\n",
            "/** A rejected dump: at least one check failed; present fields are what could be read. */\n",
            "export type RejectedDumpReport = DumpReportBase & { ok: false };\n",
            "/** Narrow on `ok`: after `if (r.ok)`, `r.card` is the verified card. */\n",
            "export type DumpReport = AcceptedDumpReport | RejectedDumpReport;\n",
        ));
        warnings(&mut out, "DumpWarningCode", "Warnings of a dump report.", &trust::DUMP_WARNINGS);
        warnings(&mut out, "JwksWarningCode", "Warnings of addJwks.", &trust::JWKS_WARNINGS);
        warnings(&mut out, "RevokeWarningCode", "Warnings of the revoke calls.", &trust::REVOKE_WARNINGS);
        decl::<AddJwksResult>(&mut out);
        decl::<crate::core::dump::trust_list::TrustListResult>(&mut out);
        decl::<RevokeResult>(&mut out);
        decl::<RevokedSerialInfo>(&mut out);
        misuse_codes(&mut out, &MisuseCode::ALL);
        out
    }
}

// Native only: the check reads and writes files of the source tree.
#[cfg(not(target_arch = "wasm32"))]
#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn generated(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/bindings/generated").join(name)
    }

    /// Compares (or, with CNID_UPDATE_TS=1, rewrites) one committed file.
    fn check(name: &str, text: &str) {
        let path = generated(name);
        if std::env::var_os("CNID_UPDATE_TS").is_some() {
            std::fs::write(&path, text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} is not what the Rust types give; run `CNID_UPDATE_TS=1 cargo test --lib typescript` and review the diff",
            path.display()
        );
    }

    #[test]
    fn the_number_typescript_is_current() {
        check("number-types.d.ts", &super::number_types());
        check("number-errors.d.ts", &super::number_errors());
    }

    #[cfg(feature = "dumps")]
    #[test]
    fn the_dump_typescript_is_current() {
        check("dump-types.d.ts", &super::dumps::dump_types());
    }
}
