#!/usr/bin/env bash
# Conformance with the official JS SDK: the same scenarios run through @moltin/sdk and
# @elasticpath/js-sdk (pinned in tests/js/package.json) and through epcc-carts installed from its
# packed tarball, against a fresh emulator of its own; the requests are compared from the
# emulator's journal (tests/js/conformance/). EPCC_SKIP_BUILD=1 reuses pkg/ as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
repo=$PWD
step() { printf '[conformance] %s\n' "$*"; }

if [ ! -d tests/js/node_modules ] || [ tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
  step "installing the test tools (tests/js)"
  (cd tests/js && { npm ci --no-audit --no-fund || npm install --no-save --no-audit --no-fund; })
fi

if [ "${EPCC_SKIP_BUILD:-}" != 1 ]; then
  bash scripts/build.sh
fi
version=$(node -p "require('./pkg/package.json').version")
tarball="$repo/pkg/epcc-carts-$version.tgz"
[ -f "$tarball" ] || { echo "no $tarball: run scripts/build.sh" >&2; exit 1; }

step "starting an emulator (empty store)"
cargo build -q -p epcc-emulator
# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh
export EPCC_CLIENT_ID=conformance-client EPCC_CLIENT_SECRET=conformance-secret
start_emulator --client-id "$EPCC_CLIENT_ID" --client-secret "$EPCC_CLIENT_SECRET" --empty
export EPCC_EMULATOR_URL=$EMULATOR_URL

app=$(mktemp -d -t epcc-carts-conformance.XXXXXX)
trap 'rm -rf "$app"; kill "$EMULATOR_PID" 2>/dev/null || true' EXIT
step "installing $(basename "$tarball") into a new project"
if ! (cd "$app" && npm init -y && npm pkg set type=module &&
  npm install --no-audit --no-fund --prefer-offline "$tarball") >"$app/npm.log" 2>&1; then
  cat "$app/npm.log" >&2
  exit 1
fi

step "official SDKs: @moltin/sdk $(node -p "require('./tests/js/node_modules/@moltin/sdk/package.json').version"), @elasticpath/js-sdk $(node -p "require('./tests/js/node_modules/@elasticpath/js-sdk/package.json').version")"
(cd tests/js && EPCC_APP_DIR="$app" node --test --test-reporter=spec conformance/conformance.test.mjs)
