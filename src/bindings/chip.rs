//! `parseChipText`: parse a bare 256-byte text block (no signature).

use super::boundary;
use super::{codes, to_js};
use crate::core::chip::{self, ChipCard, ChipError, TEXT_BLOCK_LEN};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The result of parsing a bare text block: data, never an exception.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChipTextReport {
    ok: bool,
    error: Option<ChipError>,
    card: Option<ChipCard>,
}

/// Parses a 256-byte chip text block read from a local reader. The data is
/// NOT authenticated: use `verifyDump` for signed dumps.
#[wasm_bindgen(js_name = parseChipText, unchecked_return_type = "ChipTextReport")]
pub fn parse_chip_text(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = boundary::bytes(&bytes, "bytes", TEXT_BLOCK_LEN, codes::INVALID_ARGUMENT)?;
    let report = match chip::parse_text_block(&bytes) {
        Ok(card) => ChipTextReport { ok: true, error: None, card: Some(card) },
        Err(e) => ChipTextReport { ok: false, error: Some(e), card: None },
    };
    to_js(&report)
}
