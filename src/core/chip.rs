//! The 256-byte chip text block (UTF-16LE) of the four card layouts, and the
//! card checks run on a signed dump (`CARD_NUMBER`, `CARD_CONSISTENCY`,
//! `CARD_VALIDITY`).
//!
//! The layout is chosen by the type marker at byte offset 248 (docs/spec/card-formats.md
//! §2): `Y` 2023 foreigner card, `I` 2017 foreigner card, `J` Hong Kong/Macao/
//! Taiwan residence permit, space for the mainland Resident ID card. Any other
//! marker is an error (a strict choice: vendor code treats everything else as
//! mainland, which would let a corrupted block pass as a mainland card).
//!
//! Each layout is one [`LayoutSpec`]: its marker, its rules and its field
//! table (name, 0-based byte offset, length), copied from the byte tables of
//! docs/spec/card-formats.md §2.2–2.5; one parser reads any of them.
//!
//! Fields are right-padded with spaces (NUL padding is tolerated); both are
//! trimmed. Dates are 8 UCS-2 digits `YYYYMMDD` and must be calendar dates; a
//! mainland end date of `长期` means no expiry. The photo and fingerprint
//! blocks are not part of the text block and are carried through untouched
//! by the dump layer (the WLT photo codec is proprietary).

use crate::core::date::Date;
use crate::core::i18n::{ChipKey, Locale, Text};
use crate::core::number::{self, Kind};
use serde::Serialize;

/// Length of the text block in bytes.
pub const TEXT_BLOCK_LEN: usize = 256;
/// Byte offset of the one-character type marker.
pub const TYPE_MARKER_OFFSET: usize = 248;

/// The four layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardLayout {
    /// Mainland second-generation Resident Identity Card (marker space).
    Mainland,
    /// 2017 Foreign Permanent Resident ID Card (marker `I`).
    Fpr2017,
    /// 2023 Foreign Permanent Resident ID Card (marker `Y`).
    Fpr2023,
    /// Hong Kong/Macao/Taiwan residence permit (marker `J`).
    Hmt,
}

/// Serialised as its report string (`as_str`: the one spelling of the layout names).
impl Serialize for CardLayout {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl CardLayout {
    fn spec(self) -> &'static LayoutSpec {
        match self {
            CardLayout::Mainland => &MAINLAND,
            CardLayout::Fpr2017 => &FPR2017,
            CardLayout::Fpr2023 => &FPR2023,
            CardLayout::Hmt => &HMT,
        }
    }

    /// The layout's string in reports.
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }

    /// Whether cards of this layout have a fingerprint file.
    pub fn has_fingerprint(self) -> bool {
        self.spec().fingerprint
    }

    /// The number kind printed on cards of this layout.
    pub fn number_kind(self) -> Kind {
        self.spec().number_kind
    }

    /// Every layout, in the order of the layout table.
    pub fn all() -> impl Iterator<Item = CardLayout> {
        LAYOUTS.into_iter().map(|l| l.layout)
    }
}

/// Sex field (GB/T 2261.1-2003).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChipSex {
    /// Code 0.
    Unknown,
    /// Code 1.
    Male,
    /// Code 2.
    Female,
    /// Code 9.
    NotStated,
}

/// The decoded text block. Fields a layout does not have are `None`.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChipCard {
    pub layout: CardLayout,
    /// The document number as stored on the chip (trimmed).
    pub number: String,
    /// Chinese name (all layouts; may be empty on foreigner cards).
    pub name: String,
    /// English name: 2017 card; 2023 card with its two parts joined.
    pub english_name: Option<String>,
    /// Raw GB/T 2261.1 code.
    pub sex_code: String,
    pub sex: ChipSex,
    pub birth_date: Date,
    /// Validity start (issue date on foreigner cards).
    pub valid_from: Date,
    /// Validity end; `None` means no expiry (长期, mainland cards only).
    pub valid_until: Option<Date>,
    /// GB/T 3304 ethnicity code, raw (mainland).
    pub ethnicity_code: Option<String>,
    /// Address (mainland, permit).
    pub address: Option<String>,
    /// Issuing authority (mainland, permit).
    pub issuing_authority: Option<String>,
    /// Nationality code as stored: alpha-3 (2017; most probably 2023) or
    /// three digits (accepted on 2023 cards).
    pub nationality: Option<String>,
    /// Card version (2017).
    pub card_version: Option<String>,
    /// Accepting-authority code (2017; meaning undocumented).
    pub authority_code: Option<String>,
    /// HK/Macao/Taiwan travel-permit number (permit).
    pub pass_number: Option<String>,
    /// Permit issue count.
    pub issue_count: Option<String>,
    /// Renewal count (2023).
    pub renewal_count: Option<String>,
    /// Association item for the earlier-version number (2023), raw.
    pub association_item: Option<String>,
    /// The earlier 15-character number, rebuilt from the association item
    /// (2023 cards whose holder had an earlier card).
    pub old_number: Option<String>,
    /// True when `old_number` was rebuilt (it is never read from the chip).
    pub old_number_rebuilt: bool,
}

crate::core::codes::wire_codes! {
    /// Why a text block could not be parsed (also the `reason` of a failed CARD_LAYOUT check).
    pub enum ChipErrorCode {
        /// The block is not 256 bytes (or a field lies outside it).
        Length = "LENGTH",
        /// The type marker at offset 248 is none of the four layouts'.
        TypeMarker = "TYPE_MARKER",
        /// A field holds an unpaired UTF-16 surrogate.
        Encoding = "ENCODING",
        /// A field's value is not what the layout allows (date, sex code, nationality).
        Field = "FIELD",
    }
}

/// Why a text block could not be parsed.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChipError {
    pub code: ChipErrorCode,
    /// In the `locale` of the call.
    pub message: String,
}

/// Why a text block could not be parsed, before it is put in words ([`ChipFault::render`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChipFault {
    pub code: ChipErrorCode,
    pub text: Text,
}

impl ChipFault {
    /// The error in `locale`.
    pub fn render(&self, locale: Locale) -> ChipError {
        ChipError { code: self.code, message: self.text.render(locale) }
    }
}

fn chip_err(code: ChipErrorCode, text: Text) -> ChipFault {
    ChipFault { code, text }
}

/// Message `key` about `field` (its name translated as a term).
fn about(key: ChipKey, field: Field) -> Text {
    Text::new(key).term("field", field.name)
}

/// One field of a layout: what it holds, its name in error messages, and its
/// 0-based byte offset and length in the text block.
#[derive(Clone, Copy, Debug)]
struct Field {
    slot: Slot,
    name: &'static str,
    offset: usize,
    len: usize,
}

const fn f(slot: Slot, name: &'static str, offset: usize, len: usize) -> Field {
    Field { slot, name, offset, len }
}

/// What a field holds: where it goes in [`ChipCard`] and how it is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Name,
    /// A whole English name (2017 card).
    EnglishName,
    /// Part of an English name: the parts are joined without a separator, then trimmed (2023 card).
    EnglishNamePart,
    Sex,
    BirthDate,
    ValidFrom,
    ValidUntil,
    Number,
    Ethnicity,
    Address,
    IssuingAuthority,
    Nationality,
    CardVersion,
    AuthorityCode,
    PassNumber,
    IssueCount,
    RenewalCount,
    AssociationItem,
}

/// One card layout: its marker, its rules, and its fields (docs/spec/card-formats.md
/// §2.2–2.5; reserved areas are not listed). The fields are listed in the order
/// they are checked, so the first bad one is the error reported.
#[derive(Debug)]
struct LayoutSpec {
    layout: CardLayout,
    /// The layout's string in reports.
    name: &'static str,
    /// The type marker at offset 248 (one UCS-2 character, high byte 0).
    marker: u8,
    /// Cards of this layout have a fingerprint file (§2.1).
    fingerprint: bool,
    /// The number kind printed on cards of this layout.
    number_kind: Kind,
    /// The end date may be `长期` (no expiry).
    long_term: bool,
    /// The nationality may be three digits as well as three letters (§2.5).
    numeric_nationality: bool,
    fields: &'static [Field],
}

/// §2.2, GA/T 490.
const MAINLAND: LayoutSpec = LayoutSpec {
    layout: CardLayout::Mainland,
    name: "mainland",
    marker: b' ',
    fingerprint: true,
    number_kind: Kind::Resident18,
    long_term: true,
    numeric_nationality: false,
    fields: &[
        f(Slot::Sex, "sex", 30, 2),
        f(Slot::Number, "number", 122, 36),
        f(Slot::Name, "name", 0, 30),
        f(Slot::BirthDate, "birth date", 36, 16),
        f(Slot::ValidFrom, "valid-from date", 188, 16),
        f(Slot::ValidUntil, "valid-until date", 204, 16),
        f(Slot::Ethnicity, "ethnicity", 32, 4),
        f(Slot::Address, "address", 52, 70),
        f(Slot::IssuingAuthority, "issuing authority", 158, 30),
    ],
};

/// §2.4: the mainland frame, with the reserved area holding the pass number
/// and issue count, and no ethnicity.
const HMT: LayoutSpec = LayoutSpec {
    layout: CardLayout::Hmt,
    name: "hmt",
    marker: b'J',
    fingerprint: true,
    number_kind: Kind::Hmt18,
    long_term: false,
    numeric_nationality: false,
    fields: &[
        f(Slot::Sex, "sex", 30, 2),
        f(Slot::Number, "number", 122, 36),
        f(Slot::Name, "name", 0, 30),
        f(Slot::BirthDate, "birth date", 36, 16),
        f(Slot::ValidFrom, "valid-from date", 188, 16),
        f(Slot::ValidUntil, "valid-until date", 204, 16),
        f(Slot::Address, "address", 52, 70),
        f(Slot::IssuingAuthority, "issuing authority", 158, 30),
        f(Slot::PassNumber, "pass number", 220, 18),
        f(Slot::IssueCount, "issue count", 238, 4),
    ],
};

/// §2.3.
const FPR2017: LayoutSpec = LayoutSpec {
    layout: CardLayout::Fpr2017,
    name: "fpr2017",
    marker: b'I',
    fingerprint: false,
    number_kind: Kind::Fpr15,
    long_term: false,
    numeric_nationality: false,
    fields: &[
        f(Slot::Sex, "sex", 120, 2),
        f(Slot::Number, "number", 122, 30),
        f(Slot::Name, "Chinese name", 158, 30),
        f(Slot::EnglishName, "English name", 0, 120),
        f(Slot::BirthDate, "birth date", 220, 16),
        f(Slot::ValidFrom, "issue date", 188, 16),
        f(Slot::ValidUntil, "expiry date", 204, 16),
        f(Slot::Nationality, "nationality", 152, 6),
        f(Slot::CardVersion, "card version", 236, 4),
        f(Slot::AuthorityCode, "authority code", 240, 8),
    ],
};

/// §2.5. The English name is characters 1–35 at offset 52 and 36–46 at offset 220.
const FPR2023: LayoutSpec = LayoutSpec {
    layout: CardLayout::Fpr2023,
    name: "fpr2023",
    marker: b'Y',
    fingerprint: false,
    number_kind: Kind::Fpr18,
    long_term: false,
    numeric_nationality: true,
    fields: &[
        f(Slot::Sex, "sex", 30, 2),
        f(Slot::EnglishNamePart, "English name", 52, 70),
        f(Slot::EnglishNamePart, "English name continuation", 220, 22),
        f(Slot::Number, "number", 122, 36),
        f(Slot::Nationality, "nationality", 242, 6),
        f(Slot::AssociationItem, "association item", 250, 6),
        f(Slot::Name, "Chinese name", 0, 30),
        f(Slot::BirthDate, "birth date", 36, 16),
        f(Slot::ValidFrom, "valid-from date", 188, 16),
        f(Slot::ValidUntil, "valid-until date", 204, 16),
        f(Slot::RenewalCount, "renewal count", 32, 4),
    ],
};

const LAYOUTS: [&LayoutSpec; 4] = [&MAINLAND, &FPR2017, &FPR2023, &HMT];

/// Decodes one UTF-16LE field and trims space/NUL padding. Unpaired
/// surrogates are an error: a chip never stores them.
fn decode(block: &[u8], field: Field) -> Result<String, ChipFault> {
    let bytes = block
        .get(field.offset..field.offset + field.len)
        .ok_or_else(|| chip_err(ChipErrorCode::Length, about(ChipKey::OutsideBlock, field)))?;
    let units = bytes.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]]));
    let mut s = String::with_capacity(field.len);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => s.push(c),
            Err(_) => return Err(chip_err(ChipErrorCode::Encoding, about(ChipKey::Surrogate, field))),
        }
    }
    Ok(s.trim_matches(|c| c == ' ' || c == '\0').to_owned())
}

/// Decodes a field without trimming (used to join the 2023 English name).
fn decode_raw(block: &[u8], field: Field) -> Result<String, ChipFault> {
    let bytes = block.get(field.offset..field.offset + field.len).unwrap_or_default();
    char::decode_utf16(bytes.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])))
        .collect::<Result<String, _>>()
        .map(|s| s.replace('\0', " "))
        .map_err(|_| chip_err(ChipErrorCode::Encoding, about(ChipKey::Surrogate, field)))
}

fn date_field(block: &[u8], field: Field) -> Result<Date, ChipFault> {
    let s = decode(block, field)?;
    Date::parse_yyyymmdd(&s).ok_or_else(|| not_a_date(field, &s))
}

fn not_a_date(field: Field, s: &str) -> ChipFault {
    chip_err(ChipErrorCode::Field, about(ChipKey::NotADate, field).with("value", format!("{s:?}")))
}

/// End date: a calendar date, or `长期` (no expiry) where allowed.
fn end_date_field(block: &[u8], field: Field, allow_long_term: bool) -> Result<Option<Date>, ChipFault> {
    let s = decode(block, field)?;
    if allow_long_term && s == "长期" {
        return Ok(None);
    }
    Date::parse_yyyymmdd(&s).map(Some).ok_or_else(|| not_a_date(field, &s))
}

/// GB/T 2261.1 sex code; anything but 0/1/2/9 is rejected (readers that map
/// "anything but 1" to female hide corrupted data).
fn sex_field(block: &[u8], field: Field) -> Result<(String, ChipSex), ChipFault> {
    let s = decode(block, field)?;
    let sex = match s.as_str() {
        "0" => ChipSex::Unknown,
        "1" => ChipSex::Male,
        "2" => ChipSex::Female,
        "9" => ChipSex::NotStated,
        _ => return Err(chip_err(ChipErrorCode::Field, Text::new(ChipKey::SexCode).with("value", format!("{s:?}")))),
    };
    Ok((s, sex))
}

/// The result of parsing a bare text block read from a local reader (`parseChipText`): data, never
/// an error. The fields are NOT authenticated; signed dumps go through `verify_dump`.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChipTextReport {
    pub ok: bool,
    pub error: Option<ChipError>,
    pub card: Option<ChipCard>,
}

impl ChipTextReport {
    /// Parses `block` into a report (its error in `locale`).
    pub fn parse(block: &[u8], locale: Locale) -> Self {
        match parse_text_block(block) {
            Ok(card) => ChipTextReport { ok: true, error: None, card: Some(card) },
            Err(e) => ChipTextReport { ok: false, error: Some(e.render(locale)), card: None },
        }
    }
}

/// Parses a 256-byte text block. Never panics.
pub fn parse_text_block(block: &[u8]) -> Result<ChipCard, ChipFault> {
    if block.len() != TEXT_BLOCK_LEN {
        return Err(chip_err(
            ChipErrorCode::Length,
            Text::new(ChipKey::Length).with("size", block.len()).with("expected", TEXT_BLOCK_LEN),
        ));
    }
    let marker = [block[TYPE_MARKER_OFFSET], block[TYPE_MARKER_OFFSET + 1]];
    match LAYOUTS.into_iter().find(|l| marker == [l.marker, 0]) {
        Some(spec) => parse_layout(block, spec),
        None => Err(chip_err(
            ChipErrorCode::TypeMarker,
            Text::new(ChipKey::TypeMarker).with("marker", format!("{:02x} {:02x}", marker[0], marker[1])),
        )),
    }
}

/// Reads the layout's fields in its order into a card; fields the layout
/// does not have stay `None`.
fn parse_layout(b: &[u8], spec: &LayoutSpec) -> Result<ChipCard, ChipFault> {
    let mut card = ChipCard {
        layout: spec.layout,
        number: String::new(),
        name: String::new(),
        english_name: None,
        sex_code: String::new(),
        sex: ChipSex::Unknown,
        birth_date: Date { year: 0, month: 1, day: 1 },
        valid_from: Date { year: 0, month: 1, day: 1 },
        valid_until: None,
        ethnicity_code: None,
        address: None,
        issuing_authority: None,
        nationality: None,
        card_version: None,
        authority_code: None,
        pass_number: None,
        issue_count: None,
        renewal_count: None,
        association_item: None,
        old_number: None,
        old_number_rebuilt: false,
    };
    let mut name_parts: Option<String> = None;
    for &field in spec.fields {
        match field.slot {
            Slot::Name => card.name = decode(b, field)?,
            Slot::EnglishName => card.english_name = Some(decode(b, field)?),
            Slot::EnglishNamePart => name_parts.get_or_insert_with(String::new).push_str(&decode_raw(b, field)?),
            Slot::Sex => (card.sex_code, card.sex) = sex_field(b, field)?,
            Slot::BirthDate => card.birth_date = date_field(b, field)?,
            Slot::ValidFrom => card.valid_from = date_field(b, field)?,
            Slot::ValidUntil => card.valid_until = end_date_field(b, field, spec.long_term)?,
            Slot::Number => card.number = decode(b, field)?,
            Slot::Ethnicity => card.ethnicity_code = Some(decode(b, field)?),
            Slot::Address => card.address = Some(decode(b, field)?),
            Slot::IssuingAuthority => card.issuing_authority = Some(decode(b, field)?),
            Slot::Nationality => card.nationality = Some(nationality_field(b, field, spec.numeric_nationality)?),
            Slot::CardVersion => card.card_version = Some(decode(b, field)?),
            Slot::AuthorityCode => card.authority_code = Some(decode(b, field)?),
            Slot::PassNumber => card.pass_number = Some(decode(b, field)?),
            Slot::IssueCount => card.issue_count = Some(decode(b, field)?),
            Slot::RenewalCount => card.renewal_count = Some(decode(b, field)?),
            Slot::AssociationItem => card.association_item = Some(decode(b, field)?),
        }
    }
    if let Some(parts) = name_parts {
        card.english_name = Some(parts.trim().to_owned());
    }
    if let (Some(nationality), Some(item)) = (&card.nationality, &card.association_item) {
        card.old_number = number::rebuild_fpr15(&card.number, nationality, item);
        card.old_number_rebuilt = card.old_number.is_some();
    }
    Ok(card)
}

/// Nationality field: three upper-case letters; on 2023 cards three digits
/// are accepted too (the sources do not settle which one the chip holds).
fn nationality_field(b: &[u8], field: Field, digits_allowed: bool) -> Result<String, ChipFault> {
    let s = decode(b, field)?;
    let bytes = s.as_bytes();
    let letters = bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase);
    let digits = digits_allowed && bytes.len() == 3 && bytes.iter().all(u8::is_ascii_digit);
    if letters || digits {
        Ok(s)
    } else {
        let key = if digits_allowed { ChipKey::NationalityOrDigits } else { ChipKey::Nationality };
        Err(chip_err(ChipErrorCode::Field, Text::new(key).with("value", format!("{s:?}"))))
    }
}

// Native only: proptest is a native dev-dependency (wasm test builds, e.g. `wasm-pack test`,
// compile every test target).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;

    /// Builds a text block from (offset, text) pairs, space padded.
    pub(crate) fn block(fields: &[(usize, &str)], marker: char) -> Vec<u8> {
        let mut b: Vec<u8> = std::iter::repeat([0x20u8, 0]).take(128).flatten().collect();
        for (offset, text) in fields {
            for (i, u) in text.encode_utf16().enumerate() {
                let [lo, hi] = u.to_le_bytes();
                b[offset + 2 * i] = lo;
                b[offset + 2 * i + 1] = hi;
            }
        }
        b[248] = marker as u8;
        b
    }

    /// The 2023 specimen card (NIA), with association item `assoc`.
    pub(crate) fn y_card(assoc: &str) -> Vec<u8> {
        block(
            &[
                (0, "证件样本"),
                (30, "2"),
                (32, "00"),
                (36, "19810803"),
                (52, "ZHENGJIAN, YANGBEN"),
                (122, "911124198108030024"),
                (188, "20230915"),
                (204, "20330914"),
                (242, "CAN"),
                (250, assoc),
            ],
            'Y',
        )
    }

    /// A HK/Macao/Taiwan residence permit (born 1990-01-01, male) with its pass number, issue count 01.
    pub(crate) fn j_card(number: &str, pass_number: &str) -> Vec<u8> {
        block(
            &[
                (0, "港澳样本"),
                (30, "1"),
                (36, "19900101"),
                (52, "北京市东城区"),
                (122, number),
                (158, "北京市公安局"),
                (188, "20240101"),
                (204, "20290101"),
                (220, pass_number),
                (238, "01"),
            ],
            'J',
        )
    }

    /// A mainland card (GB 11643 example number) valid until `until`.
    pub(crate) fn mainland(until: &str) -> Vec<u8> {
        block(
            &[
                (0, "张三"),
                (30, "2"),
                (32, "01"),
                (36, "19491231"),
                (52, "北京市东城区"),
                (122, "11010519491231002X"),
                (158, "北京市公安局东城分局"),
                (188, "20200101"),
                (204, until),
            ],
            ' ',
        )
    }

    #[test]
    fn parses_2023_card() {
        let c = parse_text_block(&y_card("000")).unwrap();
        assert_eq!(c.layout, CardLayout::Fpr2023);
        assert_eq!(c.name, "证件样本");
        assert_eq!(c.english_name.as_deref(), Some("ZHENGJIAN, YANGBEN"));
        assert_eq!(c.sex, ChipSex::Female);
        assert_eq!(c.birth_date.to_string(), "1981-08-03");
        assert_eq!(c.valid_until.map(|d| d.to_string()).as_deref(), Some("2033-09-14"));
        assert_eq!(c.renewal_count.as_deref(), Some("00"));
        assert_eq!(c.nationality.as_deref(), Some("CAN"));
        assert_eq!(c.old_number, None);
        assert!(!c.old_number_rebuilt);
    }

    #[test]
    fn rebuilds_old_number_from_association_item() {
        let c = parse_text_block(&y_card("001")).unwrap();
        // docs/spec/card-formats.md §1.7: item 001 gives CAN110081080310.
        assert_eq!(c.old_number.as_deref(), Some("CAN110081080310"));
        assert!(c.old_number_rebuilt);
        assert_eq!(number::rebuild_fpr15("911124198108030024", "124", "001").as_deref(), Some("CAN110081080310"));
        assert_eq!(number::rebuild_fpr15("911124198108030024", "CAN", ""), None);
        assert_eq!(number::rebuild_fpr15("911124198108030024", "CAN", "0A1"), None);
    }

    #[test]
    fn english_name_joins_without_separator() {
        let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHI"; // 35 characters
        let mut b = y_card("000");
        for (i, u) in long.encode_utf16().chain("JKLM".encode_utf16()).enumerate() {
            let off = if i < 35 { 52 + 2 * i } else { 220 + 2 * (i - 35) };
            b[off..off + 2].copy_from_slice(&u.to_le_bytes());
        }
        let c = parse_text_block(&b).unwrap();
        assert_eq!(c.english_name.as_deref(), Some("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLM"));
    }

    #[test]
    fn parses_mainland_long_term() {
        let c = parse_text_block(&mainland("长期")).unwrap();
        assert_eq!(c.layout, CardLayout::Mainland);
        assert_eq!(c.valid_until, None);
        assert_eq!(c.ethnicity_code.as_deref(), Some("01"));
        assert_eq!(c.issuing_authority.as_deref(), Some("北京市公安局东城分局"));
    }

    #[test]
    fn parse_errors() {
        assert_eq!(parse_text_block(&[0u8; 255]).unwrap_err().code.as_str(), "LENGTH");
        let mut b = y_card("000");
        b[248] = b'Z';
        assert_eq!(parse_text_block(&b).unwrap_err().code.as_str(), "TYPE_MARKER");
        let mut b = y_card("000");
        b[0..2].copy_from_slice(&0xD800u16.to_le_bytes());
        assert_eq!(parse_text_block(&b).unwrap_err().code.as_str(), "ENCODING");
        let mut b = y_card("000");
        b[36 + 8..36 + 10].copy_from_slice(&u16::from(b'3').to_le_bytes()); // month 18
        assert_eq!(parse_text_block(&b).unwrap_err().code.as_str(), "FIELD");
        let mut b = y_card("000");
        b[30] = b'5';
        assert_eq!(parse_text_block(&b).unwrap_err().code.as_str(), "FIELD");
    }

    #[test]
    fn nul_padding_is_tolerated() {
        let mut b = y_card("000");
        for i in (0..30).step_by(2).skip(4) {
            b[i] = 0;
        }
        assert_eq!(parse_text_block(&b).unwrap().name, "证件样本");
    }

    /// The tables agree with the reference's byte counts: every field lies in
    /// the block, clear of the type marker and of every other field, and
    /// every layout has the fields a [`ChipCard`] cannot do without.
    #[test]
    fn layout_tables_are_consistent() {
        for spec in LAYOUTS {
            assert_eq!(spec.layout.spec().name, spec.name);
            let mut used = [false; TEXT_BLOCK_LEN];
            used[TYPE_MARKER_OFFSET..TYPE_MARKER_OFFSET + 2].fill(true);
            for field in spec.fields {
                assert!(field.offset % 2 == 0 && field.len % 2 == 0, "{} {}", spec.name, field.name);
                for byte in &mut used[field.offset..field.offset + field.len] {
                    assert!(!*byte, "{}: {} overlaps", spec.name, field.name);
                    *byte = true;
                }
            }
            for slot in [Slot::Sex, Slot::Number, Slot::Name, Slot::BirthDate, Slot::ValidFrom, Slot::ValidUntil] {
                assert_eq!(spec.fields.iter().filter(|f| f.slot == slot).count(), 1, "{} {slot:?}", spec.name);
            }
        }
    }

    /// Field names appear in error messages as terms: each has its Chinese name.
    #[test]
    fn every_field_name_has_a_chinese_name() {
        for field in LAYOUTS.iter().flat_map(|spec| spec.fields) {
            assert!(crate::core::i18n::zh_cn::term(field.name).is_some(), "no Chinese for field {:?}", field.name);
        }
        let e = parse_text_block(&[0u8; 255]).unwrap_err();
        assert_eq!(e.render(Locale::En).message, "the text block is 255 bytes; it must be exactly 256");
        assert_eq!(e.render(Locale::ZhCn).message, "文本块为 255 字节；必须恰好为 256 字节");
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_blocks_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300), marker in proptest::sample::select(vec![b' ', b'I', b'J', b'Y', b'Z'])) {
            let mut b = bytes;
            if b.len() > 249 { b[248] = marker; b[249] = 0; }
            let _ = parse_text_block(&b);
        }
    }
}
