#!/usr/bin/env bash
# CPU instructions per call, counted by valgrind in Node 20 (bench/instructions.mjs): raw fetch,
# the official SDK and ours, through a fetch that answers at once and against the release
# emulator (EPCC_BEFORE=<directory of another build>: that build too). Exact where timed rounds
# on a shared machine are not; about 6 minutes (8 with EPCC_BEFORE).
# `instructions.sh footprint`: instead, the memory a call touches from cold caches, counted by
# cachegrind (bench/footprint.mjs, about a minute). EPCC_SKIP_BUILD=1 reuses pkg/.
set -euo pipefail
case "${1:-}" in
  "") counter=bench/instructions.mjs ;;
  footprint) counter=bench/footprint.mjs ;;
  *) printf 'usage: %s [footprint]\n' "$0" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v valgrind >/dev/null; then
  printf '[instructions] installing valgrind\n' >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq valgrind >&2
fi
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
start_bench
node "$counter"
