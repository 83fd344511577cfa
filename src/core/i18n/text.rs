//! Messages as values (dump checks, trust warnings, chip errors, thrown errors): a [`Text`] is a
//! key with its parameters, made where a rule decides and rendered where the caller's locale is
//! known (the dump report, the bindings). So the rules deep inside (an X.509 profile rule, a JWK
//! member check, an option reader) say *what* they found once, and never need to know the language.
//! The numbers-only build has it too, for its thrown errors ([`ErrorKey`]).

#[cfg(feature = "generate")]
use super::GenerateErrorKey;
use super::{en, render, zh_cn, ErrorKey, Locale, Params, Value};
#[cfg(feature = "dumps")]
use super::{ChipKey, DumpErrorKey, DumpKey, TrustKey};

/// The key of a [`Text`]: one vocabulary per area, each with its table in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Error(ErrorKey),
    #[cfg(feature = "dumps")]
    Dump(DumpKey),
    #[cfg(feature = "dumps")]
    Trust(TrustKey),
    #[cfg(feature = "dumps")]
    Chip(ChipKey),
    #[cfg(feature = "dumps")]
    DumpError(DumpErrorKey),
    #[cfg(feature = "generate")]
    Generate(GenerateErrorKey),
}

impl Key {
    /// The template in `locale`.
    pub fn template(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Key::Error(k), Locale::En) => en::error(k),
            (Key::Error(k), Locale::ZhCn) => zh_cn::error(k),
            #[cfg(feature = "dumps")]
            (Key::Dump(k), Locale::En) => en::dump(k),
            #[cfg(feature = "dumps")]
            (Key::Dump(k), Locale::ZhCn) => zh_cn::dump(k),
            #[cfg(feature = "dumps")]
            (Key::Trust(k), Locale::En) => en::trust(k),
            #[cfg(feature = "dumps")]
            (Key::Trust(k), Locale::ZhCn) => zh_cn::trust(k),
            #[cfg(feature = "dumps")]
            (Key::Chip(k), Locale::En) => en::chip(k),
            #[cfg(feature = "dumps")]
            (Key::Chip(k), Locale::ZhCn) => zh_cn::chip(k),
            #[cfg(feature = "dumps")]
            (Key::DumpError(k), Locale::En) => en::dump_error(k),
            #[cfg(feature = "dumps")]
            (Key::DumpError(k), Locale::ZhCn) => zh_cn::dump_error(k),
            #[cfg(feature = "generate")]
            (Key::Generate(k), Locale::En) => en::generate_error(k),
            #[cfg(feature = "generate")]
            (Key::Generate(k), Locale::ZhCn) => zh_cn::generate_error(k),
        }
    }

    /// The wire name (`dump.too_old`).
    pub fn as_str(self) -> &'static str {
        match self {
            Key::Error(k) => k.as_str(),
            #[cfg(feature = "dumps")]
            Key::Dump(k) => k.as_str(),
            #[cfg(feature = "dumps")]
            Key::Trust(k) => k.as_str(),
            #[cfg(feature = "dumps")]
            Key::Chip(k) => k.as_str(),
            #[cfg(feature = "dumps")]
            Key::DumpError(k) => k.as_str(),
            #[cfg(feature = "generate")]
            Key::Generate(k) => k.as_str(),
        }
    }
}

impl From<ErrorKey> for Key {
    fn from(k: ErrorKey) -> Self {
        Key::Error(k)
    }
}

#[cfg(feature = "dumps")]
impl From<DumpErrorKey> for Key {
    fn from(k: DumpErrorKey) -> Self {
        Key::DumpError(k)
    }
}

#[cfg(feature = "generate")]
impl From<GenerateErrorKey> for Key {
    fn from(k: GenerateErrorKey) -> Self {
        Key::Generate(k)
    }
}

#[cfg(feature = "dumps")]
impl From<DumpKey> for Key {
    fn from(k: DumpKey) -> Self {
        Key::Dump(k)
    }
}

#[cfg(feature = "dumps")]
impl From<TrustKey> for Key {
    fn from(k: TrustKey) -> Self {
        Key::Trust(k)
    }
}

#[cfg(feature = "dumps")]
impl From<ChipKey> for Key {
    fn from(k: ChipKey) -> Self {
        Key::Chip(k)
    }
}

/// A message not yet rendered: a key, its parameters, the messages it quotes (rendered into the
/// placeholder of their name) and the sentences that follow it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub key: Key,
    pub params: Params,
    parts: Vec<(&'static str, Text)>,
    also: Vec<Text>,
}

impl Text {
    /// The message `key`, with no parameters yet.
    pub fn new(key: impl Into<Key>) -> Self {
        Self::of(key.into())
    }

    #[inline(never)]
    fn of(key: Key) -> Self {
        Text { key, params: Params::new(), parts: Vec::new(), also: Vec::new() }
    }

    /// This message with parameter `name`. Out of line: one copy per value type, not one per call
    /// site (the misuse errors build a `Text` at ~100 sites; wasm size).
    #[inline(never)]
    pub fn with(self, name: &'static str, value: impl Into<Value>) -> Self {
        self.with_value(name, value.into())
    }

    // Out of line, like the other builders: hundreds of call sites share one copy (wasm size).
    #[inline(never)]
    fn with_value(mut self, name: &'static str, value: Value) -> Self {
        self.params.0.push((name, value));
        self
    }

    /// This message with a duration parameter, in seconds.
    #[cfg(feature = "dumps")]
    pub fn seconds(self, name: &'static str, seconds: impl Into<i128>) -> Self {
        self.with(name, Value::Seconds(seconds.into()))
    }

    /// This message with a word of a closed vocabulary ([`term`]).
    #[cfg(feature = "dumps")]
    #[inline(never)]
    pub fn term(self, name: &'static str, word: &'static str) -> Self {
        self.with(name, Value::Term(word))
    }

    /// This message quoting `inner` in its placeholder `name`.
    #[inline(never)]
    pub fn part(mut self, name: &'static str, inner: Text) -> Self {
        self.parts.push((name, inner));
        self
    }

    /// This message followed by the sentence `next`.
    #[inline(never)]
    pub fn also(mut self, next: Text) -> Self {
        self.also.push(next);
        self
    }

    /// The message in `locale`.
    pub fn render(&self, locale: Locale) -> String {
        let mut quoted = Params::new();
        for (name, inner) in &self.parts {
            quoted = quoted.with(name, inner.render(locale));
        }
        let mut out = render(self.key.template(locale), locale, &[&quoted, &self.params]);
        for next in &self.also {
            out.push_str(locale.clause_separator());
            out.push_str(&next.render(locale));
        }
        out
    }

    /// Every key of this message and of the messages it quotes or continues with (tests).
    #[cfg(all(test, feature = "dumps"))]
    pub(crate) fn keys(&self) -> Vec<Key> {
        let mut keys = vec![self.key];
        for (_, t) in &self.parts {
            keys.extend(t.keys());
        }
        for t in &self.also {
            keys.extend(t.keys());
        }
        keys
    }
}

/// A word of a closed vocabulary in `locale`: the code writes it in English (a CBOR type, a CBOR
/// error, a chip field, a JSON kind…); the Chinese table translates the ones it knows and leaves
/// any other as written (a field a newer layout adds shows in English rather than not at all; the
/// tests hold the known vocabularies to a translation).
#[cfg(feature = "dumps")]
pub fn term(word: &'static str, locale: Locale) -> &'static str {
    match locale {
        Locale::En => word,
        Locale::ZhCn => zh_cn::term(word).unwrap_or(word),
    }
}

/// A duration as days, hours, minutes and seconds, leaving out the zero units (`1 d`, `2 h 5 s`;
/// `0 s` for none). A negative duration is shown with a minus sign (the checks never produce one).
#[cfg(feature = "dumps")]
pub(super) fn write_duration(out: &mut String, seconds: i128, locale: Locale) {
    use std::fmt::Write;
    let units: [(u128, &str); 4] = match locale {
        Locale::En => [(86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")],
        Locale::ZhCn => [(86_400, "天"), (3_600, "小时"), (60, "分"), (1, "秒")],
    };
    if seconds < 0 {
        out.push('-');
    }
    let mut rest = seconds.unsigned_abs();
    let mut first = true;
    for (size, unit) in units {
        let n = rest / size;
        rest %= size;
        if n > 0 || (size == 1 && first) {
            if !first {
                out.push(' ');
            }
            let _ = write!(out, "{n} {unit}");
            first = false;
        }
    }
}

#[cfg(all(test, feature = "dumps"))]
mod tests {
    use super::*;

    fn duration(seconds: i128, locale: Locale) -> String {
        let mut out = String::new();
        write_duration(&mut out, seconds, locale);
        out
    }

    #[test]
    fn durations_in_both_languages() {
        let en = |s| duration(s, Locale::En);
        let zh = |s| duration(s, Locale::ZhCn);
        assert_eq!(en(0), "0 s");
        assert_eq!(zh(0), "0 秒");
        assert_eq!(en(30), "30 s");
        assert_eq!(zh(30), "30 秒");
        assert_eq!(en(59), "59 s");
        assert_eq!(en(60), "1 min");
        assert_eq!(zh(60), "1 分");
        assert_eq!(en(3_601), "1 h 1 s");
        assert_eq!(en(86_400), "1 d");
        assert_eq!(zh(86_400), "1 天");
        assert_eq!(en(15_883_587), "183 d 20 h 6 min 27 s");
        assert_eq!(zh(15_883_587), "183 天 20 小时 6 分 27 秒");
        assert_eq!(en(1 << 62), "53375995583650 d 7 h 45 min 4 s");
        assert_eq!(en(i128::MIN).chars().next(), Some('-'));
        assert_eq!(en(-90), "-1 min 30 s");
    }

    #[test]
    fn texts_quote_and_continue() {
        let inner = Text::new(DumpKey::AgeBefore).seconds("age", 61);
        let t = Text::new(DumpKey::FreshArchived).with("readAt", "2026-06-01T00:00:00Z").part("age", inner);
        assert_eq!(
            t.render(Locale::En),
            "readAt 2026-06-01T00:00:00Z is 1 min 1 s before the verification time; maximum age disabled (archived dump)"
        );
        let both = Text::new(ChipKey::SexCode).with("value", "\"5\"").also(Text::new(TrustKey::ChainEmpty));
        assert!(both.render(Locale::ZhCn).contains('；'));
        assert_eq!(both.keys().len(), 2);
    }
}
