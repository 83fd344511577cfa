//! Test material for cnid-verify, shared by its unit tests (a dev-dependency) and by
//! `tools/fixture-gen` (which writes `tests/fixtures/`):
//!
//! * [`pki`]: one deterministic test PKI: P-256 keys derived from fixed seeds, RFC 6979 signatures,
//!   a hand-rolled DER certificate builder with the knobs the tests need (including deliberately
//!   broken certificates, which a real builder refuses), PEM armour and the time constants.
//! * [`cbor`]: one permissive CBOR writer that encodes exactly the items it is given (duplicate map
//!   keys, indefinite-length maps, raw bytes spliced in), so negative tests can build malformed input.
//!
//! # What it is not
//!
//! It is **not an oracle**. It builds inputs; it never decides whether an input is valid, and nothing
//! may use it to check cnid-verify's answers: what it writes is only as right as what the caller asked
//! for. The independent oracles are `tools/fixture-gen`'s `--selfcheck` (its own strict CBOR decoder,
//! X.509 checks through x509-cert) and `tools/interop` (Python, other libraries); neither uses this
//! crate for what it checks, and neither may start to.
//!
//! It does not depend on cnid-verify either, so that the code under test never builds its own test
//! inputs.
//!
//! # Panics
//!
//! This is test code: it uses `expect`/`assert!` on conditions that only a wrong call can break (an
//! unknown DN attribute, a fixed-size slice), where cnid-verify itself denies `unwrap`/`expect`/`panic`.

pub mod cbor;
pub mod pki;
pub mod time;
