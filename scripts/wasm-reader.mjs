// What the build steps of scripts/finish-package.mjs that look inside the module share: a reader
// of its bytes (sections and the unsigned LEB128 numbers in them), and a round trip through its
// text format.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Rewrites the module in `wasmFile` through its text: binaryen's wasm-dis (in binDir) prints it,
// `edit(wat)` returns the text to assemble, and wasm-as writes it back. Returns that text.
export function rewriteAsText(wasmFile, binDir, features, edit) {
  const dir = mkdtempSync(join(tmpdir(), 'epcc-wat-'));
  try {
    const watFile = join(dir, 'module.wat');
    execFileSync(join(binDir, 'wasm-dis'), [...features, wasmFile, '-o', watFile]);
    const wat = edit(readFileSync(watFile, 'utf8'));
    writeFileSync(watFile, wat);
    execFileSync(join(binDir, 'wasm-as'), [...features, watFile, '-o', wasmFile]);
    return wat;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class WasmReader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 8; // after the magic number and the version
  }

  byte() {
    return this.bytes[this.at++];
  }

  leb() {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = this.byte();
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value >>> 0;
  }

  // Calls visit(id) for each section with the reader at the start of its contents; a visit may
  // read as much of it as it needs. Returns the first value a visit returns other than undefined.
  sections(visit) {
    while (this.at < this.bytes.length) {
      const id = this.byte();
      const end = this.leb() + this.at;
      const result = visit(id);
      if (result !== undefined) return result;
      this.at = end;
    }
    return undefined;
  }
}
