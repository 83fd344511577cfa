#!/usr/bin/env python3
"""Generate src/core/tables.rs from the committed inputs in tools/data/.

Inputs (committed, read-only; tools/data/manifest.json records their source and sha256, checked on
every run):
  * tools/data/iso_3166-1.json          ISO 3166-1 countries (Debian iso-codes, verbatim)
  * tools/data/iso_3166-1.zh_CN.tsv     Simplified Chinese names keyed by the English `name`,
    extracted from iso-codes' zh_CN gettext catalogue (English<TAB>Chinese, one per line)
  * the GB/T 2260 province-level table hard-coded below

Usage:
  python3 tools/gen_tables.py           # (re)write src/core/tables.rs
  python3 tools/gen_tables.py --check   # exit 1 if the committed file differs (never skips)
  python3 tools/gen_tables.py --import  # refresh tools/data/ from this machine's iso-codes package
                                        # (/usr/share/iso-codes, /usr/share/locale/zh_CN); review the diff

The output is deterministic: the same inputs always give the same bytes.
Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import subprocess
import sys
from pathlib import Path

import hashlib

SYSTEM_ISO_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
SYSTEM_ZH_MO = Path("/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo")

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT / "tools" / "data"
ISO_JSON = DATA / "iso_3166-1.json"
ZH_TSV = DATA / "iso_3166-1.zh_CN.tsv"
MANIFEST = DATA / "manifest.json"
OUT_REL = Path("src") / "core" / "tables.rs"
OUT_PATH = REPO_ROOT / OUT_REL

# GB/T 2260 province-level divisions: (code, Chinese, English, mainland).
PROVINCES = [
    (11, "北京", "Beijing", True),
    (12, "天津", "Tianjin", True),
    (13, "河北", "Hebei", True),
    (14, "山西", "Shanxi", True),
    (15, "内蒙古", "Inner Mongolia", True),
    (21, "辽宁", "Liaoning", True),
    (22, "吉林", "Jilin", True),
    (23, "黑龙江", "Heilongjiang", True),
    (31, "上海", "Shanghai", True),
    (32, "江苏", "Jiangsu", True),
    (33, "浙江", "Zhejiang", True),
    (34, "安徽", "Anhui", True),
    (35, "福建", "Fujian", True),
    (36, "江西", "Jiangxi", True),
    (37, "山东", "Shandong", True),
    (41, "河南", "Henan", True),
    (42, "湖北", "Hubei", True),
    (43, "湖南", "Hunan", True),
    (44, "广东", "Guangdong", True),
    (45, "广西", "Guangxi", True),
    (46, "海南", "Hainan", True),
    (50, "重庆", "Chongqing", True),
    (51, "四川", "Sichuan", True),
    (52, "贵州", "Guizhou", True),
    (53, "云南", "Yunnan", True),
    (54, "西藏", "Tibet (Xizang)", True),
    (61, "陕西", "Shaanxi", True),
    (62, "甘肃", "Gansu", True),
    (63, "青海", "Qinghai", True),
    (64, "宁夏", "Ningxia", True),
    (65, "新疆", "Xinjiang", True),
    (71, "台湾", "Taiwan", False),
    (81, "香港", "Hong Kong", False),
    (82, "澳门", "Macao", False),
]


class _MissingRecorder(gettext.NullTranslations):
    """Fallback that records every msgid the real catalogue lacks."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: list[str] = []

    def gettext(self, message: str) -> str:
        self.missing.append(message)
        return message


def rust_str(s: str) -> str:
    """Render `s` as a Rust string literal.

    Quotes and backslashes are escaped as json.dumps does; other control
    characters use Rust's `\\u{..}` form; non-ASCII text stays as UTF-8.
    """
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def read_zh_tsv() -> dict[str, str]:
    names = {}
    for n, line in enumerate(ZH_TSV.read_text(encoding="utf-8").splitlines(), 1):
        en, sep, zh = line.partition("\t")
        if not sep or not en or not zh or "\t" in zh:
            raise ValueError(f"{ZH_TSV}:{n}: expected English<TAB>Chinese")
        if en in names:
            raise ValueError(f"{ZH_TSV}:{n}: {en!r} listed twice")
        names[en] = zh
    return names


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_inputs() -> str:
    """Checks tools/data/ against its manifest; returns the source version."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for name, want in manifest["sha256"].items():
        got = sha256(DATA / name)
        if got != want:
            raise SystemExit(f"gen_tables: error: tools/data/{name} has sha256 {got}, manifest.json says {want}")
    return manifest["iso_codes_version"]


def import_system_data() -> int:
    """Refreshes tools/data/ from Debian's iso-codes package on this machine."""
    for p in (SYSTEM_ISO_JSON, SYSTEM_ZH_MO):
        if not p.is_file():
            print(f"gen_tables: error: {p} not found (install Debian's iso-codes with its zh_CN catalogue)", file=sys.stderr)
            return 2
    DATA.mkdir(parents=True, exist_ok=True)
    ISO_JSON.write_bytes(SYSTEM_ISO_JSON.read_bytes())
    with SYSTEM_ZH_MO.open("rb") as f:
        zh = gettext.GNUTranslations(f)
    recorder = _MissingRecorder()
    zh.add_fallback(recorder)
    lines = []
    for e in sorted(json.loads(ISO_JSON.read_text(encoding="utf-8"))["3166-1"], key=lambda e: e["alpha_3"]):
        before = len(recorder.missing)
        name_zh = zh.gettext(e["name"])
        if len(recorder.missing) == before and name_zh:
            lines.append(f"{e['name']}\t{name_zh}\n")
    ZH_TSV.write_text("".join(lines), encoding="utf-8")
    manifest = {
        "source": "Debian package iso-codes: json/iso_3166-1.json (verbatim) and the zh_CN iso_3166-1 gettext "
        "catalogue (extracted by tools/gen_tables.py --import)",
        "iso_codes_version": iso_codes_version(),
        "sha256": {p.name: sha256(p) for p in (ISO_JSON, ZH_TSV)},
    }
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"gen_tables: wrote tools/data/ from iso-codes {manifest['iso_codes_version']} ({len(lines)} zh names)")
    return 0


def iso_codes_version() -> str:
    try:
        res = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unknown"
    version = res.stdout.strip()
    if res.returncode != 0 or not version:
        return "unknown"
    return version


def load_countries() -> tuple[list[dict], list[str]]:
    """Return (countries sorted by alpha3, English names lacking Chinese)."""
    with ISO_JSON.open(encoding="utf-8") as f:
        entries = json.load(f)["3166-1"]
    zh_names = read_zh_tsv()

    countries = []
    missing = []
    for e in entries:
        alpha2, alpha3, numeric, name = e["alpha_2"], e["alpha_3"], e["numeric"], e["name"]
        if not re.fullmatch(r"[A-Z]{2}", alpha2):
            raise ValueError(f"bad alpha_2 {alpha2!r}")
        if not re.fullmatch(r"[A-Z]{3}", alpha3):
            raise ValueError(f"bad alpha_3 {alpha3!r}")
        if not re.fullmatch(r"[0-9]{3}", numeric):
            raise ValueError(f"bad numeric {numeric!r} for {alpha3}")
        name_zh = zh_names.get(name)
        if not name_zh:
            missing.append(name)
            name_zh = name
        countries.append(
            {
                "alpha2": alpha2,
                "alpha3": alpha3,
                "numeric": int(numeric, 10),
                "name_en": name,
                "name_zh": name_zh,
            }
        )

    countries.sort(key=lambda c: c["alpha3"])
    for key in ("alpha2", "alpha3", "numeric"):
        seen = [c[key] for c in countries]
        if len(set(seen)) != len(seen):
            raise ValueError(f"duplicate {key} values in {ISO_JSON}")
    if len(countries) > 0xFFFF:
        raise ValueError("too many countries for u16 indices")
    return countries, sorted(missing)


def render(countries: list[dict], version: str) -> str:
    n = len(countries)
    by_numeric = sorted(range(n), key=lambda i: countries[i]["numeric"])
    mainland_count = sum(1 for p in PROVINCES if p[3])
    codes = [p[0] for p in PROVINCES]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)

    L: list[str] = []
    w = L.append
    w(f"// Generated by tools/gen_tables.py from Debian iso-codes {version}; do not edit by hand")
    w("// Regenerate with `python3 tools/gen_tables.py`; CI runs it with `--check`.")
    w("//")
    w("// Sources: ISO 3166-1 (iso-codes json/iso_3166-1.json), Simplified Chinese")
    w("// names from the iso-codes zh_CN gettext catalogue, and the GB/T 2260")
    w("// province-level codes hard-coded in the generator.")
    w("")
    w("//! Static lookup tables: ISO 3166-1 countries and GB/T 2260 provinces.")
    w("")
    w("/// One ISO 3166-1 country or territory.")
    w("#[derive(Debug, Clone, Copy, PartialEq, Eq)]")
    w("pub struct Country {")
    w("    /// ISO 3166-1 alpha-2 code, e.g. `\"CA\"`.")
    w("    pub alpha2: &'static str,")
    w("    /// ISO 3166-1 alpha-3 code, e.g. `\"CAN\"`.")
    w("    pub alpha3: &'static str,")
    w("    /// ISO 3166-1 numeric code, e.g. `124`.")
    w("    pub numeric: u16,")
    w("    /// English short name as given by iso-codes.")
    w("    pub name_en: &'static str,")
    w("    /// Simplified Chinese name (falls back to English if untranslated).")
    w("    pub name_zh: &'static str,")
    w("}")
    w("")
    w("/// Sorted by alpha3 (ASCII order), for binary search.")
    w("#[rustfmt::skip]")
    w(f"pub static COUNTRIES: [Country; {n}] = [")
    for c in countries:
        w(
            f"    Country {{ alpha2: {rust_str(c['alpha2'])}, alpha3: {rust_str(c['alpha3'])}, "
            f"numeric: {c['numeric']}, name_en: {rust_str(c['name_en'])}, "
            f"name_zh: {rust_str(c['name_zh'])} }},"
        )
    w("];")
    w("")
    w("/// Indices into COUNTRIES sorted by numeric code, for binary search by number.")
    w("#[rustfmt::skip]")
    w(f"static BY_NUMERIC: [u16; {n}] = [")
    per_line = 16
    for start in range(0, n, per_line):
        chunk = by_numeric[start : start + per_line]
        w("    " + " ".join(f"{i}," for i in chunk))
    w("];")
    w("")
    w("/// Looks up a country by its ISO 3166-1 alpha-3 code (exact, upper-case match).")
    w("#[must_use]")
    w("pub fn country_by_alpha3(alpha3: &str) -> Option<&'static Country> {")
    w("    let pos = COUNTRIES.binary_search_by(|c| c.alpha3.cmp(alpha3)).ok()?;")
    w("    COUNTRIES.get(pos)")
    w("}")
    w("")
    w("/// Looks up a country by its ISO 3166-1 numeric code.")
    w("#[must_use]")
    w("pub fn country_by_numeric(numeric: u16) -> Option<&'static Country> {")
    w("    let pos = BY_NUMERIC")
    w("        .binary_search_by(|&idx| match COUNTRIES.get(usize::from(idx)) {")
    w("            Some(c) => c.numeric.cmp(&numeric),")
    w("            None => std::cmp::Ordering::Greater,")
    w("        })")
    w("        .ok()?;")
    w("    let idx = *BY_NUMERIC.get(pos)?;")
    w("    COUNTRIES.get(usize::from(idx))")
    w("}")
    w("")
    w("/// One GB/T 2260 province-level division.")
    w("#[derive(Debug, Clone, Copy, PartialEq, Eq)]")
    w("pub struct Province {")
    w("    /// Two-digit GB/T 2260 code, e.g. `32`.")
    w("    pub code: u8,")
    w("    /// Chinese name, e.g. `\"江苏\"`.")
    w("    pub name_zh: &'static str,")
    w("    /// English name, e.g. `\"Jiangsu\"`.")
    w("    pub name_en: &'static str,")
    w("    /// `true` for the 31 mainland divisions; `false` for Taiwan, Hong Kong, Macao.")
    w("    pub mainland: bool,")
    w("}")
    w("")
    w("/// Sorted by code.")
    w("#[rustfmt::skip]")
    w(f"pub static PROVINCES: [Province; {len(PROVINCES)}] = [")
    for code, zh_name, en_name, mainland in PROVINCES:
        w(
            f"    Province {{ code: {code}, name_zh: {rust_str(zh_name)}, "
            f"name_en: {rust_str(en_name)}, mainland: {'true' if mainland else 'false'} }},"
        )
    w("];")
    w("")
    w("/// Looks up any of the 34 province-level codes (including 71, 81, 82).")
    w("#[must_use]")
    w("pub fn province(code: u8) -> Option<&'static Province> {")
    w("    let pos = PROVINCES.binary_search_by(|p| p.code.cmp(&code)).ok()?;")
    w("    PROVINCES.get(pos)")
    w("}")
    w("")
    w("/// Looks up only the 31 mainland province-level codes.")
    w("#[must_use]")
    w("pub fn mainland_province(code: u8) -> Option<&'static Province> {")
    w("    province(code).filter(|p| p.mainland)")
    w("}")
    w("")
    w("#[cfg(test)]")
    w("mod tests {")
    w("    use super::*;")
    w("")
    w("    fn by3(alpha3: &str) -> &'static Country {")
    w("        match country_by_alpha3(alpha3) {")
    w("            Some(c) => c,")
    w('            None => panic!("missing {alpha3}"),')
    w("        }")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn known_countries() {")
    w('        assert_eq!(by3("CAN").numeric, 124);')
    w('        assert_eq!(by3("CAN").name_zh, "加拿大");')
    w('        assert_eq!(by3("PAK").numeric, 586);')
    w('        assert_eq!(by3("PAK").name_zh, "巴基斯坦");')
    w('        assert_eq!(by3("SAU").numeric, 682);')
    w('        assert_eq!(by3("SAU").name_zh, "沙特阿拉伯");')
    w('        assert_eq!(by3("KAZ").numeric, 398);')
    w('        assert_eq!(by3("DZA").numeric, 12);')
    w('        assert_eq!(by3("CHN").numeric, 156);')
    w('        assert_eq!(by3("HKG").numeric, 344);')
    w('        assert_eq!(by3("MAC").numeric, 446);')
    w('        assert_eq!(by3("TWN").numeric, 158);')
    w('        assert_eq!(by3("USA").numeric, 840);')
    w("        assert_eq!(country_by_numeric(124).map(|c| c.alpha3), Some(\"CAN\"));")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn unknown_countries() {")
    w('        assert!(country_by_alpha3("XXX").is_none());')
    w('        assert!(country_by_alpha3("can").is_none());')
    w('        assert!(country_by_alpha3("").is_none());')
    w("        assert!(country_by_numeric(999).is_none());")
    w("        assert!(country_by_numeric(0).is_none());")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn tables_are_sorted_and_unique() {")
    w("        assert!(COUNTRIES.windows(2).all(|w| w[0].alpha3 < w[1].alpha3));")
    w("        let nums: Vec<u16> = BY_NUMERIC.iter().map(|&i| COUNTRIES[usize::from(i)].numeric).collect();")
    w("        assert!(nums.windows(2).all(|w| w[0] < w[1]));")
    w("        assert!(PROVINCES.windows(2).all(|w| w[0].code < w[1].code));")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn every_country_round_trips() {")
    w("        for c in &COUNTRIES {")
    w("            assert_eq!(country_by_alpha3(c.alpha3), Some(c));")
    w("            assert_eq!(country_by_numeric(c.numeric), Some(c));")
    w("        }")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn provinces() {")
    w("        assert_eq!(province(32).map(|p| p.name_zh), Some(\"江苏\"));")
    w("        assert!(mainland_province(32).is_some());")
    w("        assert!(mainland_province(81).is_none());")
    w("        assert!(province(81).is_some());")
    w("        assert!(province(71).is_some());")
    w("        assert!(province(82).is_some());")
    w("        assert!(province(0).is_none());")
    w("        assert!(province(99).is_none());")
    w("        let mainland = PROVINCES.iter().filter(|p| p.mainland).count();")
    w(f"        assert_eq!(mainland, {mainland_count});")
    w("        let mainland_lookups = (0..=u8::MAX).filter(|&c| mainland_province(c).is_some()).count();")
    w(f"        assert_eq!(mainland_lookups, {mainland_count});")
    w("    }")
    w("}")
    return "\n".join(L) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--check",
        action="store_true",
        help="regenerate in memory and exit 1 if the committed file differs",
    )
    ap.add_argument(
        "--import",
        dest="import_data",
        action="store_true",
        help="refresh tools/data/ from this machine's Debian iso-codes package",
    )
    args = ap.parse_args()

    if args.import_data:
        return import_system_data()
    version = verify_inputs()

    countries, missing = load_countries()
    if missing:
        print(
            f"gen_tables: warning: {len(missing)} countries lack a zh_CN name, "
            f"using English: {', '.join(missing)}",
            file=sys.stderr,
        )
    text = render(countries, version)
    data = text.encode("utf-8")

    if args.check:
        try:
            current = OUT_PATH.read_bytes()
        except FileNotFoundError:
            print(f"gen_tables: {OUT_REL} is missing; run python3 tools/gen_tables.py")
            return 1
        if current != data:
            print(
                f"gen_tables: {OUT_REL} is out of date (iso-codes {version}); "
                "run python3 tools/gen_tables.py"
            )
            return 1
        print(f"gen_tables: {OUT_REL} is up to date (iso-codes {version}, {len(countries)} countries)")
        return 0

    OUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    OUT_PATH.write_bytes(data)
    print(
        f"gen_tables: wrote {OUT_REL}: {len(countries)} countries, {len(PROVINCES)} provinces, "
        f"{len(missing)} missing zh names (iso-codes {version})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
