//! One place per vocabulary of stable codes: [`wire_codes!`] declares a code enum with each
//! variant's wire string next to it, and derives from that one list the enum, `as_str`, `ALL`
//! (declaration order), `index` (the position in `ALL`), and `Display` and `Serialize` (as the wire
//! string); in tests also `ts_rs::TS` (the TypeScript union of the wire strings, under the name
//! given by `enum Name as "TsName"`), from which the package's `.d.ts` is generated.
//!
//! Why a macro: the codes are the product's contract, and the bindings hand them to JS as indexes
//! into `ALL` (the JS report builder reads the names from one table). With the list written once,
//! a new code cannot be missing from `ALL`, nor reach JS under another code's index.

/// Declares a code enum whose variants are listed once, each with its wire string.
macro_rules! wire_codes {
    (
        $(#[doc = $doc:literal])*
        $vis:vis enum $name:ident $(as $ts:literal)? {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// How many codes there are.
            pub const COUNT: usize = [$( $wire, )+].len();

            /// Every code, in declaration order (`ALL[c.index()] == c`).
            pub const ALL: [$name; $name::COUNT] = [$( $name::$variant, )+];

            /// The wire code, as reports carry it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $wire, )+
                }
            }

            /// The position of this code in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }

            /// The code with this wire string.
            pub fn parse(wire: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.as_str() == wire)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        // Callers and tests compare a code with its wire string.
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        // The TypeScript union of the wire strings, named `$ts` (default: the Rust name).
        #[cfg(test)]
        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn name(_: &ts_rs::Config) -> String {
                let renamed: &[&str] = &[$($ts)?];
                renamed.first().copied().unwrap_or(stringify!($name)).to_owned()
            }

            fn inline(_: &ts_rs::Config) -> String {
                $crate::core::codes::ts_union(Self::ALL.iter().map(|c| c.as_str()))
            }

            fn docs() -> Option<String> {
                Some(concat!($($doc, "\n"),*).to_owned())
            }
        }
    };
}

pub(crate) use wire_codes;

/// A TypeScript union of string literals, `"A" | "B"` (the one rendering every generated code
/// union uses: `wire_codes!`'s `TS` impls and `src/core/typescript.rs`).
#[cfg(test)]
pub(crate) fn ts_union<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(" | ")
}

wire_codes! {
    /// The `code` of the JS errors thrown for misuse (`CnidError`): a wrong argument or option, or
    /// trust material that cannot be added. Bad numbers and bad dumps are reports, never errors.
    pub enum MisuseCode as "CnidErrorCode" {
        /// An argument has the wrong type.
        InvalidArgument = "INVALID_ARGUMENT",
        /// An option is unknown, `undefined`, or has the wrong type or range.
        InvalidOption = "INVALID_OPTION",
        /// A batch or byte input is over its size limit.
        InputTooLarge = "INPUT_TOO_LARGE",
        /// The TrustStore argument is not a live TrustStore of this module instance.
        InvalidTrustStore = "INVALID_TRUST_STORE",
        /// A JWK set that cannot be read at all (single unusable keys are warnings).
        InvalidJwks = "INVALID_JWKS",
        /// A certificate or PEM input that cannot be read.
        InvalidCertificate = "INVALID_CERTIFICATE",
        /// A serial number that is not hex, or longer than the store accepts.
        InvalidSerial = "INVALID_SERIAL",
        /// A kid that is empty or too long.
        InvalidKid = "INVALID_KID",
        /// Trust material over a size or count limit.
        TooLarge = "TOO_LARGE",
        /// An unexpected internal failure (a bug: please report it).
        Internal = "INTERNAL",
        /// Thrown by the package's explicit-init JS entries before `init()`/`initSync()` finished.
        NotInitialised = "NOT_INITIALISED",
        /// A trust list that is not one (docs/spec/trust-list.md §1, §2): envelope, content type,
        /// payload, or material the store cannot take.
        TrustListMalformed = "TRUST_LIST_MALFORMED",
        /// A trust list not signed with ES256.
        TrustListAlgorithm = "TRUST_LIST_ALGORITHM",
        /// A trust list not signed by one of the app's list signers (or by a revoked one).
        TrustListSigner = "TRUST_LIST_SIGNER",
        /// A trust list whose signature does not verify.
        TrustListSignature = "TRUST_LIST_SIGNATURE",
        /// A trust list issued after the verification time (plus clock skew).
        TrustListNotYetValid = "TRUST_LIST_NOT_YET_VALID",
        /// A trust list past its `expiresAt`.
        TrustListExpired = "TRUST_LIST_EXPIRED",
        /// A trust list older than `minSequence` or than the version the store holds.
        TrustListRollback = "TRUST_LIST_ROLLBACK",
        /// A trust list with the sequence the store holds but other content.
        TrustListConflict = "TRUST_LIST_CONFLICT",
    }
}

/// The misuse codes of the numbers-only build (it has no trust store).
pub const NUMBERS_BUILD_MISUSE: [MisuseCode; 5] = [
    MisuseCode::InvalidArgument,
    MisuseCode::InvalidOption,
    MisuseCode::InputTooLarge,
    MisuseCode::Internal,
    MisuseCode::NotInitialised,
];

#[cfg(test)]
mod tests {
    use crate::core::number::{ErrorCode, Kind, WarningCode};

    /// `index` is the position in `ALL`, and every wire string is distinct.
    fn check<T: Copy + PartialEq + std::fmt::Debug>(all: &[T], index: fn(T) -> usize, wire: fn(T) -> &'static str) {
        for (i, &c) in all.iter().enumerate() {
            assert_eq!(index(c), i, "{c:?}");
        }
        let mut names: Vec<_> = all.iter().map(|&c| wire(c)).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "duplicate wire strings");
    }

    /// The codes of the README table whose header cell is `header` (first column, in backticks).
    fn readme_table(readme: &str, header: &str) -> Vec<String> {
        let start = readme.find(&format!("| {header} |")).unwrap_or_else(|| panic!("README: no `{header}` table"));
        readme[start..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.split('`').nth(1).map(str::to_owned))
            .collect()
    }

    /// The README's tables document exactly the codes there are (no more, no fewer).
    #[test]
    fn the_readme_tables_list_every_code() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        let names = |all: &[&'static str]| sorted(all.iter().map(|s| (*s).to_owned()).collect());
        let errors: Vec<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        let warnings: Vec<_> = WarningCode::ALL.iter().map(|c| c.as_str()).collect();
        let kinds: Vec<_> = Kind::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(sorted(readme_table(&readme, "error code")), names(&errors));
        assert_eq!(sorted(readme_table(&readme, "warning code")), names(&warnings));
        assert_eq!(sorted(readme_table(&readme, "kind")), names(&kinds));
    }

    /// The warnings of the three trust calls (whose TypeScript unions are generated from these
    /// lists) partition `trust::WarningCode::ALL`: every code is given by exactly one call.
    #[cfg(feature = "dumps")]
    #[test]
    fn the_trust_warning_subsets_partition_every_code() {
        use crate::core::trust::{WarningCode as TrustWarning, DUMP_WARNINGS, JWKS_WARNINGS, REVOKE_WARNINGS};
        let mut listed: Vec<TrustWarning> =
            DUMP_WARNINGS.iter().chain(&JWKS_WARNINGS).chain(&REVOKE_WARNINGS).copied().collect();
        listed.sort();
        assert_eq!(listed, TrustWarning::ALL.to_vec());
        check(&TrustWarning::ALL, TrustWarning::index, TrustWarning::as_str);
    }

    /// Each `Reason` variant's doc comment, joined into one line, by wire string.
    #[cfg(feature = "dumps")]
    fn reason_docs() -> Vec<(String, String)> {
        let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/core/dump/report.rs")).unwrap();
        let start = src.find("pub enum Reason as").expect("no Reason enum");
        let body = &src[start..src[start..].find("\n    }\n").map_or(src.len(), |e| start + e)];
        let (mut out, mut doc) = (Vec::new(), Vec::new());
        for line in body.lines().skip(1).map(str::trim) {
            if let Some(d) = line.strip_prefix("///") {
                doc.push(d.trim().to_owned());
            } else if let Some((_, wire)) = line.split_once(" = \"") {
                out.push((wire.trim_end_matches("\",").to_owned(), doc.join(" ")));
                doc.clear();
            } else {
                doc.clear();
            }
        }
        out
    }

    /// The README's reason table lists every reason once, each with exactly the checks that declare
    /// it in the pipeline (`any` for INTERNAL).
    #[cfg(feature = "dumps")]
    #[test]
    fn the_readme_reason_table_matches_the_pipeline() {
        use crate::core::dump::{Reason, PIPELINE};
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let start = readme.find("| reason | given by |").expect("README: no reason table");
        let rows: Vec<(String, String, String)> = readme[start..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                (cells[1].trim_matches('`').to_owned(), cells[2].replace('`', ""), cells[3].to_owned())
            })
            .collect();
        let docs = reason_docs();
        let want: Vec<(String, String, String)> = Reason::ALL
            .iter()
            .map(|r| {
                let checks: Vec<&str> =
                    PIPELINE.iter().filter(|s| s.reasons.contains(r)).map(|s| s.id.as_str()).collect();
                let given_by = if checks.is_empty() { "any".to_owned() } else { checks.join(", ") };
                let meaning = docs.iter().find(|(w, _)| w == r.as_str()).map(|(_, d)| d.clone()).unwrap_or_default();
                (r.as_str().to_owned(), given_by, meaning)
            })
            .collect();
        assert_eq!(rows, want, "the README's meanings are the doc comments of Reason (src/core/dump/report.rs)");
    }

    /// The keys of the demo page's label table `const {name} = { key: [...], ... };` (www/app.js).
    fn page_table(page: &str, name: &str) -> Vec<String> {
        let start = page.find(&format!("const {name} = {{")).unwrap_or_else(|| panic!("www/app.js: no {name}"));
        let body = &page[start..];
        let body = &body[..body.find("};").unwrap_or(body.len())];
        let mut keys: Vec<String> = body
            .lines()
            .skip(1)
            .filter_map(|l| l.trim().split_once(':').map(|(k, _)| k.trim().to_owned()))
            .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .collect();
        keys.sort();
        keys
    }

    /// The demo page labels exactly the codes there are: a new code cannot reach the page unlabelled.
    #[test]
    fn the_demo_page_labels_every_code() {
        let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/app.js")).unwrap();
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        let wire = |names: Vec<&str>| sorted(names.into_iter().map(str::to_owned).collect());
        assert_eq!(page_table(&page, "KIND"), wire(Kind::ALL.iter().map(|c| c.as_str()).collect()));
        assert_eq!(page_table(&page, "ERROR_LABEL"), wire(ErrorCode::ALL.iter().map(|c| c.as_str()).collect()));
        assert_eq!(page_table(&page, "WARNING_LABEL"), wire(WarningCode::ALL.iter().map(|c| c.as_str()).collect()));
        #[cfg(feature = "dumps")]
        {
            use crate::core::chip::CardLayout;
            use crate::core::dump::CheckId;
            assert_eq!(page_table(&page, "CHECK_LABEL"), wire(CheckId::ALL.iter().map(|c| c.as_str()).collect()));
            assert_eq!(page_table(&page, "LAYOUT"), wire(CardLayout::all().map(CardLayout::as_str).collect()));
        }
    }

    #[test]
    fn every_vocabulary_is_consistent() {
        check(&ErrorCode::ALL, ErrorCode::index, ErrorCode::as_str);
        check(&WarningCode::ALL, WarningCode::index, WarningCode::as_str);
        check(&Kind::ALL, Kind::index, Kind::as_str);
        #[cfg(feature = "dumps")]
        check(&crate::core::dump::CheckId::ALL, crate::core::dump::CheckId::index, crate::core::dump::CheckId::as_str);
        #[cfg(feature = "dumps")]
        check(&crate::core::dump::Reason::ALL, crate::core::dump::Reason::index, crate::core::dump::Reason::as_str);
        assert_eq!(serde_json::to_string(&ErrorCode::CheckDigit).ok().as_deref(), Some("\"CHECK_DIGIT\""));
        assert_eq!(serde_json::to_string(&Kind::Resident15).ok().as_deref(), Some("\"resident15\""));
    }
}
