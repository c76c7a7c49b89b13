#!/usr/bin/env bash
# Size gate: fails unless our gzipped .wasm + JS glue (gzip -9 of each, as scripts/build.sh
# prints them) is smaller than the official SDK's browser bundle (@moltin/sdk, pinned in
# tests/js/package.json, bundled by esbuild --bundle --minify for browsers with node-localstorage
# external, gzip -9). EPCC_SKIP_BUILD=1 reuses pkg/ as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_test_tools
if [ "${EPCC_SKIP_BUILD:-}" != 1 ] || [ ! -f pkg/epcc_carts_bg.wasm ]; then
  bash scripts/build.sh >&2
fi

# The same measurement as the benchmark's size rows (bench/size.mjs).
read -r wasm glue ours official official_version < <(node --input-type=module -e "
  import { rmSync } from 'node:fs';
  import { toolVersion } from './bench/lib.mjs';
  import { buildOfficialBundle, sizes } from './bench/size.mjs';
  const bundle = buildOfficialBundle();
  const s = sizes(bundle.file);
  rmSync(bundle.dir, { recursive: true, force: true });
  console.log(s.wasm.gzip, s.glue.gzip, s.oursGate.gzip, s.official.gzip, toolVersion('@moltin/sdk'));
")

printf 'epcc-carts  .wasm %s + glue %s = %s bytes gzip -9\n' "$wasm" "$glue" "$ours"
printf '@moltin/sdk %s browser bundle (esbuild --bundle --minify): %s bytes gzip -9\n' "$official_version" "$official"
if [ "$ours" -lt "$official" ]; then
  echo "size gate passed: $((official - ours)) bytes smaller"
else
  echo "size gate FAILED: epcc-carts is $((ours - official)) bytes larger than the official bundle" >&2
  exit 1
fi
