#!/usr/bin/env bash
# Browser and packaging tests of the BUILT package (run after scripts/build-pkg.sh):
#
#   tests/e2e/        the demo page (www/) served by scripts/serve.mjs, in headless Chromium
#   tests/packaging/  npm pack + throw-away consumers: Node CJS/ESM, Vite build, plain HTML, tsc
#                     (packaging.test.mjs); the bundler matrix: webpack, esbuild, Rollup, Vite, Parcel
#                     (bundlers.test.mjs); Jest, Vitest and the TypeScript matrix (runners.test.mjs)
#
# Installs tests/e2e's npm dependencies (playwright-core, which drives the system Chromium and
# downloads no browser) with `npm ci` only when node_modules is missing or older than the lockfile.
# The packaging tests install their consumers themselves, each from its own package-lock.json.
#
# Environment: CNID_PKG_DIR (default <repo>/pkg), CHROMIUM (default /usr/bin/chromium),
# UPDATE_SCREENSHOT=1 (also refresh docs/screenshot.png). Screenshots land in artifacts/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { echo "test-web: $*"; }
die() { echo "test-web: error: $*" >&2; exit 1; }

export CNID_PKG_DIR="${CNID_PKG_DIR:-$ROOT/pkg}"
for f in package.json browser.js node.cjs cnid_verify_bg.wasm; do
  [ -f "$CNID_PKG_DIR/$f" ] || die "$CNID_PKG_DIR/$f is missing: build the package first (make pkg)"
done
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM (scripts/install-tools.sh installs it from apt)"
export CHROMIUM
[ -x node_modules/.bin/tsc ] || die "node_modules/.bin/tsc is missing: npm ci at the repo root (make tools)"

# npm ci in $1 unless its node_modules matches its package-lock.json (sha256 stamp).
npm_deps() {
  local dir="$1" sum stamp
  sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  stamp="$dir/node_modules/.cnid-verify-lock.sha256"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    log "$dir/node_modules: up to date"
  else
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sum" >"$stamp"
  fi
}
npm_deps tests/e2e

log "package: $CNID_PKG_DIR; browser: $CHROMIUM"
# One run, one summary; files run one after the other (2 cores, one browser at a time).
# The files are named: a directory would also pick up the Jest and Vitest consumers' own *.test.js.
node --test --test-concurrency=1 tests/e2e/*.test.mjs tests/packaging/*.test.mjs
