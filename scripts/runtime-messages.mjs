// Rewrites the messages wasm-bindgen's runtime throws when a `Gateway` is used wrongly, in the
// module's data: a build step of scripts/finish-package.mjs.
//
// A method called on a gateway after its `free()` throws "null pointer passed to rust", and a
// `free()` while one of its methods runs (a custom fetch or storage calling it back) "attempted
// to take ownership of Rust value while it was borrowed": words about the module's insides, not
// the gateway a storefront holds. Each is replaced in place by the package's own message,
// padded with spaces to the same length (the code that throws it names its address and length),
// which also makes the data smaller (about 60 B gzip). Fails the build if one is missing, so a
// new wasm-bindgen that words them differently is noticed.
//
// Usage: rewriteRuntimeMessages(wasmFile). Returns how many texts were rewritten.
import { readFileSync, writeFileSync } from 'node:fs';

const MESSAGES = [
  ['null pointer passed to rust', 'this gateway has been freed'],
  ['attempted to take ownership of Rust value while it was borrowed', 'this gateway is in use and cannot be freed now'],
  // A method that takes the gateway mutably while it is in use; it has none, but the text is there.
  ['recursive use of an object detected which would lead to unsafe aliasing in rust', 'this gateway is in use and cannot be freed now'],
];

export function rewriteRuntimeMessages(wasmFile) {
  const bytes = readFileSync(wasmFile);
  let rewritten = 0;
  for (const [from, to] of MESSAGES) {
    if (to.length > from.length) throw new Error(`"${to}" is longer than "${from}"`);
    const needle = Buffer.from(from, 'latin1');
    let found = 0;
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + needle.length)) {
      bytes.write(to.padEnd(from.length, ' '), at, 'latin1');
      found++;
    }
    if (!found) throw new Error(`wasm-bindgen's message "${from}" is not in the module`);
    rewritten += found;
  }
  writeFileSync(wasmFile, bytes);
  return rewritten;
}
