//! The pure-Rust core. Nothing in here depends on wasm-bindgen or JS types.
//!
//! Numbers (`number`, `tables`, `date`) are always built; everything about
//! the chip and signed dumps is behind the `dumps` feature (default on), so
//! the numbers-only build links no CBOR, X.509, P-256 or SHA-256.

pub mod codes;
pub mod date;
pub mod i18n;
pub mod number;
pub mod tables;
// The package's report types in TypeScript, generated from these types (tests only).
#[cfg(test)]
mod typescript;

#[cfg(feature = "dumps")]
pub mod cbor;
#[cfg(feature = "dumps")]
pub mod chip;
#[cfg(feature = "dumps")]
pub mod dump;
#[cfg(feature = "dumps")]
pub mod engine;
#[cfg(feature = "dumps")]
pub mod hex;
#[cfg(feature = "dumps")]
pub mod json;
#[cfg(feature = "signing")]
pub mod sign;
#[cfg(feature = "dumps")]
pub mod trust;
