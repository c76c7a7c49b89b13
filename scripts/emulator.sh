#!/usr/bin/env bash
# Sourced by other scripts (from the repository root); what they start stops when they exit.
#   on_exit CMD                 runs CMD when the script exits (with the commands added before)
#   start_server LOG CMD...     runs CMD in the background with its output in LOG and waits for
#                               its "listening on URL" line: sets SERVER_URL and SERVER_PID
#   start_emulator [flags...]   the emulator built in target/ (EMULATOR_BIN to choose another) on
#                               a free loopback port: sets EMULATOR_URL, EMULATOR_PID and
#                               EMULATOR_LOG (its start-up lines: demo credentials, customers)
#   start_test_emulator ID SECRET [release]
#                               builds the emulator and starts it with an empty store for client
#                               ID / SECRET: exports EPCC_EMULATOR_URL, EPCC_CLIENT_ID and
#                               EPCC_CLIENT_SECRET, which the test and benchmark scripts read

EXIT_COMMANDS=()
on_exit() {
  EXIT_COMMANDS+=("$1")
  trap 'for command in "${EXIT_COMMANDS[@]}"; do eval "$command"; done' EXIT
}

start_server() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  on_exit "kill $SERVER_PID 2>/dev/null || true"
  SERVER_URL=
  for _ in $(seq 1 100); do
    SERVER_URL=$(sed -n 's/.*listening on //p' "$log" | head -n 1)
    [ -n "$SERVER_URL" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

start_emulator() {
  EMULATOR_LOG=$(mktemp -t epcc-emulator.XXXXXX)
  on_exit "rm -f '$EMULATOR_LOG'"
  if ! start_server "$EMULATOR_LOG" "${EMULATOR_BIN:-target/debug/epcc-emulator}" --listen 127.0.0.1:0 "$@"; then
    cat "$EMULATOR_LOG" >&2
    echo "the emulator did not start" >&2
    return 1
  fi
  EMULATOR_URL=$SERVER_URL
  EMULATOR_PID=$SERVER_PID
}

start_test_emulator() {
  local profile=${3:-debug} flags=()
  if [ "$profile" = release ]; then flags=(--release); fi
  cargo build -q -p epcc-emulator --bins "${flags[@]}"
  export EPCC_CLIENT_ID=$1 EPCC_CLIENT_SECRET=$2
  EMULATOR_BIN=target/$profile/epcc-emulator start_emulator \
    --client-id "$EPCC_CLIENT_ID" --client-secret "$EPCC_CLIENT_SECRET" --empty
  export EPCC_EMULATOR_URL=$EMULATOR_URL
}
