#!/usr/bin/env bash
# How much of an SDK's cost over raw fetch in Node comes from calling fetch the way an SDK does
# (bench/shapes.mjs), against the release emulator. EPCC_SKIP_BUILD=1 reuses pkg/;
# EPCC_NODE_FLAGS are passed to node (`--no-liftoff`: every wasm function optimised from the
# start, see bench/tiers.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
start_bench
read -ra node_flags <<<"${EPCC_NODE_FLAGS:-}"
node "${node_flags[@]}" bench/shapes.mjs
