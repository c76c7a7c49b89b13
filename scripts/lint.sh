#!/usr/bin/env bash
# The lint gates developers and CI share: formatting, and clippy natively and for wasm32.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "[lint] cargo fmt --check"
cargo fmt --all -- --check
echo "[lint] clippy (native, whole workspace)"
cargo clippy --workspace --all-targets -- -D warnings
echo "[lint] clippy (wasm32-unknown-unknown, SDK as shipped: no_std)"
cargo clippy -p epcc-carts --target wasm32-unknown-unknown --lib -- -D warnings
echo "[lint] clippy (wasm32-unknown-unknown, SDK with its wasm-bindgen tests, which link std)"
cargo clippy -p epcc-carts --target wasm32-unknown-unknown --all-targets --features std -- -D warnings
