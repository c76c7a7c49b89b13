#!/usr/bin/env bash
# Builds the npm package: wasm-pack's web-target output in pkg/, completed by pkg-template/
# (package.json, README and the entry modules that initialise the wasm), then packed into
# pkg/epcc-carts-VERSION.tgz. Prints the shipped sizes, raw and gzip -9.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '[build] %s\n' "$*"; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
template_version=$(node -p "require('./pkg-template/package.json').version")
if [ "$version" != "$template_version" ]; then
  echo "pkg-template/package.json has version $template_version but Cargo.toml has $version" >&2
  exit 1
fi

# wasm-opt: Debian's binaryen (version 108) turns this crate's reference-types module into one
# that fails at instantiation ("WebAssembly.Table.set(): Argument 1 is invalid"), so the build
# uses the binaryen pinned in tests/js/package.json, which wasm-pack finds first on PATH.
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_test_tools
export PATH="$PWD/tests/js/node_modules/.bin:$PATH"

use_package_rustflags
step "wasm-pack build --release --target web ($(wasm-opt --version))"
rm -rf pkg
# --no-pack: the package.json and README come from pkg-template/.
wasm-pack build --release --target web --out-dir pkg --no-pack --mode no-install

step "adding pkg-template/"
cp -R pkg-template/. pkg/
rm -f pkg/.gitignore

step "shortening the module's import and export names; bundling each entry into one file"
node scripts/finish-package.mjs pkg

step "checking that the package loads in Node"
node --input-type=module -e "
  const m = await import('./pkg/node.js');
  const EPCC = m.gateway({ client_id: 'build-check', storage: new m.MemoryStorageFactory() });
  if (!/^[0-9a-f]{32}\$/.test(EPCC.cartId)) throw new Error('unexpected cart id ' + EPCC.cartId);
  let thrown;
  try { m.gateway({}); } catch (e) { thrown = e; }
  if (!(thrown instanceof m.EpccError) || !m.isEpccError(thrown)) throw new Error('EpccError is not wired up');
  // node.cjs, what require() gets where Node cannot require an ES module, works on its own.
  const { createRequire } = await import('node:module');
  const cjs = createRequire(import.meta.url)('./pkg/node.cjs');
  if (!/^[0-9a-f]{32}\$/.test(cjs.gateway({ client_id: 'build-check', storage: new cjs.MemoryStorageFactory() }).cartId)) {
    throw new Error('node.cjs does not work');
  }
"

step "npm pack"
tarball=$(cd pkg && npm pack --silent --pack-destination . 2>/dev/null | tail -n 1)
tarball_path="pkg/$tarball"
[ -f "$tarball_path" ] || { echo "npm pack did not write $tarball_path" >&2; exit 1; }

gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
size() { # FILE GZIPPED-BYTES
  printf '  %-28s %8s bytes raw %8s bytes gzip -9\n' "$(basename "$1")" "$(wc -c <"$1" | tr -d ' ')" "$2"
}
wasm_gz=$(gz pkg/epcc_carts_bg.wasm)
entry_gz=$(gz pkg/index.js)
echo "[build] sizes (what a browser loads)"
size pkg/epcc_carts_bg.wasm "$wasm_gz"
size pkg/index.js "$entry_gz"
printf '  %-28s %8s bytes gzip -9\n' "wasm + index.js" "$((wasm_gz + entry_gz))"
echo "[build] package: $tarball_path"
