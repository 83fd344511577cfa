//! `parseChipText`: parse a bare 256-byte text block (no signature).

use super::boundary::{self, Undefined};
use super::to_js;
use crate::core::chip::{ChipTextReport, TEXT_BLOCK_LEN};
use crate::core::codes::MisuseCode;
use crate::core::i18n::Locale;
use wasm_bindgen::prelude::*;

/// Parses a 256-byte chip text block read from a local reader. The data is
/// NOT authenticated: use `verifyDump` for signed dumps.
#[wasm_bindgen(js_name = parseChipText, unchecked_return_type = "ChipTextReport")]
pub fn parse_chip_text(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChipTextOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    boundary::localized(&options, || {
        let bytes = boundary::bytes(&bytes, "bytes", TEXT_BLOCK_LEN, MisuseCode::InvalidArgument)?;
        let locale = match boundary::options(&options, "locale", Undefined::Absent)? {
            None => Locale::En,
            Some(obj) => boundary::locale(&obj)?,
        };
        to_js(&ChipTextReport::parse(&bytes, locale))
    })
}
