#!/usr/bin/env bash
# Where a call's time goes, stage by stage, in Node and in headless Chromium: the official SDK
# and ours (and, with EPCC_BEFORE=<directory of another build of the package>, that build too),
# against the release emulator (bench/stages.mjs). EPCC_SKIP_BUILD=1 reuses pkg/.
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
node bench/stages.mjs
