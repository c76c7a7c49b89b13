#!/usr/bin/env bash
# Shell functions the other scripts share; sourced, not run. Call from the repository root.

# Installs the npm tools pinned in tests/js (binaryen, playwright-core, vite, typescript, the
# official SDKs, esbuild), unless they are installed already at the locked versions.
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

# Makes DIR a new ESM project, as `npm init` makes one, with TARBALL installed from disk.
new_npm_project() {
  local dir=$1 tarball=$2
  mkdir -p "$dir"
  if ! (cd "$dir" && npm init -y && npm pkg set type=module &&
    npm install --no-audit --no-fund --prefer-offline "$tarball") >"$dir/npm.log" 2>&1; then
    cat "$dir/npm.log" >&2
    return 1
  fi
}
