#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need, skipping what is already present.
# Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
: "${WASM_BINDGEN_VERSION:?could not read the pinned wasm-bindgen version from Cargo.toml}"
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "adding rustup component $component"
    rustup component add "$component"
  fi
done

missing_debs=()
command -v chromium >/dev/null || missing_debs+=(chromium)
command -v chromedriver >/dev/null || missing_debs+=(chromium-driver)
command -v firefox-esr >/dev/null || command -v firefox >/dev/null || missing_debs+=(firefox-esr)
command -v wasm-opt >/dev/null || missing_debs+=(binaryen)
command -v wrk >/dev/null || missing_debs+=(wrk)
command -v brotli >/dev/null || missing_debs+=(brotli)
if [ ${#missing_debs[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing_debs[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_debs[@]}"
fi

if ! command -v wasm-pack >/dev/null; then
  step "installing wasm-pack (a few minutes)"
  cargo install wasm-pack
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes)"
  # No --locked: one of its locked dependencies is not published any more.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! command -v geckodriver >/dev/null; then
  step "installing geckodriver"
  cargo install geckodriver
fi

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_test_tools
step "ready"
