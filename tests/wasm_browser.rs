//! wasm-bindgen tests of the JS-facing bindings, run in headless Chromium.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("common/wasm_body.rs");

#[wasm_bindgen_test]
fn runs_in_a_browser() {
    let global = js_sys::global();
    assert!(js_sys::Reflect::has(&global, &JsValue::from_str("document")).unwrap());
}
