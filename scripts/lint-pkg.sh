#!/usr/bin/env bash
# Lints the BUILT package (run after scripts/build-pkg.sh) the way its users' tools see it, from
# what `npm pack` would publish:
#
#   publint --strict   package.json fields, exports map, file formats (warnings are errors; any
#                      suggestion fails this script too: zero messages of any level)
#   attw --pack        @arethetypeswrong/cli: for every entry point, what TypeScript resolves under
#                      node10, node16 (from CJS), node16 (from ESM) and bundler resolution, against
#                      the JavaScript Node and bundlers load
#
# Both come from the repository root's node_modules (devDependencies pinned in package.json; `npm ci`,
# or make tools). Environment: CNID_PKG_DIR (default <repo>/pkg).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { echo "lint-pkg: $*"; }
die() { echo "lint-pkg: error: $*" >&2; exit 1; }

PKG_DIR="${CNID_PKG_DIR:-$ROOT/pkg}"
[ -f "$PKG_DIR/package.json" ] || die "$PKG_DIR/package.json is missing: build the package first (make pkg)"
PUBLINT="$ROOT/node_modules/.bin/publint"
ATTW="$ROOT/node_modules/.bin/attw"
for tool in "$PUBLINT" "$ATTW"; do
  [ -x "$tool" ] || die "$tool is missing: npm ci at the repo root (make tools)"
done

# --- publint ----------------------------------------------------------------------------------
# --strict turns warnings into errors (exit status 1); suggestions never change the exit status,
# so the output must also be publint's "All good!" (no message at any level).
log "publint --strict $PKG_DIR"
# NO_COLOR, and colour codes stripped anyway: with CI set, publint's colour library colours
# output even when it is not a terminal, and the check below compares plain text.
out="$(NO_COLOR=1 "$PUBLINT" run --strict --level suggestion "$PKG_DIR" 2>&1)" || { echo "$out"; die "publint --strict failed"; }
out="$(sed 's/\x1b\[[0-9;]*m//g' <<<"$out")"
echo "$out"
grep -qx 'All good!' <<<"$out" || die "publint reported messages (suggestions count too)"

# --- attw ---------------------------------------------------------------------------------------
# ESM-only subpaths. attw applies every rule to every entry point and has no per-subpath settings
# (its maintainer, arethetypeswrong/arethetypeswrong.github.io#241: "no built-in way to change which
# checks fail per-subpath"; run it once per group). So two runs:
#
#  1. every other entry point ("." and ./numbers are dual: node.cjs/numbers.cjs for require with
#     .d.cts types, ESM with .d.ts for import; ./package.json; and any subpath added later):
#     the strict profile, no rule ignored.
#  2. the ESM-only subpaths below: the strict profile with ONE rule ignored, cjs-resolves-to-esm
#     (attw raises it only for node16-cjs: "a require call resolved to an ESM file"). That is their
#     documented nature, not a types bug, and the types already say so: their .d.ts are ES module
#     declarations ("type": "module"), so tsc --module node16 rejects `require` of them (TS1471,
#     "only resolves to an ES module") and tsc --module nodenext accepts it exactly where Node
#     does (require(esm), Node >= 20.19 / 22.12). Every other rule still applies to them, in all
#     four resolution modes (node10 types come from typesVersions).
#       ./web, ./numbers/web
#                  the wasm-bindgen `web` targets of the two builds: ESM with import.meta.url; no CJS variant is
#                  correct (a second copy would be a second wasm instance and TrustStore class:
#                  `require` users have "." = node.cjs). Its import works in Node too, and
#                  require(esm) loads it where Node supports that.
#       ./bundler  the `bundler` target: imports the .wasm as an ES module (ESM-wasm integration);
#                  it cannot be CommonJS at all.
#       ./cnid_verify_bg.wasm, ./cnid_verify_numbers_bg.wasm
#                  the .wasm files: assets (resolve them: new URL(), import.meta.resolve,
#                  require.resolve), typed by their *.wasm.d.ts as the ES module that ESM-wasm
#                  integration makes of them; `require()` of a .wasm loads nothing anywhere.
ESM_ONLY=(./web ./numbers/web ./inline ./numbers/inline ./bundler ./cnid_verify_bg.wasm ./cnid_verify_numbers_bg.wasm)
for sub in "${ESM_ONLY[@]}"; do
  node -e 'process.exit(process.argv[2] in require(process.argv[1]).exports ? 0 : 1)' "$PKG_DIR/package.json" "$sub" ||
    die "$sub is not in the exports map any more: update ESM_ONLY in $0"
done

log "attw --pack $PKG_DIR: every entry point but the ESM-only ones (strict profile, no rule ignored)"
"$ATTW" --pack "$PKG_DIR" --no-color --exclude-entrypoints "${ESM_ONLY[@]}" || die "attw found problems"
log "attw --pack $PKG_DIR: the ESM-only entry points ${ESM_ONLY[*]} (only cjs-resolves-to-esm ignored)"
"$ATTW" --pack "$PKG_DIR" --no-color --entrypoints "${ESM_ONLY[@]}" --ignore-rules cjs-resolves-to-esm ||
  die "attw found problems"
log "ok: publint and attw report no problem"
