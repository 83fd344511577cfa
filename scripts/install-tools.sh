#!/usr/bin/env bash
# Installs what building and testing cnid-verify needs, and only what is missing (idempotent;
# a second run takes a few seconds). Works on a fresh Debian 12 machine with the Rust toolchain
# (rustup/cargo), Node.js/npm and Python 3 already present, reaching only the package registries.
#
#   * rustup target wasm32-unknown-unknown
#   * wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (cargo install, NOT
#     --locked: its published lockfile pins a webpki-roots the registry mirror lacks)
#   * wasm-pack at WASM_PACK_VERSION (cargo install --locked): the build (scripts/build-pkg.sh) and
#     the wasm tests run through it in --mode no-install, i.e. with the wasm-bindgen CLI above and
#     no downloads of its own
#   * Chromium + ChromeDriver from Debian (browser tests via wasm-bindgen-test-runner)
#   * npm ci at the repo root: binaryen (wasm-opt; never Debian's binaryen 108, whose output
#     crashes at load time), typescript (type tests), publint and @arethetypeswrong/cli (package
#     lint, scripts/lint-pkg.sh)
#   * a Python venv under target/venv for tools/interop (when tools/interop/requirements.txt exists)
#
# Environment: SKIP_BROWSER=1 skips Chromium/ChromeDriver.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { echo "install-tools: $*"; }
die() { echo "install-tools: error: $*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot apt-get install"
  SUDO=(sudo)
fi

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
for tool in cargo rustup node npm python3; do
  command -v "$tool" >/dev/null || die "$tool not found: it must come with the machine"
done

# --- Rust wasm target -------------------------------------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rust target wasm32-unknown-unknown: present"
else
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- rustfmt and clippy (make test checks formatting and lints) ------------------------------------
for c in rustfmt clippy; do
  if cargo "${c/rustfmt/fmt}" --version >/dev/null 2>&1; then
    log "$c: present"
  else
    log "rustup component add $c"
    rustup component add "$c" || die "cannot install the $c component (needed by make test)"
  fi
done

# --- wasm-bindgen-cli = Cargo.lock's wasm-bindgen ---------------------------------------------------
WB_WANT="$(cargo pkgid -p wasm-bindgen | sed 's/.*[@#]//')"
[[ "$WB_WANT" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "cannot read the wasm-bindgen version from Cargo.lock (got '$WB_WANT')"
wb_have() { "$1" --version 2>/dev/null | awk '{print $2}'; }
if [ "$(wb_have wasm-bindgen)" = "$WB_WANT" ] && [ "$(wb_have wasm-bindgen-test-runner)" = "$WB_WANT" ]; then
  log "wasm-bindgen-cli $WB_WANT: present"
else
  log "cargo install wasm-bindgen-cli --version $WB_WANT (about 2-3 minutes)"
  cargo install --force wasm-bindgen-cli --version "$WB_WANT"
  [ "$(wb_have wasm-bindgen)" = "$WB_WANT" ] || die "wasm-bindgen on PATH is not $WB_WANT after the install: $(command -v wasm-bindgen)"
fi

# --- wasm-pack ------------------------------------------------------------------------------------
WASM_PACK_VERSION=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" = "$WASM_PACK_VERSION" ]; then
  log "wasm-pack $WASM_PACK_VERSION: present"
else
  log "cargo install wasm-pack --version $WASM_PACK_VERSION --locked (about 5 minutes)"
  cargo install --force --locked wasm-pack --version "$WASM_PACK_VERSION"
fi

# --- Chromium + ChromeDriver (Debian) --------------------------------------------------------------
if [ "${SKIP_BROWSER:-}" = 1 ]; then
  log "SKIP_BROWSER=1: not checking Chromium/ChromeDriver"
elif [ -x /usr/bin/chromium ] && command -v chromedriver >/dev/null; then
  log "chromium + chromedriver: present"
else
  log "apt-get install chromium chromium-driver"
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

# --- npm dev tooling (binaryen's wasm-opt, typescript, publint, attw) ---------------------------------
LOCK_SUM="$(sha256sum package-lock.json | cut -d' ' -f1)"
STAMP=node_modules/.cnid-verify-lock.sha256
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCK_SUM" ] && [ -x node_modules/.bin/wasm-opt ]; then
  log "node_modules: up to date with package-lock.json"
else
  log "npm ci --no-audit --no-fund"
  npm ci --no-audit --no-fund
  echo "$LOCK_SUM" >"$STAMP"
fi

# --- Python venv for the interop producer -----------------------------------------------------------
REQ=tools/interop/requirements.txt
if [ -f "$REQ" ]; then
  VENV=target/venv
  REQ_SUM="$(sha256sum "$REQ" | cut -d' ' -f1)"
  PY_STAMP="$VENV/.cnid-verify-requirements.sha256"
  if [ -x "$VENV/bin/python" ] && [ -f "$PY_STAMP" ] && [ "$(cat "$PY_STAMP")" = "$REQ_SUM" ]; then
    log "$VENV: up to date with $REQ"
  else
    log "python3 -m venv $VENV && pip install -r $REQ"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$REQ"
    echo "$REQ_SUM" >"$PY_STAMP"
  fi
else
  log "$REQ absent: no Python venv needed"
fi

log "done"
