#!/usr/bin/env bash
# The demo: builds the package and the emulator, starts the emulator with its demo store, serves
# the www storefront against it, and prints the URL and the demo credentials. Ctrl-C stops both.
#   bash scripts/demo.sh              # www on port 8080 (or a free one if it is taken)
#   WWW_PORT=9000 bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '[demo] %s\n' "$*"; }

bash scripts/setup.sh
step "building the emulator"
cargo build -q -p epcc-emulator
bash scripts/build.sh

# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh
start_emulator
client_id=$(sed -n 's/^client_id: //p' "$EMULATOR_LOG")
client_secret=$(sed -n 's/^client_secret: //p' "$EMULATOR_LOG")
customers=$(sed -n 's/^customer: \(.*\) \/ \(.*\)$/\1 \2/p' "$EMULATOR_LOG")

www_log=$(mktemp -t epcc-www.XXXXXX)
on_exit "rm -f '$www_log'"
start_www() {
  EPCC_EMULATOR_URL=$EMULATOR_URL EPCC_CLIENT_ID=$client_id EPCC_CLIENT_SECRET=$client_secret \
    EPCC_DEMO_CUSTOMERS=$customers start_server "$www_log" node www/server.js --port "$1"
}
trap 'echo; step "stopping"; exit 0' INT TERM
if ! start_www "${WWW_PORT:-8080}"; then
  step "port ${WWW_PORT:-8080} is taken; using a free port"
  start_www 0 || { cat "$www_log" >&2; exit 1; }
fi
WWW_URL=$SERVER_URL WWW_PID=$SERVER_PID

cat <<MSG

  Demo storefront   $WWW_URL
  Emulator (API)    $EMULATOR_URL   (requests journal: $EMULATOR_URL/__emulator/requests)

  Store client id       $client_id
  Store client secret   $client_secret   (admin panel only: a secret belongs on a server)
  Demo customers (email / password):
$(printf '%s\n' "$customers" | sed 's/^\([^ ]*\) \(.*\)$/    \1 \/ \2/')

  Server-side example:  EPCC_EMULATOR_URL=$EMULATOR_URL node examples/admin-carts.mjs

  Press Ctrl-C to stop.
MSG
wait "$WWW_PID"
