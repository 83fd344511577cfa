//! cnid-verify: validate Chinese identity-card numbers and verify signed chip dumps.
//!
//! The crate has two layers, visible in the folder layout:
//!
//! * [`core`] — pure Rust, knows nothing about JavaScript. Number validation
//!   ([`core::number`]), the chip text block ([`core::chip`]), strict CBOR
//!   ([`core::cbor`]), trust material ([`core::trust`]) and signed-dump
//!   verification ([`core::dump`]). Tested natively with `cargo test`.
//! * `bindings` — compiled only for `wasm32`: converts JS values to core types
//!   and core reports to plain JS objects, and turns misuse into JS `Error`s
//!   that carry a stable `code`.
#![forbid(unsafe_code)]
// The lint wall (`make test` runs `cargo clippy --workspace --all-targets -- -D warnings`): clippy's
// default set everywhere, and outside tests no `unwrap`/`expect`/`panic!`/`todo!`: input-derived
// data must become a report or a coded error, never an abort of the wasm instance.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::todo, clippy::unimplemented)
)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
