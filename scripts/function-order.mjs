// Puts the module's functions in the order that compresses best of those measured: the reverse
// of the order wasm-opt leaves them in. A build step of scripts/finish-package.mjs.
//
// wasm-opt leaves the functions roughly largest first. Reversed, the many small functions (most
// of them called from many places) come first and get one-byte indices in every `call`, and the
// large ones end up next to the data section. Measured on the package's module, gzip -9 of the
// .wasm: as wasm-opt leaves it 21,572 B; reversed 21,380; sorted by size, smallest first,
// 21,423; the most called first, then the rest reversed, 21,477; chained greedily by deflate
// similarity 21,420; three random orders 21,914 to 22,044. A local search from the reversed
// order (moving runs of functions) found 30 B more in 66 reassemblies, not worth the build time.
// Only the order changes: every function, the table and the exports keep what they refer to.
//
// Usage: reverseFunctions(wasmFile, binDir, features), where binDir holds binaryen's wasm-dis
// and wasm-as. Returns the number of functions.
import { readFileSync } from 'node:fs';

import { WasmReader, rewriteAsText } from './wasm-reader.mjs';

export function reverseFunctions(wasmFile, binDir, features) {
  const before = definedFunctions(readFileSync(wasmFile));
  rewriteAsText(wasmFile, binDir, features, text => {
    const { wat, functions } = reverseInText(text);
    if (functions !== before) throw new Error(`found ${functions} functions in the text, the module has ${before}`);
    return wat;
  });
  if (definedFunctions(readFileSync(wasmFile)) !== before) throw new Error('reordering changed the number of functions');
  return before;
}

// wasm-dis prints the defined functions one after another, each from a ` (func $name ...` line
// to its ` )` line; they refer to each other by name, so their blocks can be moved as text.
function reverseInText(wat) {
  const lines = wat.split('\n');
  const blocks = [];
  let first = -1;
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith(' (func ')) continue;
    if (first !== -1 && i !== last + 1) throw new Error('the functions of the module are not one run of lines');
    if (first === -1) first = i;
    let end = i;
    while (end < lines.length && lines[end] !== ' )') end++;
    if (end === lines.length) throw new Error(`function at line ${i + 1} has no end`);
    blocks.push(lines.slice(i, end + 1));
    last = end;
    i = end;
  }
  if (blocks.length === 0) throw new Error('the module has no functions');
  const reordered = [...lines.slice(0, first), ...blocks.reverse().flat(), ...lines.slice(last + 1)];
  return { wat: reordered.join('\n'), functions: blocks.length };
}

// The number of function bodies in the module's code section; also checks that it compiles.
function definedFunctions(bytes) {
  new WebAssembly.Module(bytes);
  const reader = new WasmReader(bytes);
  return reader.sections(id => (id === 10 ? reader.leb() : undefined)) ?? 0;
}
