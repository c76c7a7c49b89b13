// Drops what the module's panics would have reported, which its trapping panic handler never reads
// (src/lib.rs): the build step of scripts/finish-package.mjs that comes after wasm-opt.
//
// A panic in this module is a bug and traps at once, but rustc still builds the report for the
// handler first: the code of a panic site stores a message and a source location (a file path
// of the Rust library, such as /rustc/<commit>/library/alloc/src/raw_vec/mod.rs) in memory and
// then traps. binaryen keeps those stores (memory can be read after a trap), and no tool drops
// data that no code reads any more, so the texts stay in the data section: about 400 bytes raw,
// 320 B of the gzip. This step
//   1. empties every panic site: a function whose body is only stores (and the stack pointer
//      moved) before `unreachable` becomes that `unreachable` alone; it traps as before;
//   2. zeroes the panic texts (library file paths, `core`'s and `alloc`'s panic messages and
//      the digit table of their number formatting) in the data, but only where no instruction
//      of the module refers to them any more (no constant or load/store offset inside them) and
//      no data refers to them but a location record that no instruction refers to. A text that is
//      still referred to is kept, and said so.
// The module keeps its layout: the bytes are zeroed in place, not removed.
//
// Usage: dropPanicData(wasmFile, binDir, features), where binDir holds binaryen's
// wasm-dis and wasm-as. Returns { sites, zeroed, kept }.
import { readFileSync, writeFileSync } from 'node:fs';

import { WasmReader, rewriteAsText } from './wasm-reader.mjs';

// What only a panic report reads. Each is searched for in the data, then checked for references.
const PANIC_TEXTS = [
  // Source locations: the Rust library's paths, and this crate's own should a panic site of its
  // own appear.
  /\/rustc\/[0-9a-f]{40}\/library\/[A-Za-z0-9_/]+\.rs/g,
  /\bsrc\/[A-Za-z0-9_/]+\.rs/g,
  // alloc's panics: a capacity past isize::MAX, and a failed allocation with its size.
  /capacity overflow/g,
  /memory allocation of /g,
  / bytes failed/g,
  // core::fmt's two-digit table, which the number in the message above would be written with.
  /00010203(?:\d\d){95}99/g,
];

// A panic site's statements: stores, the stack pointer moved, then the trap.
const SITE_STATEMENT = /^\((?:(?:i32|i64)\.store(?:8|16|32)?(?: offset=\d+)?(?: align=\d+)?|global\.set \$global\$0)$/;

export function dropPanicData(wasmFile, binDir, features) {
  let sites = 0;
  const wat = rewriteAsText(wasmFile, binDir, features, text => {
    const emptied = emptyPanicSites(text);
    sites = emptied.sites;
    return emptied.wat;
  });
  const bytes = readFileSync(wasmFile);
  const { zeroed, kept } = zeroUnreferenced(bytes, referencedAddresses(wat));
  writeFileSync(wasmFile, bytes);
  return { sites, zeroed, kept };
}

// wasm-dis prints each function as ` (func ...`, its statements two spaces in, and ` )`.
function emptyPanicSites(wat) {
  const lines = wat.split('\n');
  const out = [];
  let sites = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith(' (func ')) {
      out.push(lines[i]);
      continue;
    }
    let end = i + 1;
    while (lines[end] !== ' )') end++;
    const body = lines.slice(i + 1, end);
    const locals = body.filter(line => line.startsWith('  (local '));
    const statements = body.filter(line => /^ {2}\(/.test(line) && !line.startsWith('  (local ')).map(line => line.trim());
    const site = statements.length > 1 && statements.at(-1) === '(unreachable)' &&
      statements.slice(0, -1).every(statement => SITE_STATEMENT.test(statement));
    if (site) {
      sites++;
      out.push(lines[i], ...locals, '  (unreachable)', ' )');
    } else {
      out.push(...lines.slice(i, end + 1));
    }
    i = end;
  }
  return { wat: out.join('\n'), sites };
}

// Every address an instruction can name directly: i32 constants and load/store offsets.
function referencedAddresses(wat) {
  const addresses = new Set();
  for (const match of wat.matchAll(/i32\.const (-?\d+)/g)) addresses.add(Number(match[1]) >>> 0);
  for (const match of wat.matchAll(/offset=(\d+)/g)) addresses.add(Number(match[1]));
  return [...addresses];
}

function zeroUnreferenced(bytes, addresses) {
  const segments = dataSegments(bytes);
  const named = (from, to) => addresses.some(a => a >= from && a < to);
  // A 4-byte-aligned word of the data that points into [from, to), from a record that some
  // instruction names (a location record is a path pointer and its length, line and column).
  const pointedAt = (from, to) => segments.some(({ address, at, size }) => {
    for (let a = address + ((4 - (address % 4)) % 4); a + 4 <= address + size; a += 4) {
      const word = bytes.readUInt32LE(at + a - address);
      if (word >= from && word < to && named(a - 12, a + 4)) return true;
    }
    return false;
  });
  let zeroed = 0;
  const kept = [];
  for (const { address, at, size } of segments) {
    const text = bytes.subarray(at, at + size).toString('latin1');
    for (const pattern of PANIC_TEXTS) {
      for (const match of text.matchAll(pattern)) {
        const from = address + match.index;
        const to = from + match[0].length;
        if (named(from, to) || pointedAt(from, to)) {
          kept.push(match[0]);
          continue;
        }
        bytes.fill(0, at + match.index, at + match.index + match[0].length);
        zeroed += match[0].length;
      }
    }
  }
  return { zeroed, kept };
}

// The active data segments: where each lives in memory and where its bytes are in the file.
function dataSegments(bytes) {
  const reader = new WasmReader(bytes);
  const segments = [];
  reader.sections(id => {
    if (id !== 11) return;
    for (let n = reader.leb(); n > 0; n--) {
      // Active segments of memory 0 at a constant address: flag 0, i32.const N, end.
      if (reader.leb() !== 0 || reader.byte() !== 0x41) throw new Error('a data segment not at a constant address');
      const address = reader.leb();
      if (reader.byte() !== 0x0b) throw new Error('a data segment address that is not one constant');
      const size = reader.leb();
      segments.push({ address, at: reader.at, size });
      reader.at += size;
    }
  });
  return segments;
}
