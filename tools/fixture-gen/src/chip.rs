//! Builder for the 256-byte chip text block (docs/spec/card-formats.md §2.2–2.5): UTF-16LE, every field
//! right-padded with U+0020, type marker at byte 248.

use serde_json::{json, Map, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layout {
    /// Mainland Resident Identity Card (marker: space).
    Mainland,
    /// 2017 Foreign Permanent Resident ID Card (marker `I`).
    Fpr2017,
    /// 2023 Foreign Permanent Resident ID Card (marker `Y`).
    Fpr2023,
    /// Hong Kong/Macao/Taiwan Residence Permit (marker `J`).
    Hmt,
}

impl Layout {
    pub fn id(self) -> &'static str {
        match self {
            Layout::Mainland => "mainland",
            Layout::Fpr2017 => "fpr2017",
            Layout::Fpr2023 => "fpr2023",
            Layout::Hmt => "hmt",
        }
    }
    pub fn marker(self) -> char {
        match self {
            Layout::Mainland => ' ',
            Layout::Fpr2017 => 'I',
            Layout::Fpr2023 => 'Y',
            Layout::Hmt => 'J',
        }
    }
}

/// One card's chip data. Fields that a layout does not have are left empty.
#[derive(Clone, Debug)]
pub struct Card {
    pub layout: Layout,
    /// Chinese name (mainland/J: 姓名; Y and I: 中文姓名).
    pub name: String,
    /// English name (Y: up to 46 chars split 35 + 11; I: up to 60 chars).
    pub english_name: String,
    /// GB/T 2261.1 code as one digit.
    pub sex: char,
    /// Mainland: 民族代码 (2 digits).
    pub ethnicity: String,
    /// Y: 换证次数 (2 digits).
    pub renewal_count: String,
    /// YYYYMMDD.
    pub birth: String,
    /// Mainland/J: 住址.
    pub address: String,
    pub number: String,
    /// Mainland/J: 签发机关.
    pub issuing_authority: String,
    /// YYYYMMDD.
    pub valid_from: String,
    /// YYYYMMDD or 长期 (mainland only).
    pub valid_until: String,
    /// Y/I: 3-letter nationality.
    pub nationality: String,
    /// Y: association item (3 chars).
    pub association: String,
    /// I: card version (2 chars).
    pub card_version: String,
    /// I: accepting-authority code (4 chars).
    pub authority_code: String,
    /// J: pass number (9 chars).
    pub pass_number: String,
    /// J: issue count (2 chars).
    pub issue_count: String,
    /// Replace the type marker (for the unknown-marker fixture).
    pub marker_override: Option<char>,
}

impl Card {
    pub fn blank(layout: Layout) -> Card {
        Card {
            layout,
            name: String::new(),
            english_name: String::new(),
            sex: '0',
            ethnicity: String::new(),
            renewal_count: String::new(),
            birth: String::new(),
            address: String::new(),
            number: String::new(),
            issuing_authority: String::new(),
            valid_from: String::new(),
            valid_until: String::new(),
            nationality: String::new(),
            association: String::new(),
            card_version: String::new(),
            authority_code: String::new(),
            pass_number: String::new(),
            issue_count: String::new(),
            marker_override: None,
        }
    }

    /// The 256-byte block.
    pub fn text_block(&self) -> Vec<u8> {
        let mut b = Block::new();
        let sex = self.sex.to_string();
        match self.layout {
            Layout::Mainland | Layout::Hmt => {
                b.put(0, 30, &self.name);
                b.put(30, 2, &sex);
                if self.layout == Layout::Mainland {
                    b.put(32, 4, &self.ethnicity);
                }
                b.put(36, 16, &self.birth);
                b.put(52, 70, &self.address);
                b.put(122, 36, &self.number);
                b.put(158, 30, &self.issuing_authority);
                b.put(188, 16, &self.valid_from);
                b.put(204, 16, &self.valid_until);
                if self.layout == Layout::Hmt {
                    b.put(220, 18, &self.pass_number);
                    b.put(238, 4, &self.issue_count);
                }
            }
            Layout::Fpr2017 => {
                b.put(0, 120, &self.english_name);
                b.put(120, 2, &sex);
                b.put(122, 30, &self.number);
                b.put(152, 6, &self.nationality);
                b.put(158, 30, &self.name);
                b.put(188, 16, &self.valid_from);
                b.put(204, 16, &self.valid_until);
                b.put(220, 16, &self.birth);
                b.put(236, 4, &self.card_version);
                b.put(240, 8, &self.authority_code);
            }
            Layout::Fpr2023 => {
                let en: Vec<char> = self.english_name.chars().collect();
                assert!(en.len() <= 46, "English name too long for the 2023 chip");
                let first: String = en.iter().take(35).collect();
                let rest: String = en.iter().skip(35).collect();
                b.put(0, 30, &self.name);
                b.put(30, 2, &sex);
                b.put(32, 4, &self.renewal_count);
                b.put(36, 16, &self.birth);
                b.put(52, 70, &first);
                b.put(122, 36, &self.number);
                b.put(188, 16, &self.valid_from);
                b.put(204, 16, &self.valid_until);
                b.put(220, 22, &rest);
                b.put(242, 6, &self.nationality);
                b.put(250, 6, &self.association);
            }
        }
        let marker = self.marker_override.unwrap_or(self.layout.marker());
        b.put(248, 2, &marker.to_string());
        b.0
    }

    /// Expected decoded fields (trailing spaces trimmed), for tests/fixtures/chip/manifest.json and
    /// the dump manifest's "card" object.
    pub fn expected(&self) -> Value {
        let mut m = Map::new();
        m.insert("layout".into(), json!(self.layout.id()));
        m.insert("marker".into(), json!(self.layout.marker().to_string()));
        m.insert("number".into(), json!(self.number));
        m.insert("name".into(), json!(self.name));
        if matches!(self.layout, Layout::Fpr2017 | Layout::Fpr2023) {
            m.insert("englishName".into(), json!(self.english_name));
        }
        m.insert("sex".into(), json!(self.sex.to_string()));
        m.insert("birthDate".into(), json!(iso(&self.birth)));
        m.insert("validFrom".into(), json!(iso(&self.valid_from)));
        m.insert(
            "validUntil".into(),
            if self.valid_until == "长期" { Value::Null } else { json!(iso(&self.valid_until)) },
        );
        match self.layout {
            Layout::Mainland => {
                m.insert("validUntilRaw".into(), json!(self.valid_until));
                m.insert("ethnicity".into(), json!(self.ethnicity));
                m.insert("address".into(), json!(self.address));
                m.insert("issuingAuthority".into(), json!(self.issuing_authority));
            }
            Layout::Hmt => {
                m.insert("address".into(), json!(self.address));
                m.insert("issuingAuthority".into(), json!(self.issuing_authority));
                m.insert("passNumber".into(), json!(self.pass_number));
                m.insert("issueCount".into(), json!(self.issue_count));
            }
            Layout::Fpr2017 => {
                m.insert("nationality".into(), json!(self.nationality));
                m.insert("cardVersion".into(), json!(self.card_version));
                m.insert("authorityCode".into(), json!(self.authority_code));
            }
            Layout::Fpr2023 => {
                m.insert("nationality".into(), json!(self.nationality));
                m.insert("renewalCount".into(), json!(self.renewal_count));
                m.insert("associationItem".into(), json!(self.association));
                m.insert(
                    "oldNumber".into(),
                    match rebuild_old_number(self) {
                        Some(s) => json!(s),
                        None => Value::Null,
                    },
                );
            }
        }
        Value::Object(m)
    }
}

fn iso(d: &str) -> String {
    assert_eq!(d.len(), 8, "date {d}");
    format!("{}-{}-{}", &d[0..4], &d[4..6], &d[6..8])
}

struct Block(Vec<u8>);

impl Block {
    fn new() -> Block {
        // Everything starts as U+0020 padding.
        let mut v = Vec::with_capacity(256);
        for _ in 0..128 {
            v.extend_from_slice(&[0x20, 0x00]);
        }
        Block(v)
    }
    fn put(&mut self, offset: usize, len: usize, text: &str) {
        let units: Vec<u16> = text.encode_utf16().collect();
        assert!(units.len() * 2 <= len, "field at {offset} too long: {text:?}");
        for (i, u) in units.iter().enumerate() {
            self.0[offset + 2 * i..offset + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
    }
}

/// ISO 7064 MOD 11-2 check character for the first 17 digits.
pub fn mod11_2(body17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let s: u32 = body17.chars().zip(W.iter()).map(|(c, w)| c.to_digit(10).expect("digit") * w).sum();
    b"10X98765432"[(s % 11) as usize] as char
}

/// ICAO 9303 7-3-1 check digit over 14 characters.
pub fn icao731(body14: &str) -> char {
    let s: u32 = body14
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let v = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            };
            v * [7, 3, 1][i % 3]
        })
        .sum();
    char::from_digit(s % 10, 10).unwrap()
}

pub fn with_mod11(body17: &str) -> String {
    format!("{body17}{}", mod11_2(body17))
}

/// docs/spec/card-formats.md §1.7: NAT3 + new[2..3] + assoc[1..2] + new[9..14] + assoc[3] + 7-3-1 check.
/// Blank and `000` mean "no earlier number".
pub fn rebuild_old_number(card: &Card) -> Option<String> {
    let a = card.association.trim();
    if a.is_empty() || a == "000" {
        return None;
    }
    let n = &card.number;
    let body = format!("{}{}{}{}{}", card.nationality, &n[1..3], &a[0..2], &n[8..14], &a[2..3]);
    Some(format!("{body}{}", icao731(&body)))
}

/// The valid sample cards (all specimen/test data, clearly not real people).
pub fn samples() -> Vec<(&'static str, Card)> {
    let mut out = Vec::new();

    // 2023 FPR card, the NIA specimen data.
    let mut y = Card::blank(Layout::Fpr2023);
    y.name = "证件样本".into();
    y.sex = '2';
    y.renewal_count = "00".into();
    y.birth = "19810803".into();
    y.english_name = "ZHENGJIAN, YANGBEN".into();
    y.number = "911124198108030024".into();
    y.valid_from = "20230915".into();
    y.valid_until = "20330914".into();
    y.nationality = "CAN".into();
    y.association = "000".into();
    out.push(("y-specimen", y));

    // 2023 FPR card with an association item (old number rebuildable) and an English name longer than
    // 35 characters (continuation field at offset 220 used).
    let mut y2 = Card::blank(Layout::Fpr2023);
    y2.name = "测试证件".into();
    y2.sex = '1';
    y2.renewal_count = "01".into();
    y2.birth = "19900101".into();
    y2.english_name = "CESHIZHENGJIAN, SAMPLE ALEXANDER MAXIMILIAN".into();
    y2.number = with_mod11("93184019900101001");
    y2.valid_from = "20240302".into();
    y2.valid_until = "20340301".into();
    y2.nationality = "USA".into();
    y2.association = "001".into();
    out.push(("y-assoc", y2));

    // 2017 FPR card.
    let mut i = Card::blank(Layout::Fpr2017);
    i.english_name = "ZHENGJIAN,YANGBEN".into();
    i.sex = '1';
    i.number = "KAZ110090123105".into();
    i.nationality = "KAZ".into();
    i.name = "测试样本".into();
    i.valid_from = "20200101".into();
    i.valid_until = "20300101".into();
    i.birth = "19901231".into();
    i.card_version = "01".into();
    i.authority_code = "1100".into();
    out.push(("i-sample", i));

    // Hong Kong/Macao/Taiwan residence permit.
    let mut j = Card::blank(Layout::Hmt);
    j.name = "港澳样本".into();
    j.sex = '1';
    j.birth = "19900101".into();
    j.address = "北京市东城区测试路1号（测试数据）".into();
    j.number = "810000199001011230".into();
    j.issuing_authority = "测试公安局（样本）".into();
    j.valid_from = "20240101".into();
    j.valid_until = "20290101".into();
    j.pass_number = "H12345678".into();
    j.issue_count = "01".into();
    out.push(("j-sample", j));

    // Mainland card, no expiry (长期).
    let mut m = Card::blank(Layout::Mainland);
    m.name = "测试样本".into();
    m.sex = '2';
    m.ethnicity = "01".into();
    m.birth = "19491231".into();
    m.address = "北京市朝阳区测试路1号（测试数据）".into();
    m.number = "11010519491231002X".into();
    m.issuing_authority = "测试公安局（样本）".into();
    m.valid_from = "20100101".into();
    m.valid_until = "长期".into();
    out.push(("mainland-longterm", m));

    // Mainland card with a real end date.
    let mut m2 = Card::blank(Layout::Mainland);
    m2.name = "样本测试".into();
    m2.sex = '1';
    m2.ethnicity = "03".into();
    m2.birth = "19900307".into();
    m2.address = "北京市朝阳区样本路88号（测试数据）".into();
    m2.number = with_mod11("11010519900307123");
    m2.issuing_authority = "测试公安局（样本）".into();
    m2.valid_from = "20200307".into();
    m2.valid_until = "20400307".into();
    out.push(("mainland-dated", m2));

    out
}

pub fn sample(id: &str) -> Card {
    samples().into_iter().find(|(n, _)| *n == id).unwrap().1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_match_card_formats_vectors() {
        assert_eq!(mod11_2("91112419810803002"), '4');
        assert_eq!(mod11_2("11010519491231002"), 'X');
        assert_eq!(mod11_2("81000019900101123"), '0');
        assert_eq!(icao731("KAZ11009012310"), '5');
        assert_eq!(icao731("CAN11008108031"), '0');
    }

    #[test]
    fn blocks_are_256_bytes_with_marker() {
        for (_, c) in samples() {
            let b = c.text_block();
            assert_eq!(b.len(), 256);
            assert_eq!(b[248], c.layout.marker() as u8);
            assert_eq!(b[249], 0);
        }
    }
}
