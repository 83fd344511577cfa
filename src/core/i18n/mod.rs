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
mod text;
pub mod zh_cn;

#[cfg(feature = "dumps")]
pub use text::term;
pub use text::{Key, Text};

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

#[cfg(feature = "dumps")]
crate::core::codes::wire_codes! {
    /// What a dump check message says (`src/core/dump`): passes, failures, skips and dump warnings.
    pub enum DumpKey {
        SkippedBecause = "dump.skipped_because",
        SkippedNotRun = "dump.skipped_not_run",
        InternalMissing = "dump.internal_missing",
        InternalNoP256 = "dump.internal_no_p256",
        // ENVELOPE
        TooLarge = "dump.too_large",
        EnvelopeOk = "dump.envelope_ok",
        NotCbor = "dump.not_cbor",
        Tag18Wraps = "dump.tag18_wraps",
        OtherTag = "dump.other_tag",
        NotAnArray = "dump.not_an_array",
        FourElements = "dump.four_elements",
        ProtectedNotBytes = "dump.protected_not_bytes",
        UnprotectedNotMap = "dump.unprotected_not_map",
        ProtectedNotMap = "dump.protected_not_map",
        ProtectedNotCbor = "dump.protected_not_cbor",
        Detached = "dump.detached",
        PayloadNotBytes = "dump.payload_not_bytes",
        SignatureDer = "dump.signature_der",
        SignatureLength = "dump.signature_length",
        SignatureNotBytes = "dump.signature_not_bytes",
        LabelType = "dump.label_type",
        CritUnprotected = "dump.crit_unprotected",
        CritEmpty = "dump.crit_empty",
        CritNotArray = "dump.crit_not_array",
        CritNotUnderstood = "dump.crit_not_understood",
        CritAbsent = "dump.crit_absent",
        CritNotLabel = "dump.crit_not_label",
        BothHeaders = "dump.both_headers",
        // ALGORITHM and header values
        AlgOk = "dump.alg_ok",
        AlgOther = "dump.alg_other",
        AlgText = "dump.alg_text",
        AlgType = "dump.alg_type",
        AlgUnprotected = "dump.alg_unprotected",
        AlgMissing = "dump.alg_missing",
        KidType = "dump.kid_type",
        X5chainEmpty = "dump.x5chain_empty",
        X5chainElement = "dump.x5chain_element",
        X5chainType = "dump.x5chain_type",
        X5tLength = "dump.x5t_length",
        X5tAlg = "dump.x5t_alg",
        X5tShape = "dump.x5t_shape",
        X5tType = "dump.x5t_type",
        // PAYLOAD
        PayloadNotCbor = "dump.payload_not_cbor",
        PayloadNotMap = "dump.payload_not_map",
        PayloadKeyType = "dump.payload_key_type",
        UnknownPayloadKey = "dump.unknown_payload_key",
        MissingField = "dump.missing_field",
        Version = "dump.version",
        FieldNotUint = "dump.field_not_uint",
        ReadAtRange = "dump.read_at_range",
        FieldSize = "dump.field_size",
        FieldNotBytes = "dump.field_not_bytes",
        FieldRange = "dump.field_range",
        ReaderIdLength = "dump.reader_id_length",
        ReaderIdType = "dump.reader_id_type",
        PayloadOk = "dump.payload_ok",
        // SIGNER and REVOCATION
        KidIgnored = "dump.kid_ignored",
        NoSignerId = "dump.no_signer_id",
        X5tMismatch = "dump.x5t_mismatch",
        UnsignedX5chain = "dump.unsigned_x5chain",
        UnknownKid = "dump.unknown_kid",
        KidOk = "dump.kid_ok",
        ExtraCertificates = "dump.extra_certificates",
        ChainOk = "dump.chain_ok",
        CaSignerRejected = "dump.ca_signer_rejected",
        SignerIsCa = "dump.signer_is_ca",
        KidRevoked = "dump.kid_revoked",
        PathNotRevoked = "dump.path_not_revoked",
        SigningKeyRevoked = "dump.signing_key_revoked",
        EveryKeyRevoked = "dump.every_key_revoked",
        KidNotRevoked = "dump.kid_not_revoked",
        KidNotRevokedSome = "dump.kid_not_revoked_some",
        // SIGNATURE
        AadEmpty = "dump.aad_empty",
        AadApp = "dump.aad_app",
        SignatureOkJwk = "dump.signature_ok_jwk",
        SignatureOkJwkOf = "dump.signature_ok_jwk_of",
        SignatureOkCert = "dump.signature_ok_cert",
        MismatchJwk = "dump.mismatch_jwk",
        MismatchCert = "dump.mismatch_cert",
        SignatureBadLength = "dump.signature_bad_length",
        SignatureROutOfRange = "dump.signature_r_out_of_range",
        SignatureSOutOfRange = "dump.signature_s_out_of_range",
        // FRESHNESS and NONCE
        InFuture = "dump.in_future",
        TooOld = "dump.too_old",
        AgeBefore = "dump.age_before",
        AgeAfter = "dump.age_after",
        Fresh = "dump.fresh",
        FreshArchived = "dump.fresh_archived",
        NonceNotAsked = "dump.nonce_not_asked",
        NonceMissing = "dump.nonce_missing",
        NonceOk = "dump.nonce_ok",
        NonceMismatch = "dump.nonce_mismatch",
        // CARD_*
        LayoutFailed = "dump.layout_failed",
        UnexpectedFingerprint = "dump.unexpected_fingerprint",
        LayoutOk = "dump.layout_ok",
        KindMismatch = "dump.kind_mismatch",
        InvalidNumber = "dump.invalid_number",
        NumberOk = "dump.number_ok",
        NumberOkWithPass = "dump.number_ok_with_pass",
        InvalidPassNumber = "dump.invalid_pass_number",
        PassRegionMismatch = "dump.pass_region_mismatch",
        BirthDateMismatch = "dump.birth_date_mismatch",
        SexMismatch = "dump.sex_mismatch",
        NationalityMismatch = "dump.nationality_mismatch",
        ConsistencyOk = "dump.consistency_ok",
        ConsistencyOkPermit = "dump.consistency_ok_permit",
        NotYetValid = "dump.not_yet_valid",
        Expired = "dump.expired",
        ValidityOk = "dump.validity_ok",
        ValidityLongTerm = "dump.validity_long_term",
    }
}

#[cfg(feature = "dumps")]
crate::core::codes::wire_codes! {
    /// What a trust message says (`src/core/trust`): JWK and revocation warnings, and the X.509 path
    /// and revocation findings that SIGNER and REVOCATION report.
    pub enum TrustKey {
        // JWK sets
        JwkSkipped = "trust.jwk_skipped",
        JwkWithKidSkipped = "trust.jwk_with_kid_skipped",
        DuplicateMember = "trust.duplicate_member",
        NotAnObject = "trust.not_an_object",
        PrivateKeyMaterial = "trust.private_key_material",
        Curve = "trust.curve",
        KeyType = "trust.key_type",
        Alg = "trust.alg",
        Use = "trust.use",
        KeyOps = "trust.key_ops",
        KidEmpty = "trust.kid_empty",
        KidTooLong = "trust.kid_too_long",
        KidNotAString = "trust.kid_not_a_string",
        NoKid = "trust.no_kid",
        NotOnCurve = "trust.not_on_curve",
        CoordinateType = "trust.coordinate_type",
        CoordinateMissing = "trust.coordinate_missing",
        CoordinateTooLong = "trust.coordinate_too_long",
        CoordinateNotBase64url = "trust.coordinate_not_base64url",
        CoordinateSize = "trust.coordinate_size",
        TooManyKeysForKid = "trust.too_many_keys_for_kid",
        KidRotation = "trust.kid_rotation",
        // Revocation calls
        KidNoMatch = "trust.kid_no_match",
        KidCaseDiffers = "trust.kid_case_differs",
        IssuerNoMatch = "trust.issuer_no_match",
        NotACa = "trust.not_a_ca",
        NotACaSameSerial = "trust.not_a_ca_same_serial",
        KeyStillTrusted = "trust.key_still_trusted",
        AnyIssuer = "trust.any_issuer",
        NoAnchors = "trust.no_anchors",
        CertificateNoMatch = "trust.certificate_no_match",
        NoP256Key = "trust.no_p256_key",
        // Revocation findings
        SerialRevoked = "trust.serial_revoked",
        CertificateKeyRevoked = "trust.certificate_key_revoked",
        KeyRevoked = "trust.key_revoked",
        KeyOfRevokedKid = "trust.key_of_revoked_kid",
        // X.509 paths
        CertNotYetValid = "trust.cert_not_yet_valid",
        CertExpired = "trust.cert_expired",
        UnknownCritical = "trust.unknown_critical",
        CaFalse = "trust.ca_false",
        NoBasicConstraints = "trust.no_basic_constraints",
        PathLength = "trust.path_length",
        NoKeyCertSign = "trust.no_key_cert_sign",
        NoDigitalSignature = "trust.no_digital_signature",
        SignerKeyType = "trust.signer_key_type",
        ChainEmpty = "trust.chain_empty",
        ChainTooLong = "trust.chain_too_long",
        NoAnchor = "trust.no_anchor",
        NoValidPath = "trust.no_valid_path",
        SignerUnparsable = "trust.signer_unparsable",
        CertificateUnparsable = "trust.certificate_unparsable",
        NamesDoNotChain = "trust.names_do_not_chain",
        ForeignSignatureAlgorithm = "trust.foreign_signature_algorithm",
        IssuerKeyType = "trust.issuer_key_type",
        LinkSignature = "trust.link_signature",
        // Signed trust lists (docs/spec/trust-list.md)
        ListTooLarge = "trust.list_too_large",
        ListNoContentType = "trust.list_no_content_type",
        ListContentType = "trust.list_content_type",
        ListNotMap = "trust.list_not_map",
        ListKeyType = "trust.list_key_type",
        ListMissing = "trust.list_missing",
        ListVersion = "trust.list_version",
        ListExpiresFirst = "trust.list_expires_first",
        ListFieldType = "trust.list_field_type",
        ListSequenceTooLarge = "trust.list_sequence_too_large",
        ListThumbprintLength = "trust.list_thumbprint_length",
        ListUnknownKey = "trust.list_unknown_key",
        ListIdRule = "trust.list_id_rule",
        ListTooMany = "trust.list_too_many",
        ListSerialShape = "trust.list_serial_shape",
        ListSerialLength = "trust.list_serial_length",
        ListNotYetValid = "trust.list_not_yet_valid",
        ListExpired = "trust.list_expired",
        ListTimeTooLate = "trust.list_time_too_late",
        ListBelowMinimum = "trust.list_below_minimum",
        ListOlderThanHeld = "trust.list_older_than_held",
        ListConflict = "trust.list_conflict",
    }
}

#[cfg(feature = "dumps")]
crate::core::codes::wire_codes! {
    /// What a chip text-block error says (`src/core/chip.rs`).
    pub enum ChipKey {
        OutsideBlock = "chip.outside_block",
        Surrogate = "chip.surrogate",
        NotADate = "chip.not_a_date",
        SexCode = "chip.sex_code",
        Length = "chip.length",
        TypeMarker = "chip.type_marker",
        Nationality = "chip.nationality",
        NationalityOrDigits = "chip.nationality_or_digits",
    }
}

crate::core::codes::wire_codes! {
    /// What a thrown error says (the `message` of a coded JS `Error`, `src/bindings`): misuse of
    /// the number calls and of the option and argument readers every build has. The full build's
    /// own errors are [`DumpErrorKey`], generateNumber's [`GenerateErrorKey`].
    pub enum ErrorKey {
        /// A bug (the detail is English: it is for the report, not for the user).
        Internal = "error.internal",
        OptionsNotObject = "error.options_not_object",
        OptionsUnreadable = "error.options_unreadable",
        UnknownOption = "error.unknown_option",
        OptionGetterThrew = "error.option_getter_threw",
        OptionUndefined = "error.option_undefined",
        Locale = "error.locale",
        CouldNotBeRead = "error.could_not_be_read",
        RevokedProxy = "error.revoked_proxy",
        TimeType = "error.time_type",
        TimeInvalid = "error.time_invalid",
        ArrayType = "error.array_type",
        ArrayTooMany = "error.array_too_many",
        ElementGetterThrew = "error.element_getter_threw",
        KindNames = "error.kind_names",
        MustBeBoolean = "error.must_be_boolean",
        Fpr15CheckDigit = "error.fpr15_check_digit",
        DateValue = "error.date_value",
        KindsType = "error.kinds_type",
        KindUnknown = "error.kind_unknown",
        StringArg = "error.string_arg",
        InputsType = "error.inputs_type",
        TooManyNumbers = "error.too_many_numbers",
        BatchTooLarge = "error.batch_too_large",
        AgeAtSubject = "error.age_at_subject",
        MaskChar = "error.mask_char",
        CountOption = "error.count_option",
    }
}

#[cfg(feature = "dumps")]
crate::core::codes::wire_codes! {
    /// What a thrown error of the full build says: dump, chip and TrustStore calls (`src/bindings`)
    /// and trust material that cannot be added ([`crate::core::trust::TrustError`]).
    pub enum DumpErrorKey {
        // Arguments and options
        Detached = "error.detached",
        MustBeUint8Array = "error.must_be_uint8array",
        Uint8Arrays = "error.uint8arrays",
        NotAStore = "error.not_a_store",
        StoreInUse = "error.store_in_use",
        TooManyStoresEver = "error.too_many_stores_ever",
        TooManyLiveStores = "error.too_many_live_stores",
        JwksNotSerialisable = "error.jwks_not_serialisable",
        JwksType = "error.jwks_type",
        JwksInputTooLarge = "error.jwks_input_too_large",
        InputTooLarge = "error.input_too_large",
        MustBeString = "error.must_be_string",
        PemOrDer = "error.pem_or_der",
        MustBeNumber = "error.must_be_number",
        Engine = "error.engine",
        ListSignersMissing = "error.list_signers_missing",
        ListSignersNotAStore = "error.list_signers_not_a_store",
        MinSequence = "error.min_sequence",
        Seconds = "error.seconds",
        ExternalAad = "error.external_aad",
        // Trust material (core)
        SerialNotHex = "error.serial_not_hex",
        SerialNoDigits = "error.serial_no_digits",
        SerialTooLong = "error.serial_too_long",
        CertificateInputTooLarge = "error.certificate_input_too_large",
        PemNotUtf8 = "error.pem_not_utf8",
        Certificate = "error.certificate",
        CertificateNumbered = "error.certificate_numbered",
        NotOneCertificate = "error.not_one_certificate",
        NotOneIssuerCertificate = "error.not_one_issuer_certificate",
        PemBeginUnterminated = "error.pem_begin_unterminated",
        PemNoEnd = "error.pem_no_end",
        PemTooManyCertificates = "error.pem_too_many_certificates",
        PemNoBlock = "error.pem_no_block",
        PemTrustedCertificate = "error.pem_trusted_certificate",
        PemLabel = "error.pem_label",
        PemHeaders = "error.pem_headers",
        PemCertificateTooLarge = "error.pem_certificate_too_large",
        PemBase64 = "error.pem_base64",
        NotAJwkSet = "error.not_a_jwk_set",
        JwksDocument = "error.jwks_document",
        JwksMemberTwice = "error.jwks_member_twice",
        JwksNoKeys = "error.jwks_no_keys",
        JwksKeysType = "error.jwks_keys_type",
        JwksTooManyKeys = "error.jwks_too_many_keys",
        JwksTooLarge = "error.jwks_too_large",
        RevokedKidsFull = "error.revoked_kids_full",
        RevokedSerialsFull = "error.revoked_serials_full",
        RevokedKeysFull = "error.revoked_keys_full",
        StoreKeysFull = "error.store_keys_full",
        StoreAnchorsFull = "error.store_anchors_full",
        KidLength = "error.kid_length",
    }
}

#[cfg(feature = "generate")]
crate::core::codes::wire_codes! {
    /// What a thrown error of `generateNumber` says (`src/bindings/generate.rs` and
    /// [`crate::core::number::GenerateError`]).
    pub enum GenerateErrorKey {
        NeedsOptions = "error.generate.needs_options",
        Kind = "error.generate.kind",
        Seed = "error.generate.seed",
        Sex = "error.generate.sex",
        Province = "error.generate.province",
        Region = "error.generate.region",
        Nationality = "error.generate.nationality",
        NotEncoded = "error.generate.not_encoded",
        ProvinceNotAccepted = "error.generate.province_not_accepted",
        RegionNotIssued = "error.generate.region_not_issued",
        NationalityChina = "error.generate.nationality_china",
        BirthOutOfRange = "error.generate.birth_out_of_range",
        BirthNotRepresentable = "error.generate.birth_not_representable",
        NoCandidate = "error.generate.no_candidate",
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
// `ProvinceTable` is crate-internal: only the crate makes that variant.
#[allow(private_interfaces)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Int(i64),
    Str(String),
    Bool(bool),
    Null,
    Ints(Vec<i64>),
    Strs(Vec<String>),
    /// A duration in seconds, shown in days, hours, minutes and seconds (`183 d 20 h 6 min 27 s`).
    #[cfg(feature = "dumps")]
    Seconds(i128),
    /// A word of a closed vocabulary (a CBOR type, a chip field…), written in English in the code
    /// and shown in the locale's words ([`term`]).
    #[cfg(feature = "dumps")]
    Term(&'static str),
    /// What a province table holds, in the locale's words ([`province_table`]; generateNumber's
    /// errors).
    #[cfg(feature = "generate")]
    ProvinceTable(crate::core::number::kinds::ProvinceTable),
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
                #[cfg(feature = "dumps")]
                Value::Seconds(n) => map.serialize_entry(name, n)?,
                #[cfg(feature = "dumps")]
                Value::Term(t) => map.serialize_entry(name, t)?,
                #[cfg(feature = "generate")]
                Value::ProvinceTable(t) => map.serialize_entry(name, province_table(*t, Locale::En))?,
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
        #[cfg(feature = "dumps")]
        Value::Seconds(n) => text::write_duration(out, *n, locale),
        #[cfg(feature = "dumps")]
        Value::Term(t) => out.push_str(term(t, locale)),
        #[cfg(feature = "generate")]
        Value::ProvinceTable(t) => out.push_str(province_table(*t, locale)),
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
        {
            let keys = ErrorKey::ALL.iter().map(|&k| Key::from(k));
            #[cfg(feature = "dumps")]
            let keys = keys
                .chain(DumpKey::ALL.iter().map(|&k| Key::from(k)))
                .chain(TrustKey::ALL.iter().map(|&k| Key::from(k)))
                .chain(ChipKey::ALL.iter().map(|&k| Key::from(k)))
                .chain(DumpErrorKey::ALL.iter().map(|&k| Key::from(k)));
            #[cfg(feature = "generate")]
            let keys = keys.chain(GenerateErrorKey::ALL.iter().map(|&k| Key::from(k)));
            for key in keys {
                let (en, zh) = (key.template(Locale::En), key.template(Locale::ZhCn));
                let key = key.as_str();
                assert!(!en.is_empty() && !zh.is_empty(), "{key}");
                assert_eq!(placeholders(en), placeholders(zh), "{key}");
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{key} is not Chinese: {zh}");
                assert!(!placeholders(en).iter().any(|p| p.is_empty() || p.contains(' ')), "{key}: {en}");
            }
        }
        for kind in crate::core::number::Kind::ALL {
            assert!(kind_rule(kind, Locale::ZhCn).contains('为'), "{kind}");
            assert!(kind_rule(kind, Locale::En).contains(" is "), "{kind}");
        }
    }

    /// Every thrown-error message renders in Chinese with each placeholder filled: none is left
    /// as written (a `{name}` the Chinese table misspells would show to the user).
    #[test]
    fn thrown_errors_render_in_chinese_without_leftover_placeholders() {
        let keys: Vec<Key> = ErrorKey::ALL.iter().map(|&k| Key::from(k)).collect();
        #[cfg(feature = "dumps")]
        let keys: Vec<Key> = keys.into_iter().chain(DumpErrorKey::ALL.iter().map(|&k| Key::from(k))).collect();
        #[cfg(feature = "generate")]
        let keys: Vec<Key> = keys.into_iter().chain(GenerateErrorKey::ALL.iter().map(|&k| Key::from(k))).collect();
        for key in keys {
            let mut text = Text::new(key);
            for name in placeholders(key.template(Locale::En)) {
                text = text.with(name, "x");
            }
            let zh = text.render(Locale::ZhCn);
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}: {zh}", key.as_str());
            assert!(!zh.contains('{') && !zh.contains('}'), "{}: {zh}", key.as_str());
            assert_ne!(zh, text.render(Locale::En), "{}", key.as_str());
        }
    }

    /// The closed vocabularies shown as terms have a Chinese word for each entry.
    #[cfg(feature = "dumps")]
    #[test]
    fn every_term_of_the_known_vocabularies_is_translated() {
        use crate::core::cbor::{CborError, Value as Cbor};
        use crate::core::json::Json;
        let cbor_types = [
            Cbor::Uint(0),
            Cbor::Nint(0),
            Cbor::Bytes(&[]),
            Cbor::Text(""),
            Cbor::Array(Vec::new()),
            Cbor::Map(Vec::new()),
            Cbor::Tag(1, Box::new(Cbor::Null)),
            Cbor::Bool(true),
            Cbor::Null,
            Cbor::Undefined,
            Cbor::Simple(0),
            Cbor::Float(0.0),
        ];
        let json_kinds = [Json::Null, Json::Bool(true), Json::String(String::new()), Json::Array(Vec::new())];
        let words = cbor_types
            .iter()
            .map(|v| v.type_name())
            .chain(CborError::ALL.iter().map(|e| e.as_str()))
            .chain(json_kinds.iter().map(Json::kind))
            .chain(["tag 18", "untagged", "protected", "unprotected", "readAt", "the verification time", "missing"])
            .chain(["the envelope", "the payload", "the trusted signer", "the card", "the number report"])
            .chain(["unrecognised", "male", "female", "unknown", "a number", "an object"]);
        for word in words {
            assert!(zh_cn::term(word).is_some(), "no Chinese for {word:?}");
            assert_eq!(term(word, Locale::En), word);
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
