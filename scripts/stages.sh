#!/usr/bin/env bash
# Where a call's time goes, stage by stage, in Node and in headless Chromium: raw fetch, the
# official SDK and ours (and, with EPCC_BEFORE=<directory of another build of the package>, that
# build too), against the release emulator (bench/stages.mjs); then ours in Node crossing by crossing
# (bench/timeline.mjs). EPCC_SKIP_BUILD=1 reuses pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
start_bench
node bench/stages.mjs
