#!/usr/bin/env bash
# Tests the built npm package as its users meet it: the packed tarball is installed into fresh
# temporary projects (tests/js/consumers/), none of which configures anything, which then
#   1. run both seed flows in Node 20 with `import` (node:test), and a call with `require`,
#   2. build a Vite storefront (production, no plugins) that Chromium drives through the flows,
#   3. bundle a page with `esbuild --bundle --format=esm` and run it in Chromium,
#   4. bundle a page with webpack 5 (`webpack --mode production`, no config) and run it in
#      Chromium, with and without the .wasm file served,
#   5. build a Next.js App Router app (`next build`, Turbopack and webpack) and serve it with
#      `next start`: a route handler and a Server Component call the SDK on the server, a Client
#      Component in Chromium,
#   6. type-check a TypeScript consumer with `tsc --noEmit --strict` (must pass) and one that
#      passes wrong argument types (must fail with TS2345 on exactly the marked lines);
# and the www demo is driven end to end in Chromium, with a screenshot in tests/js/.tmp/.
# The tools (esbuild, webpack, next, react) are installed in each project at the versions
# pinned in tests/js/package.json.
# Uses the emulator at EPCC_EMULATOR_URL (with EPCC_CLIENT_ID / EPCC_CLIENT_SECRET) when set,
# otherwise starts one. EPCC_SKIP_BUILD=1 reuses pkg/ as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
repo=$PWD
step() { printf '[test-package] %s\n' "$*"; }

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_test_tools
tarball=$(packed_tarball)

# shellcheck source=scripts/emulator.sh
source scripts/emulator.sh
if [ -z "${EPCC_EMULATOR_URL:-}" ]; then
  step "starting the emulator"
  start_test_emulator package-test-client package-test-secret
fi
export EPCC_CLIENT_ID=${EPCC_CLIENT_ID:-demo-client-id} EPCC_CLIENT_SECRET=${EPCC_CLIENT_SECRET:-demo-client-secret}
step "emulator at $EPCC_EMULATOR_URL"

work=$(mktemp -d -t epcc-carts-package.XXXXXX)
on_exit 'rm -rf "$work"'

# A new project in $work/NAME with the tarball and the pinned TOOLs installed; prints its path.
new_project() { # NAME [TOOL...]
  local name=$1
  shift
  new_npm_project "$work/$name" "$tarball" "$@" && echo "$work/$name"
}

# A hung test fails after 5 minutes, and a hung file after 10, instead of stalling the whole run.
node_test() { timeout --kill-after=10 600 node --test --test-reporter=spec --test-timeout=300000 "$@"; }

step "1/7 Node 20 consumer: both seed flows with import, a call with require"
app=$(new_project node)
cp tests/js/consumers/node/flows.test.mjs tests/js/consumers/node/require.test.cjs "$app/"
cp -R tests/js/lib "$app/lib"
(cd "$app" && node_test flows.test.mjs require.test.cjs)

step "2/7 Vite storefront: production build, driven in headless Chromium"
app=$(new_project vite)
cp tests/js/consumers/vite/index.html tests/js/consumers/vite/main.js "$app/"
(cd tests/js && VITE_APP_DIR="$app" node_test vite-storefront.test.mjs)

step "3/7 esbuild page: esbuild --bundle --format=esm, run in headless Chromium"
app=$(new_project esbuild esbuild)
cp tests/js/consumers/esbuild/index.html "$app/"
cp tests/js/consumers/bundled/page.js "$app/main.js"
(cd "$app" && mkdir dist && cp index.html dist/ &&
  node_modules/.bin/esbuild main.js --bundle --format=esm --outfile=dist/main.js --log-level=warning)
(cd tests/js && PAGE_NAME=esbuild PAGE_DIST="$app/dist" PAGE_WASM=embedded node_test bundled-page.test.mjs)

step "4/7 webpack 5 page: webpack --mode production with no config, run in headless Chromium"
app=$(new_project webpack webpack webpack-cli)
cp -R tests/js/consumers/webpack/. "$app/"
mkdir -p "$app/src" && cp tests/js/consumers/bundled/page.js "$app/src/index.js"
(cd "$app" && node_modules/.bin/webpack --mode production --no-stats && cp index.html dist/)
(cd tests/js && PAGE_NAME=webpack PAGE_DIST="$app/dist" PAGE_WASM=asset node_test bundled-page.test.mjs)

step "5/7 Next.js App Router: next build + next start, server and client components"
app=$(new_project next next react react-dom)
cp -R tests/js/consumers/next/. "$app/"
(cd tests/js && NEXT_APP_DIR="$app" node_test next-app.test.mjs)

step "6/7 TypeScript consumers: tsc --noEmit --strict"
app=$(new_project ts)
cp tests/js/consumers/ts/* "$app/"
tsc="$repo/tests/js/node_modules/.bin/tsc"
tsc_check() {
  (cd "$app" && "$tsc" --noEmit --strict --target ES2022 --module NodeNext --moduleResolution NodeNext \
    --lib ES2022,DOM "$1")
}
if ! tsc_check good.ts; then
  echo "tsc rejected good.ts, a correct consumer" >&2
  exit 1
fi
echo "good.ts: no errors"
if tsc_check bad.ts >"$work/bad.log" 2>&1; then
  echo "tsc accepted bad.ts, which passes wrong argument types" >&2
  exit 1
fi
expected=$(grep -n '// BAD' "$app/bad.ts" | cut -d: -f1 | sort -n | tr '\n' ' ')
actual=$(sed -n 's/^bad\.ts(\([0-9]*\),[0-9]*): error TS2345:.*/\1/p' "$work/bad.log" | sort -n | uniq | tr '\n' ' ')
others=$(grep 'error TS' "$work/bad.log" | grep -v 'error TS2345' || true)
if [ "$expected" != "$actual" ] || [ -n "$others" ]; then
  cat "$work/bad.log" >&2
  echo "bad.ts: expected TS2345 on lines $expected and nothing else; got TS2345 on lines $actual" >&2
  exit 1
fi
echo "bad.ts: rejected with TS2345 on lines $actual"
# The public surface is index.d.ts plus the generated declarations above wasm-bindgen's own
# init types (whose raw exports are typed `any` and are not re-exported).
types=$app/node_modules/epcc-carts
if cat "$types/index.d.ts" <(sed '/^export type InitInput/,$d' "$types/epcc_carts.d.ts") | grep -nE '\bany\b'; then
  echo "the package's public types mention any" >&2
  exit 1
fi

step "7/7 www demo end to end in headless Chromium"
(cd tests/js && EPCC_PKG_DIR="$work/node/node_modules/epcc-carts" node_test www.e2e.test.mjs journey.e2e.test.mjs)

step "all package tests passed"
