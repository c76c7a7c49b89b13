#!/usr/bin/env bash
# Where our calls spend their time in Node: a CPU profile of sequential GetCartsList calls
# against the release emulator (bench/profile.mjs), summarised by where the code lives.
# EPCC_SKIP_BUILD=1 reuses pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if [ "${EPCC_SKIP_BUILD:-}" != 1 ] || [ ! -f pkg/node.js ]; then
  bash scripts/build.sh >&2
fi
# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh
start_test_emulator bench-client bench-secret release
dir=$(mktemp -d -t epcc-profile.XXXXXX)
on_exit "rm -rf '$dir'"
node --cpu-prof --cpu-prof-dir="$dir" bench/profile.mjs
node bench/profile.mjs summarise "$dir"
