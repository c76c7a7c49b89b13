#!/usr/bin/env bash
# Sourced by other scripts: start_emulator [flags...] starts the emulator built in target/ on a
# free loopback port, sets EMULATOR_URL and EMULATOR_PID, and stops it when the script exits.

start_emulator() {
  local bin=${EMULATOR_BIN:-target/debug/epcc-emulator}
  local log
  log=$(mktemp -t epcc-emulator.XXXXXX)
  "$bin" --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  EMULATOR_PID=$!
  trap 'kill "$EMULATOR_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    EMULATOR_URL=$(sed -n '1s/.*listening on //p' "$log")
    [ -n "$EMULATOR_URL" ] && break
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
      cat "$log" >&2
      echo "the emulator did not start" >&2
      return 1
    fi
    sleep 0.1
  done
  [ -n "$EMULATOR_URL" ] || { cat "$log" >&2; echo "the emulator printed no URL" >&2; return 1; }
  EMULATOR_LOG=$log
  export EMULATOR_URL EMULATOR_PID EMULATOR_LOG
}
