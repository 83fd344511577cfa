# cnid-verify: build, test, demo and benchmark entry points.
#
#   make tools   install what is missing (wasm target, wasm-bindgen-cli, Chromium, npm tooling, venv)
#   make pkg     build the npm package into pkg/ (browser, bundler, Node ESM/CJS, CLI)
#   make demo    run the CLI on sample numbers and on a signed sample dump
#   make test    everything CI runs (.ci/run): Rust native + wasm (Node, headless Chromium),
#                table check, package build, Node tests, demo-page E2E and packaging tests
#                (Playwright + system Chromium), a fuzz smoke run, Python interop
#   make bench   number-validation and dump-verification benchmarks against npm peers
#   make fuzz    every cargo-fuzz target (fuzz/) for FUZZ_SECONDS seconds each (default 60)
#   make serve   the demo page on http://127.0.0.1:$(PORT)/ (PORT ?= 8080; builds pkg/ if missing)
#   make clean   remove build outputs (pkg/, target/interop, bench/node_modules); keeps cargo's cache

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
FUZZ_SECONDS ?= 60
CLI := node pkg/bin/cnid-verify.js
export PATH := $(HOME)/.cargo/bin:$(PATH)

# Official specimens, the vendor test card, FPR 2017 cards (CAN... fails the ICAO 7-3-1 check
# digit: shown on purpose), resident and HK/Macao/Taiwan numbers, a legacy 15-digit number and an
# impossible birth date (Feb 30). Invalid samples print a ✗ line; they do not fail `make demo`.
DEMO_NUMBERS := 911124198108030024 932682198501010017 931586198001010028 KAZ110090123105 \
  CAN110081080319 11010519491231002X 810000199001011230 130503670401001 110105199002300028
DEMO_DUMP ?= tests/fixtures/dumps/y-jwk.cose

# wasm tests: tests/wasm_node.rs runs in Node, tests/wasm_browser.rs in headless Chromium, both
# through wasm-pack test (which builds every test target for wasm32; the native-only ones compile
# to nothing there: #![cfg(not(target_arch = "wasm32"))]). webdriver.json holds Chromium's flags.
DEMO_TRUST ?= tests/fixtures/trust/test-jwks.json

.PHONY: help tools pkg demo test bench fuzz serve clean distclean

help:
	@sed -n '3,12s/^# \{0,1\}//p' Makefile

tools:
	bash scripts/install-tools.sh

pkg: tools
	bash scripts/build-pkg.sh

demo: pkg
	@echo
	@echo "== cnid-verify number: sample numbers (✗ lines are expected for the invalid samples) =="
	@rc=0; $(CLI) number $(DEMO_NUMBERS) || rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@echo
	@echo "== cnid-verify dump $(DEMO_DUMP) =="
	@echo "!! TRUST ANCHOR IS TEST ONLY: $(DEMO_TRUST) holds fixture keys (tools/fixture-gen)."
	@echo "!! Never trust it in production: supply your own readers' keys or CA certificates."
	@if [ -f "$(DEMO_DUMP)" ]; then \
	  rc=0; $(CLI) dump --trust $(DEMO_TRUST) --max-age none $(DEMO_DUMP) || rc=$$?; [ $$rc -le 1 ] || exit $$rc; \
	else echo "(no sample dump at $(DEMO_DUMP): generate tests/fixtures first)"; fi

test: tools
	@echo "== formatting (rustfmt.toml) and lints (clippy, warnings are errors; the lint wall in src/lib.rs) =="
	cargo fmt --all --check
	cargo fmt --manifest-path fuzz/Cargo.toml --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo clippy --locked --no-default-features --lib -- -D warnings
	cargo clippy --locked --features signing --lib --tests -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --lib -- -D warnings
	@echo "== native Rust tests (full build, then the numbers-only build: --no-default-features) =="
	cargo test --locked
	cargo test --locked --no-default-features --lib
	cargo test --locked --features signing --lib core::sign
	@echo "== generated tables are up to date =="
	python3 tools/gen_tables.py --check
	@echo "== wasm tests: Node and headless Chromium (wasm-pack test, no downloads: --mode no-install) =="
	env -u WASM_BINDGEN_USE_BROWSER WASM_BINDGEN_TEST_TIMEOUT=120 \
	  wasm-pack test --node --mode no-install -- --locked --test wasm_node
	env -u WASM_BINDGEN_USE_BROWSER WASM_BINDGEN_TEST_TIMEOUT=120 \
	  wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install -- --locked --test wasm_browser
	@echo "== npm package =="
	bash scripts/build-pkg.sh
	@echo "== package lint: publint --strict and attw --pack (zero problems) =="
	bash scripts/lint-pkg.sh
	@echo "== Node tests of the package and the CLI =="
	node --test tests/node/
	@echo "== demo page in headless Chromium (Playwright) and packaging tests (npm pack -> consumers) =="
	bash scripts/test-web.sh
	@echo "== fuzz smoke: every cargo-fuzz target for a few seconds =="
	FUZZ_SECONDS=5 bash scripts/fuzz.sh
	@echo "== interop: dumps and trust lists made now by independent Python producers (cbor2 + cryptography) =="
	rm -rf target/interop
	target/venv/bin/python tools/interop/make_dumps.py --out target/interop
	target/venv/bin/python tools/interop/make_trust_lists.py --dir target/interop
	CNID_INTEROP_DIR=target/interop cargo test --locked --test dumps fresh_interop -- --nocapture
	CNID_INTEROP_DIR=target/interop cargo test --locked --test trust_lists fresh_interop -- --nocapture

bench: pkg
	cd tests/e2e && npm ci --no-audit --no-fund
	cd bench && npm ci --no-audit --no-fund && node numbers.mjs && node dumps.mjs && node browser.mjs && node limits.mjs && node sizes.mjs

# libFuzzer targets in fuzz/ (cargo-fuzz, AddressSanitizer); corpora under target/fuzz-corpus/.
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

# The demo page (www/) with the built package and the test fixtures, on loopback only.
serve:
	@[ -f pkg/browser.js ] || $(MAKE) pkg
	PORT=$(PORT) node scripts/serve.mjs

clean:
	rm -rf pkg target/interop bench/node_modules

distclean: clean
	rm -rf node_modules target
