//! Messages in Simplified Chinese and English.
//!
//! A message is a key (what is said) with named parameters (the values it is said about). The
//! wording lives in one table per language, [`en`] and [`zh_cn`]: each is an exhaustive `match`
//! over the keys, so a key without a message in either language does not compile, and a test holds
//! the placeholders of both languages to the same names. Reports carry the rendered message in the
//! caller's [`Locale`] and, for number issues, the parameters themselves (typed per code: see
//! `src/core/number/report.rs`), so an app can word its own messages without parsing ours.
//!
//! Templates name parameters in braces: `{length}`. `{name|s}` is the English plural suffix: `s`
//! unless the parameter is a list of one element or the number 1. Lists are joined with `, ` in
//! English and `、` in Chinese.

pub mod en;
pub mod zh_cn;

crate::core::codes::wire_codes! {
    /// The language of the messages in a report (`locale` option, CLI `--lang`).
    pub enum Locale as "Locale" {
        /// English (the default).
        En = "en",
        /// Simplified Chinese.
        ZhCn = "zh-CN",
    }
}

impl Locale {
    /// The locale of a POSIX locale name (`LANG`, e.g. `zh_CN.UTF-8`) or a BCP 47 tag (a page's
    /// `lang`, e.g. `zh-Hans-CN`): Chinese for any `zh` tag, English otherwise. Only the CLI and
    /// the demo page guess; the library's `locale` option takes the exact wire names.
    pub fn from_tag(tag: &str) -> Locale {
        let lang = tag.split(['_', '-', '.', '@']).next().unwrap_or("");
        if lang.eq_ignore_ascii_case("zh") {
            Locale::ZhCn
        } else {
            Locale::En
        }
    }

    /// The separator between the parts of a message made of several sentences.
    pub fn clause_separator(self) -> &'static str {
        match self {
            Locale::En => "; ",
            Locale::ZhCn => "；",
        }
    }

    fn list_separator(self) -> &'static str {
        match self {
            Locale::En => ", ",
            Locale::ZhCn => "、",
        }
    }
}

crate::core::codes::wire_codes! {
    /// What a number message says (one key per sentence; a code may have several).
    pub enum NumberKey {
        Empty = "number.empty",
        TooLong = "number.too_long",
        CharacterAt = "number.character_at",
        CharacterBeyond = "number.character_beyond",
        StrictUppercase = "number.strict_uppercase",
        Length = "number.length",
        LengthOptIn = "number.length_opt_in",
        KindNotAllowed = "number.kind_not_allowed",
        Format = "number.format",
        CheckDigit = "number.check_digit",
        CheckDigitAccepted = "number.check_digit_accepted",
        LegacyNumber = "number.legacy_number",
        NoCheckCharacter = "number.no_check_character",
        OldPassFormat = "number.old_pass_format",
        BirthNotADate = "number.birth_not_a_date",
        BirthAfterCheckDate = "number.birth_after_check_date",
        BirthBeforeMinimum = "number.birth_before_minimum",
        BirthCenturyInferred = "number.birth_century_inferred",
        Region = "number.region",
        NationalityUnknown = "number.nationality_unknown",
        NationalityChina = "number.nationality_china",
        NationalityUnusual = "number.nationality_unusual",
    }
}

impl NumberKey {
    /// The template in `locale`.
    pub fn template(self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => en::number(self),
            Locale::ZhCn => zh_cn::number(self),
        }
    }
}

/// A kind's shape in words, in `locale`.
pub fn kind_rule(kind: crate::core::number::Kind, locale: Locale) -> &'static str {
    match locale {
        Locale::En => en::kind_rule(kind),
        Locale::ZhCn => zh_cn::kind_rule(kind),
    }
}

/// What the count of an older pass number counts, in `locale`.
pub fn older_count(kind: crate::core::number::Kind, locale: Locale) -> &'static str {
    match locale {
        Locale::En => en::older_count(kind),
        Locale::ZhCn => zh_cn::older_count(kind),
    }
}

/// What a province table holds, in `locale`.
pub(crate) fn province_table(table: crate::core::number::kinds::ProvinceTable, locale: Locale) -> &'static str {
    match locale {
        Locale::En => en::province_table(table),
        Locale::ZhCn => zh_cn::province_table(table),
    }
}

/// A parameter value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Int(i64),
    Str(String),
    Bool(bool),
    Null,
    Ints(Vec<i64>),
    Strs(Vec<String>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

macro_rules! int_value {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_value!(u8, u16, u32, u64, usize, i32, i64);

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// Named parameter values, in the order they were added.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Params(pub Vec<(&'static str, Value)>);

impl Params {
    /// No parameters.
    pub const fn new() -> Self {
        Params(Vec::new())
    }

    /// These parameters and `name`.
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl serde::Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            match value {
                Value::Int(n) => map.serialize_entry(name, n)?,
                Value::Str(v) => map.serialize_entry(name, v)?,
                Value::Bool(b) => map.serialize_entry(name, b)?,
                Value::Null => map.serialize_entry(name, &())?,
                Value::Ints(v) => map.serialize_entry(name, v)?,
                Value::Strs(v) => map.serialize_entry(name, v)?,
            }
        }
        map.end()
    }
}

/// Fills the placeholders of `template` from `params` (the first set that has the name wins).
/// A placeholder without a value is left as written, so a mistake shows instead of vanishing (and
/// the tests catch it: `placeholders` below).
pub fn render(template: &str, locale: Locale, params: &[&Params]) -> String {
    // Byte search: the braces are ASCII, and `str::find(char)`'s searcher costs the numbers-only
    // build ~1 KB of wasm.
    let brace = |s: &str, b: u8| s.bytes().position(|c| c == b);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = brace(rest, b'{') {
        out.push_str(&rest[..open]);
        let Some(len) = brace(&rest[open..], b'}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &rest[open + 1..open + len];
        let (name, plural) = match inner.strip_suffix("|s") {
            Some(name) => (name, true),
            None => (inner, false),
        };
        match params.iter().find_map(|p| p.get(name)) {
            Some(v) if plural => {
                let one = match v {
                    Value::Int(n) => *n == 1,
                    Value::Ints(l) => l.len() == 1,
                    Value::Strs(l) => l.len() == 1,
                    _ => false,
                };
                if !one {
                    out.push('s');
                }
            }
            Some(v) => write_value(&mut out, v, locale),
            None => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

fn write_value(out: &mut String, v: &Value, locale: Locale) {
    use std::fmt::Write;
    let sep = locale.list_separator();
    match v {
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Str(s) => out.push_str(s),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push('–'),
        Value::Ints(list) => {
            for (i, n) in list.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                let _ = write!(out, "{n}");
            }
        }
        Value::Strs(list) => out.push_str(&list.join(sep)),
    }
}

/// The placeholder names of a template, in order (tests: both languages use the same names).
#[cfg(test)]
pub(crate) fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        let inner = &rest[open + 1..open + len];
        names.push(inner.strip_suffix("|s").unwrap_or(inner));
        rest = &rest[open + len + 1..];
    }
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key has a message in both languages with the same placeholders (a message that
    /// drops or invents a parameter in one language fails here).
    #[test]
    fn both_languages_say_the_same_things() {
        for key in NumberKey::ALL {
            let (en, zh) = (key.template(Locale::En), key.template(Locale::ZhCn));
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
            assert_eq!(placeholders(en), placeholders(zh), "{key}");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{key} is not Chinese: {zh}");
        }
        for kind in crate::core::number::Kind::ALL {
            assert!(kind_rule(kind, Locale::ZhCn).contains('为'), "{kind}");
            assert!(kind_rule(kind, Locale::En).contains(" is "), "{kind}");
        }
    }

    #[test]
    fn renders_values_lists_and_plurals() {
        let p = Params::new().with("positions", Value::Ints(vec![3, 7])).with("n", 1u32);
        assert_eq!(
            render("position{positions|s} {positions}; {n} item{n|s}", Locale::En, &[&p]),
            "positions 3, 7; 1 item"
        );
        assert_eq!(render("第 {positions} 位", Locale::ZhCn, &[&p]), "第 3、7 位");
        let one = Params::new().with("positions", Value::Ints(vec![3]));
        assert_eq!(render("position{positions|s}", Locale::En, &[&one]), "position");
    }

    #[test]
    fn later_sets_fill_what_earlier_ones_lack_and_unknown_names_stay_visible() {
        let a = Params::new().with("x", "a");
        let b = Params::new().with("x", "b").with("y", "c");
        assert_eq!(render("{x}{y}{z}", Locale::En, &[&a, &b]), "ac{z}");
        assert_eq!(render("{x} {unclosed", Locale::En, &[&a]), "a {unclosed");
    }

    #[test]
    fn locale_from_tags() {
        for zh in ["zh_CN.UTF-8", "zh-CN", "zh", "zh-Hans-CN", "ZH_tw", "zh_CN@pinyin"] {
            assert_eq!(Locale::from_tag(zh), Locale::ZhCn, "{zh}");
        }
        for en in ["", "C", "POSIX", "en_US.UTF-8", "de-DE", "zu"] {
            assert_eq!(Locale::from_tag(en), Locale::En, "{en}");
        }
    }

    #[test]
    fn params_serialise_as_an_object() {
        let p = Params::new().with("a", 1u8).with("b", Value::Null).with("c", Value::Strs(vec!["x".into()]));
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"a":1,"b":null,"c":["x"]}"#);
    }
}
