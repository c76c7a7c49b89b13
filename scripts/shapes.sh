#!/usr/bin/env bash
# How much of an SDK's cost over raw fetch in Node comes from calling fetch the way an SDK does
# (bench/shapes.mjs), against the release emulator. EPCC_SKIP_BUILD=1 reuses pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
start_bench
node bench/shapes.mjs
