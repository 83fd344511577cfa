// Shared bodies of the wasm-bindgen tests (included by wasm_node.rs and
// wasm_browser.rs). They exercise the public JS API exactly as JS sees it:
// plain objects, Uint8Arrays, and Errors with a `code`.

use cnid_verify::bindings::{chip, dump, generate, number};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn prop(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn path(v: &JsValue, keys: &[&str]) -> JsValue {
    keys.iter().fold(v.clone(), |acc, k| prop(&acc, k))
}

fn s(v: JsValue) -> String {
    v.as_string().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn at_2026() -> JsValue {
    obj(&[("at", JsValue::from_str("2026-11-22"))])
}

/// Asserts a thrown JS Error with the given code (and a TypeError when asked).
fn assert_code(result: Result<JsValue, JsValue>, code: &str, type_error: bool) {
    let err = result.expect_err("should throw");
    assert!(err.is_instance_of::<js_sys::Error>(), "not an Error: {err:?}");
    assert_eq!(err.is_instance_of::<js_sys::TypeError>(), type_error, "TypeError-ness of {err:?}");
    assert_eq!(s(prop(&err, "code")), code);
    assert!(!s(prop(&err, "message")).is_empty());
}

#[wasm_bindgen_test]
fn check_number_returns_a_plain_object_with_info() {
    let r = number::check_number(JsValue::from_str("911124198108030024"), at_2026()).unwrap();
    assert!(r.is_object() && !r.is_string());
    assert_eq!(prop(&r, "ok"), JsValue::TRUE);
    assert_eq!(s(prop(&r, "kind")), "fpr18");
    assert_eq!(s(path(&r, &["info", "birthDate"])), "1981-08-03");
    assert_eq!(s(path(&r, &["info", "sex"])), "female");
    assert_eq!(s(path(&r, &["info", "province", "nameZh"])), "北京");
    assert_eq!(s(path(&r, &["info", "nationality", "alpha3"])), "CAN");
    assert_eq!(s(path(&r, &["info", "nationality", "nameZh"])), "加拿大");
    assert_eq!(s(path(&r, &["info", "checkDigit", "expected"])), "4");
    assert_eq!(Array::from(&prop(&r, "errors")).length(), 0);
}

#[wasm_bindgen_test]
fn invalid_numbers_report_codes() {
    let r = number::check_number(JsValue::from_str("110105199002300028"), at_2026()).unwrap();
    assert_eq!(prop(&r, "ok"), JsValue::FALSE);
    let errors = Array::from(&prop(&r, "errors"));
    assert_eq!(errors.length(), 1);
    assert_eq!(s(prop(&errors.get(0), "code")), "BIRTH_DATE");
    let r = number::check_number(JsValue::from_str(""), JsValue::UNDEFINED).unwrap();
    assert!(prop(&r, "kind").is_null());
    assert!(prop(&r, "info").is_null());
    assert_eq!(s(prop(&Array::from(&prop(&r, "errors")).get(0), "code")), "EMPTY");
}

#[wasm_bindgen_test]
fn check_numbers_keeps_input_order() {
    let inputs = Array::of3(
        &JsValue::from_str("KAZ110090123105"),
        &JsValue::from_str("KAZ110090123107"),
        &JsValue::from_str("810000199001011230"),
    );
    let out = Array::from(&number::check_numbers(inputs.into(), at_2026()).unwrap());
    assert_eq!(out.length(), 3);
    assert_eq!(prop(&out.get(0), "ok"), JsValue::TRUE);
    assert_eq!(s(prop(&out.get(0), "input")), "KAZ110090123105");
    assert_eq!(prop(&out.get(1), "ok"), JsValue::FALSE);
    assert_eq!(s(prop(&Array::from(&prop(&out.get(1), "errors")).get(0), "code")), "CHECK_DIGIT");
    assert_eq!(s(path(&out.get(2), &["info", "region"])), "HK");
    let empty = Array::from(&number::check_numbers(Array::new().into(), JsValue::UNDEFINED).unwrap());
    assert_eq!(empty.length(), 0);
}

#[wasm_bindgen_test]
fn is_valid_number_and_options() {
    assert!(number::is_valid_number(JsValue::from_str("11010519900101007x"), JsValue::UNDEFINED).unwrap());
    let strict = obj(&[("strict", JsValue::TRUE)]);
    assert!(!number::is_valid_number(JsValue::from_str("11010519900101007x"), strict).unwrap());
    // A check date before the birth date makes it invalid.
    let early = obj(&[("at", JsValue::from_str("1981-08-02"))]);
    assert!(!number::is_valid_number(JsValue::from_str("911124198108030024"), early).unwrap());
    let as_date = obj(&[("at", js_sys::Date::new(&JsValue::from_f64(0.0)).into())]);
    assert!(!number::is_valid_number(JsValue::from_str("911124198108030024"), as_date).unwrap());
    let warn = obj(&[("fpr15CheckDigit", JsValue::from_str("warning"))]);
    assert!(number::is_valid_number(JsValue::from_str("CAN110081080319"), warn).unwrap());
    assert!(!number::is_valid_number(JsValue::from_str("CAN110081080319"), JsValue::NULL).unwrap());
}

#[wasm_bindgen_test]
fn helpers_through_the_bindings() {
    let n = |s: &str| JsValue::from_str(s);
    assert_eq!(number::mask_number(n("11010519491231002X"), JsValue::UNDEFINED).unwrap(), "1101**********002X");
    let keep = obj(&[("keepStart", JsValue::from_f64(6.0)), ("keepEnd", JsValue::from_f64(1.0))]);
    assert_eq!(number::mask_number(n("11010519491231002X"), keep).unwrap(), "110105***********X");
    assert_eq!(number::age_at(n("11010519491231002X"), n("1967-12-31")).unwrap().as_f64(), Some(18.0));
    assert!(number::age_at(n("11010519491231002X"), n("1949-12-30")).unwrap().is_null());
    let item = n("001");
    let rebuilt = number::rebuild_fpr15(n("911124198108030024"), item, JsValue::UNDEFINED).unwrap();
    assert_eq!(rebuilt.as_string().as_deref(), Some("CAN110081080310"));
    let req = obj(&[("kind", n("resident18")), ("seed", JsValue::from_f64(1.0)), ("birthDate", n("1981-08-03")), ("sex", n("male")), ("province", n("32"))]);
    assert_eq!(generate::generate_number(req).unwrap(), "321513198108036939");
    let bad = obj(&[("kind", n("fpr15")), ("seed", JsValue::from_f64(1.0)), ("sex", n("male"))]);
    assert_code(generate::generate_number(bad).map(JsValue::from), "INVALID_OPTION", true);
}

#[wasm_bindgen_test]
fn misuse_throws_coded_errors_and_the_module_stays_usable() {
    let to_js = |r: Result<bool, JsValue>| r.map(JsValue::from_bool);
    assert_code(number::check_number(JsValue::from_f64(123.0), JsValue::UNDEFINED), "INVALID_ARGUMENT", true);
    assert_code(number::check_number(JsValue::NULL, JsValue::UNDEFINED), "INVALID_ARGUMENT", true);
    assert_code(to_js(number::is_valid_number(JsValue::from_f64(1.0), JsValue::UNDEFINED)), "INVALID_ARGUMENT", true);
    // An absent value (an empty form field) is false, not misuse.
    assert!(!number::is_valid_number(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap());
    assert!(!number::is_valid_number(JsValue::NULL, JsValue::UNDEFINED).unwrap());
    assert_code(number::check_numbers(JsValue::from_str("x"), JsValue::UNDEFINED), "INVALID_ARGUMENT", true);
    let mixed = Array::of2(&JsValue::from_str("x"), &JsValue::from_f64(1.0));
    assert_code(number::check_numbers(mixed.into(), JsValue::UNDEFINED), "INVALID_ARGUMENT", true);
    let typo = obj(&[("strcit", JsValue::TRUE)]);
    assert_code(number::check_number(JsValue::from_str("x"), typo), "INVALID_OPTION", true);
    let bad = obj(&[("strict", JsValue::from_str("yes"))]);
    assert_code(number::check_number(JsValue::from_str("x"), bad), "INVALID_OPTION", true);
    let bad = obj(&[("at", JsValue::from_f64(f64::NAN))]);
    assert_code(number::check_number(JsValue::from_str("x"), bad), "INVALID_OPTION", true);
    assert_code(number::check_number(JsValue::from_str("x"), JsValue::from_f64(1.0)), "INVALID_OPTION", true);
    // Still usable.
    assert!(number::is_valid_number(JsValue::from_str("932682198501010017"), JsValue::UNDEFINED).unwrap());
}

#[wasm_bindgen_test]
fn huge_and_binary_inputs_are_reports() {
    let huge = "9".repeat(2_000_000);
    let r = number::check_number(JsValue::from_str(&huge), JsValue::UNDEFINED).unwrap();
    assert_eq!(s(prop(&Array::from(&prop(&r, "errors")).get(0), "code")), "LENGTH");
    let r = number::check_number(JsValue::from_str("\u{0}\u{FFFF}\u{1F600}"), JsValue::UNDEFINED).unwrap();
    assert_eq!(prop(&r, "ok"), JsValue::FALSE);
}

/// The 2023 specimen card's text block, as committed for the native chip tests.
const Y_BLOCK: &[u8] = include_bytes!("../fixtures/chip/y-specimen.bin");

#[wasm_bindgen_test]
fn parse_chip_text_reports_fields_or_a_code() {
    let r = chip::parse_chip_text(Uint8Array::from(Y_BLOCK).into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(prop(&r, "ok"), JsValue::TRUE);
    assert_eq!(s(path(&r, &["card", "layout"])), "fpr2023");
    assert_eq!(s(path(&r, &["card", "englishName"])), "ZHENGJIAN, YANGBEN");
    assert_eq!(s(path(&r, &["card", "validUntil"])), "2033-09-14");
    let r = chip::parse_chip_text(Uint8Array::new_with_length(255).into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(prop(&r, "ok"), JsValue::FALSE);
    assert_eq!(s(path(&r, &["error", "code"])), "LENGTH");
    let mut z = Y_BLOCK.to_vec();
    z[248] = b'Z';
    let r = chip::parse_chip_text(Uint8Array::from(&z[..]).into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(s(path(&r, &["error", "code"])), "TYPE_MARKER");
    assert_code(chip::parse_chip_text(JsValue::from_str("abc"), JsValue::UNDEFINED), "INVALID_ARGUMENT", true);
}

// --- Dumps ------------------------------------------------------------------

const JWKS: &str = include_str!("../fixtures/trust/test-jwks.json");
const ROOT_PEM: &str = include_str!("../fixtures/trust/test-root.pem");
const Y_JWK: &[u8] = include_bytes!("../fixtures/dumps/y-jwk.cose");
const Y_X5CHAIN: &[u8] = include_bytes!("../fixtures/dumps/y-x5chain.cose");
const FLIPPED: &[u8] = include_bytes!("../fixtures/dumps/sig-tampered-text.cose");
/// readAt of the fixtures + 60 s, in epoch milliseconds.
const FIXTURE_AT_MS: f64 = 1_780_272_060_000.0;

fn fixture_options() -> JsValue {
    obj(&[("at", JsValue::from_f64(FIXTURE_AT_MS))])
}

/// A store handle, as the JS facade (js/facade.js) holds it.
fn store() -> u32 {
    let t = dump::trust_store_new().unwrap();
    dump::trust_store_add_jwks(t, JsValue::from_str(JWKS), JsValue::UNDEFINED).unwrap();
    assert_eq!(dump::trust_store_add_certificate(t, JsValue::from_str(ROOT_PEM), JsValue::UNDEFINED).unwrap(), 1);
    t
}

fn statuses(report: &JsValue) -> Vec<(String, String)> {
    Array::from(&prop(report, "checks"))
        .iter()
        .map(|c| (s(prop(&c, "id")), s(prop(&c, "status"))))
        .collect()
}

#[wasm_bindgen_test]
fn verify_dump_accepts_valid_fixtures() {
    let t = store();
    for bytes in [Y_JWK, Y_X5CHAIN] {
        let r = dump::verify_dump_with(Uint8Array::from(bytes).into(), t, fixture_options()).unwrap();
        let st = statuses(&r);
        assert_eq!(st.len(), 12);
        assert!(st.iter().all(|(_, status)| status == "passed" || status == "skipped"), "{st:?}");
        assert_eq!(prop(&r, "ok"), JsValue::TRUE);
        assert_eq!(prop(&r, "verified"), JsValue::TRUE);
        assert_eq!(s(path(&r, &["card", "layout"])), "fpr2023");
        assert_eq!(s(path(&r, &["card", "numberReport", "kind"])), "fpr18");
        // readAtMs, epoch milliseconds (no readAt in seconds any more).
        assert_eq!(prop(&r, "readAtMs").as_f64(), Some(1_780_272_000_000.0));
        assert!(prop(&r, "readAt").is_undefined());
    }
}

#[wasm_bindgen_test]
fn verify_dump_rejects_tampering_but_reports_what_was_parsed() {
    let t = store();
    let r = dump::verify_dump_with(Uint8Array::from(FLIPPED).into(), t, fixture_options()).unwrap();
    assert_eq!(prop(&r, "ok"), JsValue::FALSE);
    assert_eq!(prop(&r, "verified"), JsValue::FALSE);
    let failed: Vec<String> = statuses(&r).into_iter().filter(|(_, st)| st == "failed").map(|(id, _)| id).collect();
    assert_eq!(failed, vec!["SIGNATURE".to_owned()]);
    assert_eq!(path(&r, &["card", "verified"]), JsValue::FALSE);
}

#[wasm_bindgen_test]
fn verify_dumps_batches_and_byte_fields_are_uint8arrays() {
    let t = store();
    let list = Array::of3(&Uint8Array::from(Y_JWK), &Uint8Array::from(FLIPPED), &Uint8Array::from(&[0xa0u8][..]));
    let out = Array::from(&dump::verify_dumps_with(list.into(), t, fixture_options()).unwrap());
    assert_eq!(out.length(), 3);
    assert_eq!(prop(&out.get(0), "ok"), JsValue::TRUE);
    assert_eq!(prop(&out.get(1), "ok"), JsValue::FALSE);
    assert_eq!(statuses(&out.get(2))[0], ("ENVELOPE".to_owned(), "failed".to_owned()));
    for key in ["nonce", "photo", "fingerprint", "chipSerial"] {
        let v = prop(&out.get(0), key);
        assert!(v.is_null() || v.is_instance_of::<Uint8Array>(), "{key}: {v:?}");
    }
}

#[wasm_bindgen_test]
fn verify_dump_misuse_and_garbage() {
    let t = store();
    let opts = fixture_options;
    assert_code(dump::verify_dump_with(JsValue::from_str("x"), t, opts()), "INVALID_ARGUMENT", true);
    // Handle 0 is what the facade passes for anything that is not one of its stores.
    assert_code(dump::verify_dump_with(Uint8Array::from(Y_JWK).into(), 0, opts()), "INVALID_TRUST_STORE", true);
    assert_code(dump::verify_dump_with(Uint8Array::from(Y_JWK).into(), 999_999, opts()), "INVALID_TRUST_STORE", true);
    let typo = obj(&[("maxAge", JsValue::from_f64(1.0))]);
    assert_code(dump::verify_dump_with(Uint8Array::from(Y_JWK).into(), t, typo), "INVALID_OPTION", true);
    let neg = obj(&[("maxAgeSeconds", JsValue::from_f64(-1.0))]);
    assert_code(dump::verify_dump_with(Uint8Array::from(Y_JWK).into(), t, neg), "INVALID_OPTION", true);
    assert_code(dump::trust_store_add_jwks(t, JsValue::from_str("{not json"), JsValue::UNDEFINED), "INVALID_JWKS", false);
    assert_code(
        dump::trust_store_add_certificate(t, JsValue::from_str("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), JsValue::UNDEFINED).map(JsValue::from),
        "INVALID_CERTIFICATE",
        false,
    );
    // Garbage, empty, truncated and oversized inputs are reports.
    for bytes in [vec![], vec![0xffu8; 10], Y_JWK[..Y_JWK.len() / 2].to_vec(), vec![0u8; 70_000]] {
        let r = dump::verify_dump_with(Uint8Array::from(&bytes[..]).into(), t, opts()).unwrap();
        assert_eq!(statuses(&r)[0], ("ENVELOPE".to_owned(), "failed".to_owned()));
    }
    // A freed store is rejected, and the module keeps working.
    let t2 = store();
    let handle = t2;
    dump::trust_store_free(t2);
    assert_code(dump::verify_dump_with(Uint8Array::from(Y_JWK).into(), handle, opts()), "INVALID_TRUST_STORE", true);
    let r = dump::verify_dump_with(Uint8Array::from(Y_JWK).into(), t, opts()).unwrap();
    assert_eq!(prop(&r, "ok"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn trust_store_introspection() {
    let t = store();
    let info = |what: &str| dump::trust_store_info(t, what).unwrap();
    assert!(info("keyCount").as_f64().unwrap() >= 2.0);
    assert_eq!(info("anchorCount").as_f64(), Some(1.0));
    let kids = Array::from(&info("kids"));
    assert!(kids.iter().any(|k| k.as_string().as_deref() == Some("test-reader-1")));
    let anchors = Array::from(&info("anchors"));
    assert!(s(prop(&anchors.get(0), "subject")).contains("TEST"));
    // Adding never removes.
    let object: JsValue = js_sys::JSON::parse(JWKS).unwrap();
    dump::trust_store_add_jwks(t, object, JsValue::UNDEFINED).unwrap();
    assert!(info("keyCount").as_f64().unwrap() >= 2.0);
    let out = dump::trust_store_revoke_kid(t, JsValue::from_str("test-reader-1"), JsValue::UNDEFINED).unwrap();
    assert_eq!(prop(&out, "matched"), JsValue::TRUE);
    assert_eq!(Array::from(&info("revokedKids")).length(), 1);
    let r = dump::verify_dump_with(Uint8Array::from(Y_JWK).into(), t, fixture_options()).unwrap();
    assert!(statuses(&r).contains(&("REVOCATION".to_owned(), "failed".to_owned())));
    let _ = JsCast::unchecked_ref::<JsValue>(&r);
}


/// A JS value as JSON, with `Uint8Array`s as lowercase hex (what the core's `Bytes` serialise to
/// in JSON), to compare the tape's objects with serde_json's rendering of the same report.
fn js_to_json(v: &JsValue) -> serde_json::Value {
    use serde_json::Value;
    if v.is_null() {
        Value::Null
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        serde_json::json!(n)
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        Value::String(bytes.to_vec().iter().map(|b| format!("{b:02x}")).collect())
    } else if Array::is_array(v) {
        Value::Array(Array::from(v).iter().map(|x| js_to_json(&x)).collect())
    } else {
        assert_eq!(Object::get_prototype_of(v), Object::get_prototype_of(&Object::new()), "a plain object");
        let mut map = serde_json::Map::new();
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            map.insert(s(key.clone()), js_to_json(&Reflect::get(v, &key).unwrap()));
        }
        Value::Object(map)
    }
}

/// serde_json's numbers are integers where JS's are doubles: compare numbers by value.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.keys().eq(y.keys()) && x.iter().all(|(k, p)| same_json(p, &y[k]))
        }
        _ => a == b,
    }
}

#[wasm_bindgen_test]
fn reports_built_from_the_tape_equal_serde_json_of_the_core_report() {
    use cnid_verify::core::dump::VerifyOptions;
    let t = store();
    let mut core_store = cnid_verify::core::trust::TrustStore::new();
    core_store.add_jwks_json(JWKS).unwrap();
    core_store.add_certificates(ROOT_PEM.as_bytes()).unwrap();
    let fixtures: [&[u8]; 8] = [
        Y_JWK,
        Y_X5CHAIN,
        FLIPPED,
        include_bytes!("../fixtures/dumps/y-all-fields.cose"),
        include_bytes!("../fixtures/dumps/y-photo.cose"),
        include_bytes!("../fixtures/dumps/revoked-serial.cose"),
        include_bytes!("../fixtures/dumps/signer-unknown-kid.cose"),
        &[0xa0],
    ];
    // Twice: the second round runs on the key table the first one filled.
    for _ in 0..2 {
        for bytes in fixtures {
            let js = dump::verify_dump_with(Uint8Array::from(bytes).into(), t, fixture_options()).unwrap();
            let opts = VerifyOptions::at((FIXTURE_AT_MS / 1000.0) as i64);
            let core = serde_json::to_value(cnid_verify::core::dump::verify_dump(bytes, &core_store, &opts)).unwrap();
            // No host engine is installed in these tests: both ran the crate's p256.
            let built = js_to_json(&js);
            assert!(same_json(&built, &core), "tape:\n{built:#}\nserde_json:\n{core:#}");
        }
    }
    // A trust result (a map of params inside) as well.
    let added = dump::trust_store_add_jwks(t, JsValue::from_str(JWKS), JsValue::UNDEFINED).unwrap();
    let core = serde_json::to_value(core_store.add_jwks_json(JWKS).unwrap().render(cnid_verify::core::i18n::Locale::En)).unwrap();
    assert!(same_json(&js_to_json(&added), &core), "{:#} vs {core:#}", js_to_json(&added));
}
