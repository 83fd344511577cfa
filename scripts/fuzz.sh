#!/usr/bin/env bash
# Builds every cargo-fuzz target in fuzz/ once (AddressSanitizer, -O, debug assertions), seeds a
# corpus per target from tests/fixtures and runs each target for FUZZ_SECONDS seconds, one after
# the other. Prints per target the executions, exec/s, final coverage (cov:), features (ft:),
# corpus size and crashes; exits non-zero if any target crashed, leaked, ran out of memory or
# timed out. See docs/fuzzing.md.
#
#   * cargo-fuzz is installed when missing (idempotent, like scripts/install-tools.sh)
#   * the stable toolchain builds the targets: RUSTC_BOOTSTRAP=1 unlocks -Zsanitizer=address
#   * corpora (kept between runs, so runs accumulate): target/fuzz-corpus/<target>/, seeded from
#     tests/fixtures and from the committed reproducers in fuzz/regressions/<target>/
#   * crash/timeout/OOM reproducers: target/fuzz-artifacts/<target>/
#   * libFuzzer logs: target/fuzz-logs/<target>.log; build output: target/fuzz-build/
#
# Environment: FUZZ_SECONDS (default 60) per target; FUZZ_TARGETS (default: every target in
# fuzz/Cargo.toml) to run only some, e.g. FUZZ_TARGETS="cbor chip".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { echo "fuzz: $*"; }
die() { echo "fuzz: error: $*" >&2; exit 1; }

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
for tool in cargo rustc python3; do
  command -v "$tool" >/dev/null || die "$tool not found: it must come with the machine"
done

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
[[ "$FUZZ_SECONDS" =~ ^[0-9]+$ ]] && [ "$FUZZ_SECONDS" -ge 1 ] || die "FUZZ_SECONDS must be a positive integer (got '$FUZZ_SECONDS')"
CARGO_FUZZ_VERSION=0.13.2

ALL_TARGETS="$(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -vx cnid-verify-fuzz)"
TARGETS="${FUZZ_TARGETS:-$ALL_TARGETS}"
for t in $TARGETS; do
  grep -qx "$t" <<<"$ALL_TARGETS" || die "unknown fuzz target '$t' (targets: $(echo $ALL_TARGETS))"
done

# Per target: most bytes per input (-max_len). Dumps go up to 64 KiB (+ the options header),
# a chip block is 256 bytes (+ 8 bytes of read time), trust documents are kept small for speed.
max_len() {
  case "$1" in
    number) echo 1024 ;;
    chip) echo 300 ;;
    cbor | verify_dump) echo 70000 ;;
    trust_list) echo 20000 ;;
    jwks | certs) echo 20000 ;;
    *) echo 4096 ;;
  esac
}

# --- cargo-fuzz -------------------------------------------------------------------------------------
if cargo fuzz --version >/dev/null 2>&1; then
  log "cargo-fuzz: present ($(cargo fuzz --version))"
else
  log "cargo install cargo-fuzz --version $CARGO_FUZZ_VERSION (about 3 minutes)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  cargo fuzz --version >/dev/null 2>&1 || die "cargo fuzz does not run after the install"
fi

# --- build all targets once -------------------------------------------------------------------------
BUILD_DIR=target/fuzz-build
HOST="$(rustc -vV | sed -n 's/^host: //p')"
BIN_DIR="$BUILD_DIR/$HOST/release"
log "building $(echo $TARGETS) (cargo fuzz build -O --debug-assertions, AddressSanitizer)"
build_start=$SECONDS
# fuzz/Cargo.lock is committed and must be up to date (`cargo fuzz build` has no --locked; this
# check fails the same way). FUZZ_UNLOCKED=1 lets a changed dependency set resolve instead.
if [ "${FUZZ_UNLOCKED:-}" != 1 ]; then
  cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null \
    || die "fuzz/Cargo.lock is out of date (the root crate's dependencies changed?): run 'cargo fetch --manifest-path fuzz/Cargo.toml' and commit fuzz/Cargo.lock (or set FUZZ_UNLOCKED=1)"
fi
# `cargo fuzz build` without a target builds them all in one cargo invocation.
if [ "$TARGETS" = "$ALL_TARGETS" ]; then
  RUSTC_BOOTSTRAP=1 cargo fuzz build -O --debug-assertions --target-dir "$BUILD_DIR"
else
  for t in $TARGETS; do
    RUSTC_BOOTSTRAP=1 cargo fuzz build -O --debug-assertions --target-dir "$BUILD_DIR" "$t"
  done
fi
log "build: $((SECONDS - build_start)) s"

# --- seed corpora from tests/fixtures ---------------------------------------------------------------
CORPUS=target/fuzz-corpus
ARTIFACTS=target/fuzz-artifacts
LOGS=target/fuzz-logs
mkdir -p "$CORPUS" "$ARTIFACTS" "$LOGS"
python3 - "$CORPUS" <<'PY'
"""Writes seed inputs (seed-*) into target/fuzz-corpus/<target>/; existing corpus entries stay."""
import base64, hashlib, json, pathlib, re, sys

corpus = pathlib.Path(sys.argv[1])
fx = pathlib.Path("tests/fixtures")

def put(target, name, data):
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80]
    (d / f"seed-{safe}-{hashlib.sha1(data).hexdigest()[:8]}").write_bytes(data)

# number: the Makefile's DEMO_NUMBERS, every card number of the fixtures, and spellings that the
# lenient mode folds (lower-case x, spaces, hyphens, full-width digits).
numbers = set()
mk = pathlib.Path("Makefile").read_text()
m = re.search(r"^DEMO_NUMBERS\s*:?=((?:.*\\\n)*.*)$", mk, re.M)
if m:
    numbers.update(m.group(1).replace("\\\n", " ").split())
for mf in [fx / "chip/manifest.json", fx / "dumps/manifest.json", fx / "interop/manifest.json"]:
    for entry in json.loads(mf.read_text()):
        for k in ("number", "oldNumber"):
            v = (entry.get("card") or {}).get(k) or entry.get(k)
            if isinstance(v, str) and v:
                numbers.add(v)
for n in sorted(numbers):
    put("number", n, n)
    put("number", n + "-lower", n.lower())
    put("number", n + "-spaced", " ".join([n[:6], n[6:14], n[14:]]) + " ")
    put("number", n + "-hyphen", "-".join([n[:6], n[6:14], n[14:]]))
    put("number", n + "-fullwidth", "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in n))

# chip: the 256-byte text blocks, and each with 8 bytes of read time (2026-06-01 and 2030-01-01).
for b in sorted((fx / "chip").glob("*.bin")):
    data = b.read_bytes()
    put("chip", b.name, data)
    put("chip", b.name + "-t2026", data + (1780272000).to_bytes(8, "big"))
    put("chip", b.name + "-t2030", data + (1893456000).to_bytes(8, "big"))

# cbor: every dump (COSE_Sign1 is CBOR).
cose = sorted((fx / "dumps").glob("*.cose")) + sorted((fx / "interop").glob("*.cose"))
for c in cose:
    put("cbor", c.name, c.read_bytes())

# verify_dump: each dump behind the options header of fuzz_targets/verify_dump.rs, with its
# manifest options and trust setup (anchors and revocations as trust-byte bits).
def trust_byte(trust):
    certs = trust.get("certificates", ["test-root.pem"])
    bits = 0
    if "test-other-root.pem" in certs:
        bits |= 0x01
    if "test-reader-revoked" in trust.get("revokedKids", []):
        bits |= 0x02
    for r in trust.get("revokedSerials", []):
        serial = r["serialHex"].lower().lstrip("0")
        bits |= {("test-intermediate.pem", "8badf00d"): 0x04, ("test-root.pem", "2"): 0x08,
                 ("test-root.pem", "8badf00d"): 0x10}[(r["issuer"], serial)]
    if "test-root.pem" not in certs and "root.pem" not in certs:
        bits |= 0x20
    return bits

def header(opts, trust):
    flags, extra = 0, b""
    max_age = opts.get("maxAgeSeconds", 600)
    if max_age is None:
        flags |= 0x01
    elif max_age != 600:
        flags |= 0x10
        extra += int(max_age).to_bytes(4, "big")
    bits = trust_byte(trust)
    if bits:
        flags |= 0x08
        extra += bytes([bits])
    tail = b""
    nonce = opts.get("expectedNonceHex")
    if nonce is not None:
        flags |= 0x02
        n = bytes.fromhex(nonce)
        tail += bytes([len(n)]) + n
    aad = opts.get("externalAadHex")
    if aad is not None:
        flags |= 0x04
        a = bytes.fromhex(aad)
        tail += bytes([len(a)]) + a
    at = int(opts.get("at", 1780272060))
    return bytes([flags]) + at.to_bytes(8, "big", signed=True) + extra + tail

seen = set()
for mf in [fx / "dumps/manifest.json", fx / "interop/manifest.json"]:
    for entry in json.loads(mf.read_text()):
        f = mf.parent / entry["file"]
        if f.exists():
            seen.add(f)
            put("verify_dump", f.name, header(entry.get("options", {}), entry.get("trust", {})) + f.read_bytes())
for c in cose:
    if c not in seen:
        put("verify_dump", c.name, header({}, {}) + c.read_bytes())

# trust_list: the interop trust lists (tools/interop/make_trust_lists.py).
for c in sorted((fx / "interop").glob("list-*.cose")):
    put("trust_list", c.name, c.read_bytes())

# jwks: the JWK sets, plus small JSON documents of the fixtures.
for j in sorted((fx / "trust").glob("*.json")) + [fx / "interop/jwks.json", fx / "chip/manifest.json", fx / "interop/manifest.json"]:
    put("jwks", j.parent.name + "-" + j.name, j.read_bytes())

# certs: every PEM, its DER, and bundles (PEM chain, concatenated DER) for the multi-input store.
pems = sorted((fx / "trust").glob("*.pem")) + [fx / "interop/root.pem"]
def der_of(text):
    body = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S).group(1)
    return base64.b64decode("".join(body.split()))
for p in pems:
    text = p.read_text()
    put("certs", p.parent.name + "-" + p.name, text)
    put("certs", p.parent.name + "-" + p.stem + ".der", der_of(text))
chain = [fx / "trust" / n for n in ("test-signer.pem", "test-intermediate.pem", "test-root.pem")]
put("certs", "chain.pem", "".join(p.read_text() for p in chain))
put("certs", "chain.der", b"".join(der_of(p.read_text()) for p in chain))
put("certs", "roots.pem", "explanatory text\n" + (fx / "trust/test-root.pem").read_text() + (fx / "trust/test-other-root.pem").read_text())

# Every target also replays its committed reproducers, fuzz/regressions/<target>/* (docs/fuzzing.md).
reg = pathlib.Path("fuzz/regressions")
if reg.is_dir():
    for d in sorted(p for p in reg.iterdir() if p.is_dir()):
        for f in sorted(d.iterdir()):
            if f.is_file() and f.suffix != ".md":
                put(d.name, "regression-" + f.name, f.read_bytes())
PY

# --- run ---------------------------------------------------------------------------------------------
# The first non-option argument of a libFuzzer binary is the corpus it reads and grows.
declare -A SUMMARY
failed=()
for t in $TARGETS; do
  mkdir -p "$CORPUS/$t" "$ARTIFACTS/$t"
  logf="$LOGS/$t.log"
  log "$t: ${FUZZ_SECONDS} s, $(ls "$CORPUS/$t" | wc -l) corpus inputs, -max_len=$(max_len "$t")"
  rc=0
  "$BIN_DIR/$t" "$CORPUS/$t" \
    -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -max_len="$(max_len "$t")" -timeout=20 \
    -artifact_prefix="$ARTIFACTS/$t/" -print_final_stats=1 -print_pcs=0 </dev/null >"$logf" 2>&1 || rc=$?
  # Last status line: "#N DONE cov: C ft: F corp: K/S lim: L exec/s: E rss: R"
  status="$(grep -E '^#[0-9]+' "$logf" | grep ' cov: ' | tail -n 1 || true)"
  field() { sed -n "s/.* $1: \([^ ]*\).*/\1/p" <<<"$status"; }
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$logf" | tail -n 1)"
  eps="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logf" | tail -n 1)"
  # Reproducers libFuzzer wrote in this run (crash-*, leak-*, timeout-*, oom-*).
  crashes="$(grep -c '^Test unit written to ' "$logf" || true)"
  # corp: libFuzzer's corpus after the run (inputs/bytes); files: inputs on disk (seeds included).
  SUMMARY[$t]="$(printf '%-12s %7s %12s %8s %6s %7s %12s %6s %7s' "$t" "$FUZZ_SECONDS" "${execs:-?}" "${eps:-?}" \
    "$(field cov)" "$(field ft)" "$(field corp)" "$(ls "$CORPUS/$t" | wc -l)" "$crashes")"
  if [ "$rc" != 0 ]; then
    failed+=("$t")
    echo "fuzz: $t FAILED (exit $rc); last lines of $logf:" >&2
    grep -E 'ERROR|panicked|SUMMARY|Test unit written|^==' "$logf" | head -n 20 >&2 || true
    tail -n 30 "$logf" >&2
  fi
  log "${SUMMARY[$t]}"
done

echo
printf '%-12s %7s %12s %8s %6s %7s %12s %6s %7s\n' target seconds executions exec/s cov ft corp files crashes
for t in $TARGETS; do echo "${SUMMARY[$t]}"; done
if [ "${#failed[@]}" -gt 0 ]; then
  die "crash or error in: ${failed[*]} (reproducers in $ARTIFACTS/<target>/, logs in $LOGS/)"
fi
log "no crash in $(echo $TARGETS)"
