//! `checkNumber`, `checkNumbers`, `isValidNumber`, `upgradeResident15` and the helpers
//! (`rebuildFpr15`, `ageAt`, `maskNumber`; `generateNumber` is in `generate.rs`).

use super::boundary::{self, get, localized, Undefined};
use super::{internal, misuse, now_seconds, Misuse};
use crate::core::codes::MisuseCode;
use crate::core::date::Date;
use crate::core::i18n::{ErrorKey, Params, Text, Value};
use crate::core::number::{
    self, Code, ErrorCode, Kind, KindSet, LeanReport, NumberOptions, Severity, Sex, WarningCode,
};
use crate::core::tables;
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// Largest batch accepted by `checkNumbers`.
pub const MAX_BATCH: u32 = 1_000_000;

const NUMBER_OPTIONS: &str = "strict,at,fpr15CheckDigit,kinds,locale";

/// Converts the JS options object (see `NumberOptions` in the TS types).
/// Without `at`, the check date is the current date in China Standard Time.
pub(crate) fn number_options(options: &JsValue) -> Result<NumberOptions, Misuse> {
    match boundary::options(options, NUMBER_OPTIONS, Undefined::Absent)? {
        None => Ok(NumberOptions::new(today_cst())),
        Some(obj) => read_number_options(&obj),
    }
}

/// The options of `isValidNumber`'s second argument: `None` for none, including a validation
/// library's context object (see `boundary::predicate_options`).
fn predicate_number_options(options: &JsValue) -> Result<Option<NumberOptions>, Misuse> {
    boundary::predicate_options(options, NUMBER_OPTIONS)?.map(|obj| read_number_options(&obj)).transpose()
}

/// An `INVALID_OPTION` error saying `text`.
pub(crate) fn bad_option(text: Text) -> Misuse {
    misuse(MisuseCode::InvalidOption, text)
}

/// A boolean option (absent: `false`).
pub(crate) fn bool_option(obj: &js_sys::Object, name: &str) -> Result<bool, Misuse> {
    match get(obj, name) {
        None => Ok(false),
        Some(v) => v.as_bool().ok_or_else(|| bad_option(Text::new(ErrorKey::MustBeBoolean).with("name", name))),
    }
}

fn read_number_options(obj: &js_sys::Object) -> Result<NumberOptions, Misuse> {
    let strict = bool_option(obj, "strict")?;
    let at = get(obj, "at").map(|v| date_value(&v, "at")).transpose()?;
    let fpr15_check_digit = match get(obj, "fpr15CheckDigit").map(|v| v.as_string()) {
        None => Severity::Error,
        Some(Some(s)) if s == "error" => Severity::Error,
        Some(Some(s)) if s == "warning" => Severity::Warning,
        Some(_) => return Err(bad_option(Text::new(ErrorKey::Fpr15CheckDigit))),
    };
    let kinds = match get(obj, "kinds") {
        None => KindSet::DEFAULT,
        Some(v) => kinds_option(&v)?,
    };
    let locale = boundary::locale(obj)?;
    let today = at.unwrap_or_else(today_cst);
    Ok(NumberOptions { strict, today, fpr15_check_digit, kinds, locale })
}

/// A date as the `at` option takes it: a `Date` or epoch milliseconds (its China Standard Time
/// date), or `"YYYY-MM-DD"`. `name` is the option or argument, for the message.
pub(crate) fn date_value(v: &JsValue, name: &str) -> Result<Date, Misuse> {
    match v.as_string() {
        Some(s) => Date::parse_iso(&s).ok_or_else(|| bad_option(Text::new(ErrorKey::DateValue).with("name", name))),
        None => Ok(Date::from_unix_seconds_cst(boundary::time_seconds(v, name)?)),
    }
}

/// `kinds`: a non-empty array of kind names, read through a snapshot (no caller code runs).
fn kinds_option(value: &JsValue) -> Result<KindSet, Misuse> {
    let names = || Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
    let bad = || bad_option(Text::new(ErrorKey::KindsType).with("kinds", names()));
    let list =
        boundary::array(value, "kinds", ErrorKey::KindNames, 16, MisuseCode::InvalidOption, MisuseCode::InvalidOption)?;
    let mut kinds = KindSet::EMPTY;
    for item in list.iter() {
        let name = item.as_string().ok_or_else(bad)?;
        let kind = Kind::parse(&name).ok_or_else(|| {
            let shown: String = name.chars().take(32).collect();
            bad_option(Text::new(ErrorKey::KindUnknown).with("shown", shown).with("kinds", names()))
        })?;
        kinds = kinds.with(kind);
    }
    if kinds.is_empty() {
        return Err(bad());
    }
    Ok(kinds)
}

thread_local! {
    /// The latest reading of today's date (CST). It may go stale, which is
    /// harmless for `is_valid_number_settled` (see there).
    static LAST_TODAY: std::cell::Cell<Option<Date>> = const { std::cell::Cell::new(None) };
}

/// Reads the clock: today's date in China Standard Time, and remembers it.
pub(crate) fn today_cst() -> Date {
    let today = Date::from_unix_seconds_cst(now_seconds());
    LAST_TODAY.with(|t| t.set(Some(today)));
    today
}

/// The remembered date, reading the clock only the first time.
fn last_today() -> Date {
    LAST_TODAY.with(|t| t.get()).unwrap_or_else(today_cst)
}

fn string_arg(input: &JsValue, name: &str) -> Result<String, Misuse> {
    input.as_string().ok_or_else(|| {
        let got = if input.is_null() { "null".to_owned() } else { input.js_typeof().as_string().unwrap_or_default() };
        not_a_string(name, got)
    })
}

/// `name` is not a string but a `got` (the JS type).
fn not_a_string(name: &str, got: impl Into<Value>) -> Misuse {
    misuse(MisuseCode::InvalidArgument, Text::new(ErrorKey::StringArg).with("name", name).with("got", got))
}

// --- Report encoding (see src/bindings/js/number_reports.js for the layout) ---------------------

// Every import is `catch`: a JS exception must never unwind through wasm
// frames (that skips restoring the shadow stack pointer and corrupts the
// module); it comes back as an `Err` instead.
#[wasm_bindgen(module = "/src/bindings/js/number_reports.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = setTables)]
    fn js_set_tables(json: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = joinInputs)]
    fn js_join_inputs(inputs: &JsValue, max_count: u32, max_total: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildReports)]
    fn js_build_reports(words: &[u32], text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildReport)]
    fn js_build_report(input: &JsValue, words: &[u32], text: &str) -> Result<JsValue, JsValue>;
}

/// Most UTF-16 code units a `checkNumbers` batch may hold in all (each
/// number is examined up to `MAX_INPUT_BYTES` anyway; this bounds memory).
pub const MAX_BATCH_TEXT: u32 = 16 * 1024 * 1024;

/// A code's index into the table `tables_text()` hands to JS (the position in its `ALL`).
fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

thread_local! {
    /// Whether this wasm instance has handed its tables to the JS builder.
    static TABLES_SENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Hands the name tables to the JS builder once per module instance, as
/// one line-based text (layout: `setTables` in number_reports.js). Plain
/// text instead of JSON: serde_json's serializer and `json!` cost ~19 KB
/// gzip of the numbers-only build, and JS splits lines faster than it
/// parses JSON. Table names never hold `|` or a newline (tested).
fn ensure_tables() -> Result<(), Misuse> {
    if TABLES_SENT.with(|t| t.get()) {
        return Ok(());
    }
    js_set_tables(&tables_text()).map_err(|e| snippet_failed("cannot hand the tables to JS", &e))?;
    TABLES_SENT.with(|t| t.set(true));
    Ok(())
}

/// `K|kind,…`, `E|code,…`, `W|code,…`, then `P|code|nameZh|nameEn` per
/// province and `C|numeric|alpha3|nameEn|nameZh` per country.
pub(crate) fn tables_text() -> String {
    use std::fmt::Write as _;
    let list = |tag: &str, items: &mut dyn Iterator<Item = &'static str>| {
        let mut line = format!("{tag}|");
        for (i, item) in items.enumerate() {
            if i > 0 {
                line.push(',');
            }
            line.push_str(item);
        }
        line
    };
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&list("K", &mut Kind::ALL.iter().map(|k| k.as_str())));
    out.push('\n');
    out.push_str(&list("E", &mut ErrorCode::ALL.iter().map(|e| e.as_str())));
    out.push('\n');
    out.push_str(&list("W", &mut WarningCode::ALL.iter().map(|w| w.as_str())));
    // The parameter names of each code, in `ALL` order (groups separated by `|`).
    let params = |out: &mut String, code: Code| {
        out.push('|');
        for (i, p) in code.params().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(p.name);
        }
    };
    out.push_str("\nEP");
    ErrorCode::ALL.iter().for_each(|&c| params(&mut out, Code::Error(c)));
    out.push_str("\nWP");
    WarningCode::ALL.iter().for_each(|&c| params(&mut out, Code::Warning(c)));
    for p in tables::PROVINCES {
        let _ = write!(out, "\nP|{}|{}|{}", p.code, p.name_zh, p.name_en);
    }
    for c in tables::COUNTRIES {
        let _ = write!(out, "\nC|{}|{}|{}|{}", c.numeric, c.alpha3, c.name_en, c.name_zh);
    }
    out
}

/// A JS exception from our own snippet is a bug: report it as INTERNAL.
fn snippet_failed(what: &str, e: &JsValue) -> Misuse {
    let detail = match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e.as_string().unwrap_or_default(),
    };
    internal(format!("{what}: {detail}"))
}

fn utf16_len(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.encode_utf16().count() as u32
    }
}

fn push_text(words: &mut Vec<u32>, text: &mut String, s: &str) {
    words.push(utf16_len(s));
    text.push_str(s);
}

// The kind is encoded as index + 1 in 3 flag bits (0 = no kind).
const _: () = assert!(Kind::COUNT < 8, "the kind no longer fits the 3 flag bits of encode_report");

/// Appends one report to the word stream and text (layout: number_reports.js).
fn encode_report(input: &str, r: &LeanReport, words: &mut Vec<u32>, text: &mut String) {
    // U+FFFD marks a lone surrogate replaced on the way in: then the JS
    // original differs from what was validated, so echo Rust's copy.
    let same_text = input.is_ascii() || !input.contains('\u{FFFD}');
    let verbatim = same_text && input.len() <= number::MAX_INPUT_BYTES;
    let normalized_same = same_text && r.normalized == input;
    let mut f = u32::from(r.ok());
    f |= r.kind.map_or(0, |k| index_u32(k.index()) + 1) << 1;
    f |= u32::from(verbatim) << 4 | u32::from(normalized_same) << 5;
    if let Some(i) = &r.info {
        f |= 1 << 6;
        f |= match i.sex {
            None => 0,
            Some(Sex::Male) => 1,
            Some(Sex::Female) => 2,
        } << 7;
        f |= u32::from(i.birth_century_inferred) << 9;
        f |= match i.region {
            Some("HK") => 1,
            Some("MO") => 2,
            Some("TW") => 3,
            _ => 0,
        } << 10;
        f |= u32::from(i.birth_date.is_some()) << 12 | u32::from(i.check_digit.is_some()) << 13;
        f |= u32::from(i.issue_count.is_some()) << 14;
    }
    f |= (r.errors.len().min(255) as u32) << 16 | (r.warnings.len().min(255) as u32) << 24;
    words.push(f);
    if !verbatim {
        push_text(words, text, &number::echo_input(input));
    }
    if !normalized_same {
        push_text(words, text, &r.normalized);
    }
    if let Some(i) = &r.info {
        words.push(
            i.birth_date
                .map_or(0, |d| (u32::try_from(d.year).unwrap_or(0) << 9) | u32::from(d.month) << 5 | u32::from(d.day)),
        );
        words.push(i.province.map_or(0, |p| u32::from(p.code)));
        words.push(i.nationality.map_or(0, |c| u32::from(c.numeric) + 1));
        words.push(i.check_digit.map_or(0, |(e, a)| u32::from(e) | u32::from(a) << 8));
        if let Some(count) = i.issue_count {
            words.push(u32::from(count));
        }
    }
    for e in r.errors.iter().take(255) {
        words.push(index_u32(e.code.index()));
        push_text(words, text, &e.message);
        encode_params(&e.params, words, text);
    }
    for w in r.warnings.iter().take(255) {
        words.push(index_u32(w.code.index()));
        push_text(words, text, &w.message);
        encode_params(&w.params, words, text);
    }
}

/// Appends an issue's parameter values, tagged (the names come from `tables_text`, in the same
/// order: tested). Tags: 0 null, 1 int (1 word), 2 string (its length), 3 false, 4 true,
/// 5 ints (count, then the values), 6 strings (count, then their lengths).
fn encode_params(params: &Params, words: &mut Vec<u32>, text: &mut String) {
    let int = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    for (_, v) in &params.0 {
        match v {
            Value::Null => words.push(0),
            Value::Int(n) => words.extend([1, int(*n)]),
            Value::Str(s) => {
                words.push(2);
                push_text(words, text, s);
            }
            Value::Bool(b) => words.push(3 + u32::from(*b)),
            Value::Ints(list) => {
                words.extend([5, index_u32(list.len())]);
                words.extend(list.iter().map(|&n| int(n)));
            }
            Value::Strs(list) => {
                words.extend([6, index_u32(list.len())]);
                for s in list {
                    push_text(words, text, s);
                }
            }
            // Dump and trust messages only: number issues carry neither.
            #[cfg(feature = "dumps")]
            Value::Seconds(n) => words.extend([1, int(i64::try_from(*n).unwrap_or(i64::MAX))]),
            #[cfg(feature = "dumps")]
            Value::Term(t) => {
                words.push(2);
                push_text(words, text, t);
            }
            // generateNumber's errors only: number issues never carry it.
            #[cfg(feature = "generate")]
            Value::ProvinceTable(_) => words.push(0),
        }
    }
}

/// Splits the joined batch text by UTF-16 lengths.
fn split_by_utf16<'a>(joined: &'a str, lens: &[u32]) -> Option<Vec<&'a str>> {
    let mut out = Vec::with_capacity(lens.len());
    if joined.is_ascii() {
        let mut at = 0usize;
        for &n in lens {
            let end = at.checked_add(n as usize)?;
            out.push(joined.get(at..end)?);
            at = end;
        }
        return Some(out);
    }
    let mut chars = joined.char_indices().peekable();
    for &n in lens {
        let start = chars.peek().map_or(joined.len(), |&(i, _)| i);
        let mut units = 0u32;
        while units < n {
            let (_, c) = chars.next()?;
            units += c.len_utf16() as u32;
        }
        let end = chars.peek().map_or(joined.len(), |&(i, _)| i);
        out.push(joined.get(start..end)?);
    }
    Some(out)
}

/// The 18-character number of a valid legacy 15-digit resident number, or `null`.
#[wasm_bindgen(js_name = upgradeResident15, skip_typescript)]
pub fn upgrade_resident15(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || {
        let text_in = string_arg(&input, "input")?;
        let opts = number_options(&options)?;
        // `null`, not wasm-bindgen's `undefined` for None: reports use null for "none".
        Ok(number::upgrade_resident15(&text_in, &opts).map_or(JsValue::NULL, |n| JsValue::from_str(&n)))
    })
}

/// Validates one number and explains the result.
#[wasm_bindgen(js_name = checkNumber, skip_typescript)]
pub fn check_number(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || {
        let text_in = string_arg(&input, "input")?;
        let opts = number_options(&options)?;
        ensure_tables()?;
        let report = number::check_number_lean(&text_in, &opts);
        let mut words = Vec::with_capacity(16);
        let mut text = String::new();
        encode_report(&text_in, &report, &mut words, &mut text);
        js_build_report(&input, &words, &text).map_err(|e| snippet_failed("cannot build the report", &e))
    })
}

/// The batch as one string and the UTF-16 length of each element (see
/// `joinInputs` in number_reports.js).
fn join_inputs(inputs: &JsValue) -> Result<(String, Vec<u32>), Misuse> {
    let out =
        js_join_inputs(inputs, MAX_BATCH, MAX_BATCH_TEXT).map_err(|e| snippet_failed("cannot read the batch", &e))?;
    // A failure is a reason and its details (see `joinInputs`).
    if let Some(failure) = out.as_string() {
        let [reason, index, got] = boundary::fields(&failure);
        let arg = |text: Text| misuse(MisuseCode::InvalidArgument, text);
        return Err(match reason {
            "TYPE" => arg(Text::new(ErrorKey::InputsType)),
            "TOO_MANY" => misuse(MisuseCode::InputTooLarge, Text::new(ErrorKey::TooManyNumbers).with("max", MAX_BATCH)),
            "TOO_LONG" => {
                misuse(MisuseCode::InputTooLarge, Text::new(ErrorKey::BatchTooLarge).with("max", MAX_BATCH_TEXT))
            }
            "ELEMENT" => arg(Text::new(ErrorKey::ElementGetterThrew).with("name", "inputs").with("index", index)),
            "NOT_STRING" => not_a_string(&format!("inputs[{index}]"), got),
            _ => arg(Text::new(ErrorKey::RevokedProxy).with("name", "inputs")),
        });
    }
    let parts: Array = out.unchecked_into();
    let joined = parts.get(0).as_string().ok_or_else(|| internal("joinInputs returned no text"))?;
    let lens = js_sys::Uint32Array::new(&parts.get(1)).to_vec();
    Ok((joined, lens))
}

/// Validates many numbers in one boundary crossing.
#[wasm_bindgen(js_name = checkNumbers, skip_typescript)]
pub fn check_numbers(inputs: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || {
        let opts = number_options(&options)?;
        let (joined, lens) = join_inputs(&inputs)?;
        let parts =
            split_by_utf16(&joined, &lens).ok_or_else(|| internal("the batch text does not match its lengths"))?;
        ensure_tables()?;
        let mut words = Vec::with_capacity(parts.len() * 8);
        let mut text = String::new();
        for part in parts {
            let report = number::check_number_lean(part, &opts);
            encode_report(part, &report, &mut words, &mut text);
        }
        js_build_reports(&words, &text).map_err(|e| snippet_failed("cannot build the reports", &e))
    })
}

/// `isValidNumber(string)` without options, the form-field hot path: a
/// string argument and a plain `bool` result cost the boundary no `JsValue`
/// conversion and no result array. The facade (js/facade.js) calls it when
/// the input is a string and no options are given; it cannot fail, so
/// nothing is ever thrown from here.
#[wasm_bindgen(js_name = isValidNumberString, skip_typescript)]
pub fn is_valid_number_string(input: &str) -> bool {
    // Checks against the remembered date and reads the clock only when the
    // verdict could depend on it (saves a JS call per number).
    let opts = NumberOptions::new(last_today());
    number::is_valid_number_settled(input, &opts, today_cst)
}

/// The fast path: is this a valid number of any recognised kind?
///
/// As a predicate for form libraries: an absent value (`undefined`, `null`: an empty field) is
/// `false`, not misuse (whether a field may be empty is the form's `required` rule); any other
/// non-string is still a coded TypeError (a number has lost its leading zeros or its `X`). A second
/// argument that is a validation library's context object is no options (see
/// `boundary::predicate_options`); any other object is options, checked in full.
///
/// (Returning a plain `bool` and throwing with `wasm_bindgen::throw_val`
/// would save the JS glue an array per call, but unwinding out of wasm skips
/// restoring the shadow stack pointer and corrupts later calls; the Node
/// test "many misuse throws in a row" catches exactly that.)
#[wasm_bindgen(js_name = isValidNumber, skip_typescript)]
pub fn is_valid_number(input: JsValue, options: JsValue) -> Result<bool, JsValue> {
    localized(&options, || {
        let opts = predicate_number_options(&options)?;
        if input.is_undefined() || input.is_null() {
            return Ok(false);
        }
        let input = string_arg(&input, "input")?;
        Ok(match opts {
            None => is_valid_number_string(&input),
            Some(opts) => number::is_valid_number(&input, &opts),
        })
    })
}

// --- Helpers -----------------------------------------------------------------------------------

/// `null` or a string, never wasm-bindgen's `undefined` for `None` (reports use null for "none").
fn string_or_null(s: Option<String>) -> JsValue {
    s.map_or(JsValue::NULL, |n| JsValue::from_str(&n))
}

/// The earlier 15-character foreigner number of a valid `fpr18` and its chip association item, or
/// `null` (docs/spec/card-formats.md §1.7).
#[wasm_bindgen(js_name = rebuildFpr15, skip_typescript)]
pub fn rebuild_fpr15(input: JsValue, association_item: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || {
        let text_in = string_arg(&input, "input")?;
        let item = string_arg(&association_item, "associationItem")?;
        let opts = number_options(&options)?;
        Ok(string_or_null(number::rebuild_fpr15_checked(&text_in, &item, &opts)))
    })
}

/// Age in completed years on `date` (default today, China Standard Time) of a number or a report.
/// It takes no options, so its errors are in English.
#[wasm_bindgen(js_name = ageAt, skip_typescript)]
pub fn age_at(subject: JsValue, date: JsValue) -> Result<JsValue, JsValue> {
    boundary::english(|| {
        let on = if date.is_undefined() { today_cst() } else { date_value(&date, "date")? };
        if let Some(text_in) = subject.as_string() {
            let years = number::age_at(&text_in, &NumberOptions::new(on));
            return Ok(years.map_or(JsValue::NULL, JsValue::from));
        }
        let not_a_report = || misuse(MisuseCode::InvalidArgument, Text::new(ErrorKey::AgeAtSubject));
        let birth = match boundary::report_birth_date(&subject).ok_or_else(not_a_report)? {
            None => return Ok(JsValue::NULL),
            Some(text) => Date::parse_iso(&text).ok_or_else(not_a_report)?,
        };
        Ok(birth.completed_years_at(on).map_or(JsValue::NULL, JsValue::from))
    })
}

const MASK_OPTIONS: &str = "keepStart,keepEnd,maskChar";

/// Largest `keepStart`/`keepEnd` accepted (more than any number's length).
const MAX_KEEP: u32 = 64;

/// The display form of a string, most of it masked (see `number::mask_number`).
/// Its options have no `locale`, so its errors are in English.
#[wasm_bindgen(js_name = maskNumber, skip_typescript)]
pub fn mask_number(input: JsValue, options: JsValue) -> Result<String, JsValue> {
    boundary::english(|| {
        let text_in = string_arg(&input, "input")?;
        let mut opts = number::MaskOptions::default();
        if let Some(obj) = boundary::options(&options, MASK_OPTIONS, Undefined::Absent)? {
            if let Some(v) = get(&obj, "keepStart") {
                opts.keep_start = count_option(&v, "keepStart")?;
            }
            if let Some(v) = get(&obj, "keepEnd") {
                opts.keep_end = count_option(&v, "keepEnd")?;
            }
            if let Some(v) = get(&obj, "maskChar") {
                let bad = || bad_option(Text::new(ErrorKey::MaskChar));
                let s = v.as_string().ok_or_else(bad)?;
                let mut chars = s.chars();
                opts.mask_char = match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => c,
                    _ => return Err(bad()),
                };
            }
        }
        Ok(number::mask_number(&text_in, &opts))
    })
}

/// An integer option in `0..=MAX_KEEP`.
fn count_option(v: &JsValue, name: &str) -> Result<usize, Misuse> {
    v.as_f64()
        .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(MAX_KEEP)).contains(n))
        .map(|n| n as usize)
        .ok_or_else(|| bad_option(Text::new(ErrorKey::CountOption).with("name", name).with("max", MAX_KEEP)))
}
