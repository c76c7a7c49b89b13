#!/usr/bin/env bash
# Size gate. Measures what a browser loads from the package (gzip -9 of pkg/epcc_carts_bg.wasm +
# pkg/index.js, the entry with the glue bundled in; bench/size.mjs does the measuring) against:
#   - the official SDK's browser bundle (@moltin/sdk, pinned in tests/js/package.json, esbuild
#     --bundle --minify for browsers with node-localstorage external), measured in the same run:
#     the gate fails unless the package is smaller (run by scripts/test.sh);
#   - the budget below, which also holds when the official bundle is measured larger.
# It also prints what one call adds: the package is built a second time without one call
# (the crate's `size-probe` feature leaves out Cart.Delete) and the two sizes compared.
# EPCC_SKIP_BUILD=1 reuses pkg/ as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Less than 24,109 B, the official browser bundle as first measured and the figure the package
# set out to beat (it measures 24,156 B here now). Today: 24,062 B. Lower it whenever the
# package shrinks.
BUDGET=24108

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_test_tools
export PATH="$PWD/tests/js/node_modules/.bin:$PATH"
if [ "${EPCC_SKIP_BUILD:-}" != 1 ] || [ ! -f pkg/epcc_carts_bg.wasm ]; then
  bash scripts/build.sh >&2
fi

use_package_rustflags
# The package without one call, built as scripts/build.sh builds it.
probe=$(mktemp -d -t epcc-size-probe.XXXXXX)
trap 'rm -rf "$probe"' EXIT
echo "[size] building the package without Cart.Delete (feature size-probe)" >&2
wasm-pack --quiet build --release --target web --out-dir "$probe" --no-pack --mode no-install -- --features size-probe >&2
cp pkg-template/*.js "$probe"/
node scripts/finish-package.mjs "$probe" >&2

read -r wasm entry ours official official_version probe_total < <(node --input-type=module -e "
  import { rmSync } from 'node:fs';
  import { toolVersion } from './bench/lib.mjs';
  import { buildOfficialBundle, measure, sizes } from './bench/size.mjs';
  const bundle = buildOfficialBundle();
  const s = sizes(bundle.file);
  rmSync(bundle.dir, { recursive: true, force: true });
  const probe = measure('$probe/epcc_carts_bg.wasm').gzip + measure('$probe/index.js').gzip;
  console.log(s.wasm.gzip, s.entry.gzip, s.ours.gzip, s.official.gzip, toolVersion('@moltin/sdk'), probe);
")

printf 'epcc-carts  .wasm %s + index.js %s = %s bytes gzip -9\n' "$wasm" "$entry" "$ours"
printf '@moltin/sdk %s browser bundle (esbuild --bundle --minify): %s bytes gzip -9 (ours: %s%%)\n' \
  "$official_version" "$official" "$((ours * 100 / official))"
printf 'one call (Cart.Delete) adds %s bytes gzip -9\n' "$((ours - probe_total))"

status=0
if [ "$ours" -lt "$official" ]; then
  echo "smaller than the official bundle by $((official - ours)) bytes"
else
  echo "size gate FAILED: NOT smaller than the official bundle, $((ours - official)) bytes over" >&2
  status=1
fi
if [ "$ours" -gt "$BUDGET" ]; then
  echo "size gate FAILED: $ours bytes is over the budget of $BUDGET (scripts/check-size.sh)" >&2
  status=1
else
  echo "size gate passed: within the budget of $BUDGET bytes"
fi
exit $status
