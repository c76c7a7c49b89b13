// Turns wasm-pack's output in pkg/ into the files the package ships, as small as they can be:
//
// 1. The module's import and export names, which wasm-bindgen makes long and unique
//    (`__wbg_getItem_49556a3e59cfb688`), are shortened by binaryen's
//    --minify-imports-and-exports-and-modules, and the JS glue is rewritten to the new names.
// 2. Each entry module (index.js for browsers and bundlers, node.js for Node) is bundled with the
//    glue and the snippet it imports into one minified file, so a page loads one JS file and the
//    .wasm.
//
// Usage: node scripts/finish-package.mjs pkg
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const tool = createRequire(join(REPO, 'tests/js/package.json'));
const pkg = process.argv[2] ?? join(REPO, 'pkg');
const wasmFile = join(pkg, 'epcc_carts_bg.wasm');
const glueFile = join(pkg, 'epcc_carts.js');

// The wasm features rustc emits, as in Cargo.toml's wasm-opt settings.
const FEATURES = [
  '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-call-indirect-overlong',
  '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
  '--enable-reference-types', '--enable-multivalue',
];
const wasmOpt = join(tool.resolve('binaryen/package.json'), '../bin/wasm-opt');
const map = JSON.parse(execFileSync(wasmOpt, [
  ...FEATURES, wasmFile, '--minify-imports-and-exports-and-modules', '-o', wasmFile,
], { encoding: 'utf8' }));

// Every import now comes from one module; its object maps the new names to the functions the
// glue defines (in `import0`) or the snippet exports (its module namespace).
const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile)));
const modules = [...new Set(imports.map(i => i.module))];
if (modules.length !== 1) throw new Error(`expected one import module, got ${modules.join(', ')}`);

let glue = readFileSync(glueFile, 'utf8');
const replaceExact = (from, to) => {
  if (!glue.includes(from)) throw new Error(`the glue has no ${from}`);
  glue = glue.split(from).join(to);
};

const namespaces = new Map();
for (const match of glue.matchAll(/import \* as (import\d+) from "([^"]+)"/g)) namespaces.set(match[2], match[1]);
const entries = [];
for (const [module, name, short] of map.imports) {
  if (module === './epcc_carts_bg.js') {
    // `        __wbg_x_hash: function(` in the import0 object literal.
    replaceExact(`        ${name}: function(`, `        ${short}: function(`);
    entries.push(`${JSON.stringify(short)}: import0[${JSON.stringify(short)}]`);
  } else {
    const namespace = namespaces.get(module);
    if (!namespace) throw new Error(`no namespace import for ${module}`);
    entries.push(`${JSON.stringify(short)}: ${namespace}.${name}`);
  }
}
const returned = /return \{\n        __proto__: null,\n(        "[^"]+": import\d+,\n)+    \};/;
if (!returned.test(glue)) throw new Error('the glue no longer returns its imports as expected');
glue = glue.replace(returned, `return { ${JSON.stringify(modules[0])}: { ${entries.join(', ')} } };`);

for (const [name, short] of map.exports) {
  const pattern = new RegExp(`\\bwasm\\.${name.replace(/\$/g, '\\$')}\\b`, 'g');
  glue = glue.replace(pattern, `wasm.${short}`);
}
writeFileSync(glueFile, glue);

// Bundle each entry with the glue, then drop the files only the bundles needed.
const esbuild = join(tool.resolve('esbuild/package.json'), '../bin/esbuild');
for (const [entry, platform] of [['index.js', 'browser'], ['node.js', 'node']]) {
  execFileSync(esbuild, [
    join(pkg, entry), '--bundle', '--minify', '--format=esm', `--platform=${platform}`,
    '--target=es2022', `--outfile=${join(pkg, entry)}`, '--allow-overwrite', '--log-level=warning',
  ], { stdio: 'inherit' });
}
rmSync(glueFile);
rmSync(join(pkg, 'calls.js'));
rmSync(join(pkg, 'snippets'), { recursive: true, force: true });
rmSync(join(pkg, 'epcc_carts_bg.wasm.d.ts'), { force: true });
