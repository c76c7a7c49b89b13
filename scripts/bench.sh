#!/usr/bin/env bash
# One benchmark run, one table (Markdown, on standard output; progress on standard error):
#   1. size of what a browser downloads, ours vs the official SDK bundled by esbuild;
#   2. call cost in headless Chromium: raw fetch, the official SDK and ours, alternating;
#   3. cold start; 4. token requests of 50 concurrent first calls;
#   5. the release emulator under wrk, and listing latency vs store size.
# Runs from a fresh checkout (setup, build). EPCC_SKIP_BUILD=1 reuses pkg/ as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '[bench] %s\n' "$*" >&2; }

step "setup, build (unless EPCC_SKIP_BUILD=1 finds pkg/), the release emulator"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
start_bench
step "release emulator at $EPCC_EMULATOR_URL"

node bench/run.mjs
