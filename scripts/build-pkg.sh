#!/usr/bin/env bash
# Builds the npm package `cnid-verify` into pkg/ (see pkg-template/README.md for what ships).
#
#   1./2. `wasm-pack build` once per target and build (it runs cargo build --release for
#      wasm32-unknown-unknown, then wasm-bindgen): pkg/{nodejs,web,bundler} (full build, default
#      features) and pkg/numbers/{nodejs,web,bundler} (numbers only: --no-default-features in its
#      own target dir, no CBOR, X.509, P-256, SHA-256; files cnid_verify_numbers*). wasm-pack runs
#      with --mode no-install (it uses the pinned wasm-bindgen CLI on PATH and downloads nothing)
#      and --no-opt (its wasm-opt would be a download: step 3 runs ours);
#   3. wasm-opt -O3 --strip-producers on each *_bg.wasm (binaryen drops the names section by
#      default) — ONLY the npm `binaryen` wasm-opt from node_modules/.bin (Debian's binaryen 108
#      silently produces modules that crash at load time);
#   4. scripts/assemble-pkg.mjs copies pkg-template/ and writes pkg/package.json etc.
#
# Tools: run scripts/install-tools.sh (or `make tools`) first. Environment:
#   SKIP_CARGO_BUILD=1   reuse the existing release .wasm with plain wasm-bindgen, no wasm-pack
#                        (quick rebuilds while editing pkg-template/ or assemble-pkg.mjs)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CRATE_FILE=cnid_verify
WASM="target/wasm32-unknown-unknown/release/${CRATE_FILE}.wasm"
NUMBERS_TARGET_DIR=target/numbers
NUMBERS_WASM="$NUMBERS_TARGET_DIR/wasm32-unknown-unknown/release/${CRATE_FILE}.wasm"
PKG="$ROOT/pkg"
TARGETS=(nodejs web bundler)

die() { echo "build-pkg: error: $*" >&2; exit 1; }
step() { echo "==> $*"; }

# --- tool checks (fail early and clearly) -----------------------------------
command -v cargo >/dev/null || die "cargo not found"
command -v node >/dev/null || die "node not found"
command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found (run: make tools)"
command -v wasm-pack >/dev/null || die "wasm-pack not found (run: make tools)"

WB_WANT="$(cargo pkgid -p wasm-bindgen | sed 's/.*[@#]//')"
WB_HAVE="$(wasm-bindgen --version | awk '{print $2}')"
[ "$WB_HAVE" = "$WB_WANT" ] ||
  die "wasm-bindgen CLI is $WB_HAVE but Cargo.lock pins the wasm-bindgen crate at $WB_WANT (run: make tools)"

# wasm-opt must be the npm binaryen one, at the version pinned in the root package.json.
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
[ -e "$WASM_OPT" ] || die "node_modules/.bin/wasm-opt missing (run: npm ci, or make tools)"
WASM_OPT_REAL="$(readlink -f "$WASM_OPT")"
[ "$WASM_OPT_REAL" = "$(readlink -f "$ROOT/node_modules/binaryen/bin/wasm-opt")" ] ||
  die "$WASM_OPT does not point into node_modules/binaryen (it is $WASM_OPT_REAL); refusing to use it"
BINARYEN_WANT="$(node -p "require('./package.json').devDependencies.binaryen")"
BINARYEN_HAVE="$(node -p "require('./node_modules/binaryen/package.json').version")"
[ "$BINARYEN_HAVE" = "$BINARYEN_WANT" ] ||
  die "node_modules has binaryen $BINARYEN_HAVE but package.json pins $BINARYEN_WANT (run: npm ci)"
"$WASM_OPT" --version | grep -q "version ${BINARYEN_WANT%%.*}" ||
  die "unexpected wasm-opt version: $("$WASM_OPT" --version)"

# --- 1./2. compile and bind per target (wasm-pack), 3. wasm-opt ---------------------
rm -rf "$PKG"
mkdir -p "$PKG"
declare -A OPTIMIZED=()   # sha256 of wasm-bindgen output -> optimised file (outputs are often identical)
# bindgen OUT_ROOT OUT_NAME INPUT_WASM [CARGO_ARGS...]: the three targets of one build, each .wasm
# optimised once.
bindgen() {
  local root="$1" name="$2" input="$3" t bg sum
  shift 3
  for t in "${TARGETS[@]}"; do
    if [ "${SKIP_CARGO_BUILD:-}" = 1 ]; then
      [ -f "$input" ] || die "$input not found (SKIP_CARGO_BUILD=1 needs an earlier build)"
      step "wasm-bindgen --target $t --out-name $name (SKIP_CARGO_BUILD=1)"
      wasm-bindgen --target "$t" --out-dir "$root/$t" --out-name "$name" "$input"
    else
      step "wasm-pack build --mode no-install --no-opt --target $t --out-name $name -- $*"
      wasm-pack --quiet build "$ROOT" --mode no-install --no-opt --no-pack --no-gitignore --release \
        --target "$t" --out-dir "$root/$t" --out-name "$name" -- --locked "$@"
    fi
    bg="$root/$t/${name}_bg.wasm"
    sum="$(sha256sum "$bg" | cut -d' ' -f1)"
    if [ -n "${OPTIMIZED[$sum]:-}" ]; then
      step "wasm-opt -O3 ($name $t: same input as ${OPTIMIZED[$sum]}, reusing its output)"
      cp "${OPTIMIZED[$sum]}" "$bg"
    else
      step "wasm-opt -O3 --strip-producers ($name $t, npm binaryen $BINARYEN_HAVE)"
      "$WASM_OPT" -O3 --strip-producers "$bg" -o "$bg.opt"
      mv "$bg.opt" "$bg"
      OPTIMIZED[$sum]="$bg"
    fi
  done
}
bindgen "$PKG" "$CRATE_FILE" "$WASM"
bindgen "$PKG/numbers" "${CRATE_FILE}_numbers" "$NUMBERS_WASM" --no-default-features --target-dir "$NUMBERS_TARGET_DIR"

# --- 4. assemble the package ----------------------------------------------------------
step "assemble pkg/ from pkg-template/"
VERSION="$(cargo pkgid -p cnid-verify | sed 's/.*[@#]//')"
node "$ROOT/scripts/assemble-pkg.mjs" --version "$VERSION"

for w in "${CRATE_FILE}_bg.wasm" "${CRATE_FILE}_numbers_bg.wasm"; do
  echo "build-pkg: $w $(wc -c <"$PKG/$w") bytes ($(gzip -9c "$PKG/$w" | wc -c) gzip -9)"
done
echo "build-pkg: pkg/ ready: cnid-verify@$VERSION"
