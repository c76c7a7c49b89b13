// Reads a WebAssembly module's bytes: its sections and the unsigned LEB128 numbers in them. For
// the build steps of scripts/finish-package.mjs that look inside the module.
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
