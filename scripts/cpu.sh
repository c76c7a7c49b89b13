#!/usr/bin/env bash
# What a call costs the calling process in Node (CPU and wall time a call, raw fetch, the official
# SDK and ours, with EPCC_BEFORE=<directory of another build of the package> that build too),
# against the release emulator (bench/cpu.mjs). EPCC_SKIP_BUILD=1 reuses pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh >&2
if [ "${EPCC_SKIP_BUILD:-}" != 1 ] || [ ! -f pkg/node.js ]; then
  bash scripts/build.sh >&2
fi
# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh
start_test_emulator bench-client bench-secret release
node bench/cpu.mjs
