#!/usr/bin/env bash
# What a call costs the calling process in Node (CPU and wall time a call, raw fetch, the official
# SDK and ours, with EPCC_BEFORE=<directory of another build of the package> that build too),
# against the release emulator (bench/cpu.mjs). EPCC_SKIP_BUILD=1 reuses pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
start_bench
node bench/cpu.mjs
