//! The host engine: the curve step of ES256 on the JS host's native crypto (issue 12).
//!
//! The package's Node entry hands `setHostCurveEngine` a function `(sec1Key, message, r‖s) => boolean`
//! over node:crypto (facade.js `nodeCurveEngine`); browsers have no synchronous native ECDSA, so
//! there the crate's p256 runs. Only the yes/no of a well-formed, in-range signature crosses:
//! everything that decides whether a dump is accepted stays in the core (core/dump/engine.rs).
//! The function is ours, not the caller's, but it is still called through `Function::call3`, a
//! `catch` import: a throw is "no answer" (the crate's p256 then decides), never an unwind
//! through wasm, and anything but a boolean is "no answer" too.

use std::cell::RefCell;

use js_sys::{Function, Uint8Array};
use p256::ecdsa::VerifyingKey;
use wasm_bindgen::prelude::*;

use crate::core::engine::{Answer, CurveEngine, EngineName};

thread_local! {
    static HOST: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Installs (or, with `null`, removes) the host's curve step. Called by the package's Node entry.
#[wasm_bindgen(js_name = setHostCurveEngine, skip_typescript)]
pub fn set_host_curve_engine(f: JsValue) {
    let f = f.dyn_into::<Function>().ok();
    HOST.with(|h| *h.borrow_mut() = f);
}

/// The installed host function, as a [`CurveEngine`] (node:crypto: the only host installed today).
pub(crate) struct HostEngine;

impl CurveEngine for HostEngine {
    fn name(&self) -> EngineName {
        EngineName::Node
    }

    fn verify(&self, key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> Answer {
        let Some(f) = HOST.with(|h| h.borrow().clone()) else { return Answer::Unknown };
        let point = key.to_sec1_point(false);
        let args = (Uint8Array::from(point.as_bytes()), Uint8Array::from(msg), Uint8Array::from(&sig[..]));
        match f.call3(&JsValue::NULL, &args.0, &args.1, &args.2).ok().and_then(|v| v.as_bool()) {
            Some(valid) => Answer::Final(valid),
            None => Answer::Unknown,
        }
    }
}
