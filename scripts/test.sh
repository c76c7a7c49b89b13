#!/usr/bin/env bash
# Runs every test: setup (idempotent), lint gates, native tests, then the wasm-bindgen tests in
# headless Chromium, headless Firefox and Node against a freshly started emulator, the package
# and conformance tests, and the size gate.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
bash scripts/lint.sh

echo "[test] native: SDK core and emulator"
cargo test --workspace

echo "[test] starting the emulator"
# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh
start_test_emulator test-client-id test-client-secret
echo "[test] emulator at $EPCC_EMULATOR_URL"

# tests/faults.rs runs for longer than the test runner's default limit of 20 s per run.
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-300}

echo "[test] wasm-bindgen tests in headless Chromium"
# --features std: the test binaries link std, which brings its own panic handler and allocator.
CHROMEDRIVER=$(command -v chromedriver) wasm-pack test --headless --chrome --features std
echo "[test] wasm-bindgen tests in headless Firefox"
GECKODRIVER=$(command -v geckodriver) wasm-pack test --headless --firefox --features std
echo "[test] wasm-bindgen tests in Node"
wasm-pack test --node --features node-tests
# Both use this emulator; the conformance scenarios reset its store before each run.
bash scripts/test-package.sh
EPCC_SKIP_BUILD=1 bash scripts/test-conformance.sh  # pkg/ was just built by test-package.sh
echo "[test] size gate"
EPCC_SKIP_BUILD=1 bash scripts/check-size.sh
