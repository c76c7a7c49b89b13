// Turns wasm-pack's output in pkg/ into the files the package ships, as small as they can be:
//
// 0. The module's panic sites are emptied and the texts only a panic report would read zeroed
//    (scripts/panic-data.mjs): the panic handler traps without reading them. Then its functions
//    are put in reverse order, which gzip compresses best of the orders measured
//    (scripts/function-order.mjs). wasm-bindgen's messages for a gateway used after `free()`
//    become the package's own (scripts/runtime-messages.mjs).
// 1. The module's import and export names, which wasm-bindgen makes long and unique
//    (`__wbg_getItem_49556a3e59cfb688`), are shortened by binaryen's
//    --minify-imports-and-exports-and-modules, and the JS glue is rewritten to the new names.
// 2. The module's bytes are written, base64-encoded, into epcc_carts_wasm.js, for the runtimes
//    that cannot fetch the .wasm file: Node and server bundles (node.js, node.cjs), bundlers that emit no
//    asset for `new URL('./x.wasm', import.meta.url)` (embedded.js), and pages where that URL
//    fails (index.js imports it dynamically, so it is never part of a page's normal load).
// 3. Each entry module (index.js for browsers and bundlers that emit the .wasm, embedded.js for
//    bundlers that do not, node.js for Node, and node.js again as node.cjs for Node's `require`
//    where it cannot require an ES module) is bundled with the glue and the snippet it imports
//    into one minified file, so a page loads one JS file and the .wasm; terser then compresses
//    each a little further.
//
// Usage: node scripts/finish-package.mjs pkg
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { dropPanicData } from './panic-data.mjs';
import { reverseFunctions } from './function-order.mjs';
import { rewriteRuntimeMessages } from './runtime-messages.mjs';

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
const binaryen = join(tool.resolve('binaryen/package.json'), '../bin');
const wasmOpt = join(binaryen, 'wasm-opt');

// 0. What the module's panics would report, which its trapping handler never reads.
const dropped = dropPanicData(wasmFile, binaryen, FEATURES);
console.log(`[finish] ${dropped.sites} panic sites emptied, ${dropped.zeroed} bytes of panic text zeroed` +
  (dropped.kept.length ? `; kept, as still referred to: ${dropped.kept.map(t => JSON.stringify(t)).join(', ')}` : ''));

// 0a. A freed or busy gateway's errors in the package's words (runtime-messages.mjs).
console.log(`[finish] ${rewriteRuntimeMessages(wasmFile)} of wasm-bindgen's runtime messages rewritten`);

// 0b. The functions in the order that compresses best of those measured (function-order.mjs).
console.log(`[finish] ${reverseFunctions(wasmFile, binaryen, FEATURES)} functions in reverse order`);

const map = JSON.parse(execFileSync(wasmOpt, [
  ...FEATURES, wasmFile, '--minify-imports-and-exports-and-modules', '-o', wasmFile,
], { encoding: 'utf8' }));
// The short names' long ones, for the benchmarks' timeline of a call (bench/timeline.mjs); the
// package does not ship it (its package.json lists its files).
writeFileSync(join(pkg, 'import-names.json'),
  JSON.stringify(Object.fromEntries(map.imports.map(([, name, short]) => [short, name]))));

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

// Each class's FinalizationRegistry, without the stand-in wasm-bindgen writes for runtimes that
// lack one: every runtime the package supports has one, as the package needs an AbortSignal's
// `reason` (src/js/glue.js), which came later (Chrome 98, Firefox 97, Safari 15.4, Node 17.2).
replaceExact("(typeof FinalizationRegistry === 'undefined')\n    ? { register: () => {}, unregister: () => {} }\n    : ", '');

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
// When the glue defines every import, its object is the module's import object as it is (a
// list of every name twice would be incompressible bytes in the shipped file).
const own = map.imports.every(([module]) => module === './epcc_carts_bg.js');
const object = own ? 'import0' : `{ ${entries.join(', ')} }`;
glue = glue.replace(returned, `return { ${JSON.stringify(modules[0])}: ${object} };`);

for (const [name, short] of map.exports) {
  const pattern = new RegExp(`\\bwasm\\.${name.replace(/\$/g, '\\$')}\\b`, 'g');
  glue = glue.replace(pattern, `wasm.${short}`);
}
// What is written in JavaScript and exported by the package (EpccError, the storage classes,
// isEpccError and the classes of EPCC.Cart(id), EPCC.Customers and EPCC.Orders) comes from the bindings' snippet, the same module the glue imports, so a bundle
// holds one copy and `instanceof EpccError` holds for what the module throws.
const snippet = glue.match(/^import \{[^}]*\} from '(\.\/snippets\/[^']+\/glue\.js)';$/m);
if (!snippet) throw new Error('the glue no longer imports the bindings\' snippet');
// The entries also hand the snippet's onSettled the module's __settled export (see calls.js).
glue += `\nexport { EpccError, MemoryStorageFactory, LocalStorageFactory, isEpccErrorValue as isEpccError, CartEndpoint, CustomersEndpoint, OrdersEndpoint, onSettled } from '${snippet[1]}';\n`;

// The entries instantiate the module themselves (index.js streams it, with a fallback), with the
// glue's imports and its finishing step rather than its `init`, whose loader they do not need.
for (const name of ['__wbg_get_imports', '__wbg_finalize_init']) {
  if (!new RegExp(`^function ${name}\\(`, 'm').test(glue)) throw new Error(`the glue has no function ${name}`);
}
glue += '\nexport { __wbg_get_imports, __wbg_finalize_init };\n';
writeFileSync(glueFile, glue);

// Base64, decoded by Buffer where there is one (Node: fast) and by atob elsewhere.
const bytesFile = join(pkg, 'epcc_carts_wasm.js');
writeFileSync(bytesFile, [
  '// The bytes of epcc_carts_bg.wasm, for runtimes and bundles that cannot fetch that file.',
  `const s = ${JSON.stringify(readFileSync(wasmFile).toString('base64'))};`,
  'let bytes;',
  "if (typeof Buffer === 'function') bytes = Buffer.from(s, 'base64');",
  'else {',
  '  const b = atob(s);',
  '  bytes = new Uint8Array(b.length);',
  '  for (let i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);',
  '}',
  'export default bytes;',
  '',
].join('\n'));

// Bundle each entry with the glue, then drop the files only the bundles needed.
const esbuild = join(tool.resolve('esbuild/package.json'), '../bin/esbuild');
// The ES module entries leave epcc_carts_wasm.js a module of its own, so the package holds one
// copy for them: index.js loads it only when the .wasm URL fails, and a bundler puts
// embedded.js's and node.js's copy where it likes. node.cjs inlines its own (CommonJS cannot
// import an ES module); it is built first, from node.js's source.
for (const [entry, out, format, platform, options] of [
  // The glue's unused `init` reads import.meta, which CommonJS has not; it is dropped as dead code.
  ['node.js', 'node.cjs', 'cjs', 'node', ['--log-override:empty-import-meta=silent']],
  ['node.js', 'node.js', 'esm', 'node', ['--external:./epcc_carts_wasm.js']],
  ['index.js', 'index.js', 'esm', 'browser', ['--external:./epcc_carts_wasm.js']],
  ['embedded.js', 'embedded.js', 'esm', 'browser', ['--external:./epcc_carts_wasm.js']],
]) {
  execFileSync(esbuild, [
    join(pkg, entry), '--bundle', '--minify', `--format=${format}`, `--platform=${platform}`,
    ...options,
    '--target=es2022', `--outfile=${join(pkg, out)}`, '--allow-overwrite', '--log-level=warning',
  ], { stdio: 'inherit' });
}
// A second minifier over esbuild's output: terser's compressor takes about 130 B more off the
// gzip of index.js, and 58 B more with two of the rewrites it calls unsafe, which are safe here:
// function expressions become arrows and object methods shorthand where they use no `this`,
// `arguments` or `new.target` (they would break only code that calls them with `new`, and the
// glue's import functions and callbacks are only ever called).
const { minify } = tool('terser');
for (const [out, module] of [['node.cjs', false], ['node.js', true], ['index.js', true], ['embedded.js', true]]) {
  const file = join(pkg, out);
  const { code } = await minify(readFileSync(file, 'utf8'), {
    ecma: 2022, module, format: { comments: false },
    compress: { passes: 2, unsafe_arrows: true, unsafe_methods: true },
  });
  writeFileSync(file, code);
}
rmSync(glueFile);
rmSync(join(pkg, 'calls.js'));
rmSync(join(pkg, 'snippets'), { recursive: true, force: true });
rmSync(join(pkg, 'epcc_carts_bg.wasm.d.ts'), { force: true });
