//! 简体中文消息：每个键一个模板（占位符见 `super`）。

use super::NumberKey as N;
use crate::core::number::kinds::ProvinceTable;
use crate::core::number::Kind;

/// 号码消息的模板。
pub fn number(key: N) -> &'static str {
    match key {
        N::Empty => "输入为空",
        N::TooLong => "输入长 {length} 字节，最多只检查 {limit} 字节",
        N::CharacterAt => "第 {positions} 位的字符 {shown} 不允许（只允许数字和字母）",
        N::CharacterBeyond => "含有数字和字母以外的字符",
        N::StrictUppercase => "严格模式要求大写字母（例如 'X'，而不是 'x'）",
        N::Length => "长度为 {length} 个字符：证件号码应为 15 或 18 位，通行证号码为 8 到 11 位",
        N::LengthOptIn => {
            "长度为 {length} 个字符：证件号码应为 15 或 18 位；只有 kinds 选项包含 {optInKind} 时才识别 {optInKind} 号码（任意 {length} 位数字都会被当作此类号码）"
        }
        N::KindNotAllowed => "此处不接受 {kind} 号码（接受：{allowed}）",
        N::Format => "第 {positions} 位的字符 {shown} 在该位置不允许（{rule}）",
        N::CheckDigit => "校验码为 '{actual}'，应为 '{expected}'（{algorithm}）",
        N::CheckDigitAccepted => "因 fpr15 的校验规则未经证实，仍予接受（fpr15CheckDigit: 'warning'）",
        N::LegacyNumber => "旧版 15 位号码（GB 11643-1989）：没有校验码，无法发现输入错误",
        N::NoCheckCharacter => "{kind} 号码没有校验码，无法发现输入错误",
        N::OldPassFormat => "旧版 {length} 位格式：终身号码 {number} 后接{counted} {count}；现行通行证只有终身号码",
        N::BirthNotADate => "出生日期数字 {value} 不是有效日期",
        N::BirthAfterCheckDate => "出生日期 {value} 晚于核验日期 {limit}",
        N::BirthBeforeMinimum => "出生日期 {value} 早于 {limit}",
        N::BirthCenturyInferred => "号码只记录两位年份；按不晚于核验日期 {checkDate} 推定出生年份为 {birthYear} 年",
        N::Region => "地区代码 {code} 不是{table}",
        N::NationalityUnknown => "国籍代码 {code} 不是 ISO 3166-1 代码",
        N::NationalityChina => "国籍为中国（156/CHN），外国人证件不能使用",
        N::NationalityUnusual => "外国人证件上不应出现国籍 {code}（{name}）",
    }
}

/// 号码类型的格式说明（`FORMAT` 消息）。
pub fn kind_rule(kind: Kind) -> &'static str {
    match kind {
        Kind::Fpr18 => "fpr18 为 '9' + 16 位数字 + 1 位数字或 'X'",
        Kind::Fpr15 => "fpr15 为 3 个字母 + 12 位数字",
        Kind::Resident18 => "resident18 为 17 位数字 + 1 位数字或 'X'",
        Kind::Resident15 => "resident15 为 15 位数字",
        Kind::Hmt18 => "hmt18 为 810000/820000/830000 + 11 位数字 + 1 位数字或 'X'",
        Kind::HkmoPass => "hkmo_pass 为 'H' 或 'M' + 8 位数字（旧版通行证另加 2 位换证次数）",
        Kind::TwPass => "tw_pass 为 8 位数字（旧版通行证另加 2 位签发次数）",
    }
}

/// 旧版通行证号码末 2 位计数的含义（`OLD_PASS_FORMAT` 消息）。
pub fn older_count(kind: Kind) -> &'static str {
    match kind {
        Kind::HkmoPass => "换证次数",
        _ => "签发次数",
    }
}

/// 省级代码表的说明（`REGION` 消息）。
pub(crate) fn province_table(table: ProvinceTable) -> &'static str {
    match table {
        ProvinceTable::Mainland => "大陆省级行政区划代码（11–65）",
        ProvinceTable::Gb2260 => "GB/T 2260 省级行政区划代码（11–65、71、81、82）",
    }
}
