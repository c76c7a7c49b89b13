#!/usr/bin/env bash
# Conformance with the official JS SDK: the same scenarios run through @moltin/sdk and
# @elasticpath/js-sdk (pinned in tests/js/package.json) and through epcc-carts installed from its
# packed tarball, against the emulator at EPCC_EMULATOR_URL or one it starts (each scenario resets
# the store); the requests are compared from the emulator's journal (tests/js/conformance/).
# EPCC_SKIP_BUILD=1 reuses pkg/ as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '[conformance] %s\n' "$*"; }

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_test_tools
tarball=$(packed_tarball)

# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh
if [ -z "${EPCC_EMULATOR_URL:-}" ]; then
  step "starting an emulator (empty store)"
  start_test_emulator conformance-client conformance-secret
fi

app=$(mktemp -d -t epcc-carts-conformance.XXXXXX)
on_exit 'rm -rf "$app"'
step "installing $(basename "$tarball") into a new project"
new_npm_project "$app" "$tarball"

step "official SDKs: @moltin/sdk $(node -p "require('./tests/js/node_modules/@moltin/sdk/package.json').version"), @elasticpath/js-sdk $(node -p "require('./tests/js/node_modules/@elasticpath/js-sdk/package.json').version")"
(cd tests/js && EPCC_APP_DIR="$app" timeout --kill-after=10 900 node --test --test-reporter=spec --test-timeout=300000 conformance/conformance.test.mjs)
