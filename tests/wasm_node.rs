//! wasm-bindgen tests of the JS-facing bindings, run in Node.
//! The same bodies run in headless Chromium from `wasm_browser.rs`.
#![cfg(target_arch = "wasm32")]

include!("common/wasm_body.rs");
