#!/usr/bin/env bash
# Conformance with the official JS SDK: the same scenarios run through @moltin/sdk and
# @elasticpath/js-sdk (pinned in tests/js/package.json) and through epcc-carts installed from its
# packed tarball, against a fresh emulator of its own; the requests are compared from the
# emulator's journal (tests/js/conformance/). EPCC_SKIP_BUILD=1 reuses pkg/ as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '[conformance] %s\n' "$*"; }

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_test_tools
tarball=$(packed_tarball)

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
new_npm_project "$app" "$tarball"

step "official SDKs: @moltin/sdk $(node -p "require('./tests/js/node_modules/@moltin/sdk/package.json').version"), @elasticpath/js-sdk $(node -p "require('./tests/js/node_modules/@elasticpath/js-sdk/package.json').version")"
(cd tests/js && EPCC_APP_DIR="$app" timeout --kill-after=10 900 node --test --test-reporter=spec --test-timeout=300000 conformance/conformance.test.mjs)
