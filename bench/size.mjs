// Section 1: what a browser downloads. Ours: the .wasm and the entry module (glue included) as
// the package ships them. Official: @moltin/sdk bundled for browsers by esbuild
// (--bundle --minify, node-localstorage external, which the bundle needs to build at all).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, toolPath } from './lib.mjs';

// The command-line tools (GNU gzip, not zlib, so the figures match scripts/build.sh and
// scripts/check-size.sh); brotli at its default, best quality, as for precompressed files.
const compressed = (tool, args, file) => execFileSync(tool, [...args, file], { maxBuffer: 1 << 26 }).length;

export function measure(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: compressed('gzip', ['-9', '-c'], file), brotli: compressed('brotli', ['-c'], file) };
}

/** Builds the official browser bundle into a temporary directory; returns its path. */
export function buildOfficialBundle(pkg = '@moltin/sdk') {
  const dir = mkdtempSync(join(tmpdir(), 'epcc-bench-official-'));
  const out = join(dir, 'official.js');
  // The entry comes on standard input, resolved from tests/js where the package is installed;
  // it names what a storefront imports (the package is prebuilt, so nothing is tree-shaken).
  execFileSync(toolPath('esbuild/bin/esbuild'), [
    '--bundle', '--minify', '--platform=browser', '--format=esm', '--sourcefile=entry.mjs',
    '--external:node-localstorage', `--outfile=${out}`, '--log-level=warning',
  ], { cwd: `${REPO}tests/js`, input: `export { gateway, MemoryStorageFactory, LocalStorageFactory } from '${pkg}';\n`, stdio: ['pipe', 'inherit', 'inherit'] });
  return { dir, file: out };
}

/**
 * What a browser loads from the package: the .wasm and index.js (the entry, with the
 * wasm-bindgen glue bundled in: the package has no other runtime JS for browsers).
 */
export function sizes(officialFile) {
  const pkg = `${REPO}pkg`;
  const wasm = measure(`${pkg}/epcc_carts_bg.wasm`);
  const entry = measure(`${pkg}/index.js`);
  const sum = (...parts) => Object.fromEntries(['raw', 'gzip', 'brotli'].map(k => [k, parts.reduce((n, p) => n + p[k], 0)]));
  return { wasm, entry, ours: sum(wasm, entry), official: measure(officialFile) };
}
