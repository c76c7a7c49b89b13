#!/usr/bin/env bash
# Shell functions the other scripts share; sourced, not run. Call from the repository root.

# Installs the npm tools pinned in tests/js (binaryen, playwright-core, vite, typescript, the
# official SDKs, esbuild, webpack, Next.js and React), unless they are installed already at the locked versions.
install_test_tools() {
  if [ -d tests/js/node_modules ] && [ ! tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
    return 0
  fi
  echo "[npm] installing the pinned tools in tests/js" >&2
  # npm ci installs exactly the lockfile. npm here records only this platform's optional packages
  # (rollup's native builds) in the lockfile, which npm ci then reports as out of sync;
  # npm install --no-save resolves those from the same lockfile without rewriting it.
  (cd tests/js && { npm ci --no-audit --no-fund || npm install --no-save --no-audit --no-fund; }) >&2
}

# Prints the path of the packed npm tarball, building it first unless EPCC_SKIP_BUILD=1.
packed_tarball() {
  if [ "${EPCC_SKIP_BUILD:-}" != 1 ]; then
    bash scripts/build.sh >&2
  fi
  local version tarball
  version=$(node -p "require('./pkg/package.json').version")
  tarball="$PWD/pkg/epcc-carts-$version.tgz"
  [ -f "$tarball" ] || { echo "no $tarball: run scripts/build.sh" >&2; return 1; }
  echo "$tarball"
}

# Prints NAME@VERSION for a tool pinned in tests/js/package.json (webpack, next, react, ...).
pinned() {
  local version
  version=$(node -p "require('./tests/js/package.json').devDependencies['$1'] ?? ''")
  [ -n "$version" ] || { echo "$1 is not pinned in tests/js/package.json" >&2; return 1; }
  echo "$1@$version"
}

# Makes DIR a new ESM project, as `npm init` makes one, with TARBALL installed from disk and
# each TOOL (a name pinned in tests/js/package.json) at its pinned version. install_test_tools
# has put those versions in npm's cache, so --prefer-offline installs them from there.
new_npm_project() {
  local dir=$1 tarball=$2 specs=() tool
  shift 2
  for tool in "$@"; do specs+=("$(pinned "$tool")") || return 1; done
  mkdir -p "$dir"
  if ! (cd "$dir" && npm init -y && npm pkg set type=module &&
    npm install --no-audit --no-fund --prefer-offline "$tarball" "${specs[@]}") >"$dir/npm.log" 2>&1; then
    cat "$dir/npm.log" >&2
    return 1
  fi
}

# The package's .wasm is built without the reference-types feature: wasm-bindgen then keeps JS
# values in a table on the JS side instead of an externref table inside the module, which drops
# an externref shim from every import and export (1.0 KB gzip less .wasm, 0.3 KB more glue, the
# same call cost). Only the package build: the wasm-bindgen tests link the prebuilt std, which
# has the feature, so they build with it.
use_package_rustflags() {
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=-reference-types"
}

# For the benchmark scripts: installs what they need (scripts/setup.sh), builds the package unless
# EPCC_SKIP_BUILD=1 and pkg/ has one, and starts the release emulator with the benchmarks'
# client (EPCC_EMULATOR_URL and its credentials exported; stopped when the script exits).
start_bench() {
  bash scripts/setup.sh >&2
  if [ "${EPCC_SKIP_BUILD:-}" != 1 ] || [ ! -f pkg/node.js ] || [ ! -f pkg/epcc_carts_bg.wasm ]; then
    bash scripts/build.sh >&2
  fi
  # shellcheck source=scripts/emulator.sh
  source scripts/emulator.sh
  start_test_emulator bench-client bench-secret release
}
