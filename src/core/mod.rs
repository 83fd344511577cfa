//! The pure-Rust core. Nothing in here depends on wasm-bindgen or JS types.

pub mod cbor;
pub mod chip;
pub mod date;
pub mod dump;
pub mod json;
pub mod number;
pub mod tables;
pub mod trust;
