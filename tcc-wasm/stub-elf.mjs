// Usage: node stub-elf.mjs FILE...
// Zeroes, in place, every section of a 32-bit ELF shared library that tcc does
// not read when it links against it (tccelf.c, tcc_load_dll: the ELF header, the
// section headers, .dynamic, .dynsym and its string table, the symbol version
// sections). Offsets and sizes stay as they are, so tcc sees the same library;
// the zeroed code and data compress to almost nothing.
import { readFileSync, writeFileSync } from 'node:fs';

const SHT_STRTAB = 3;
const SHT_DYNAMIC = 6;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;
const KEPT = new Set([SHT_STRTAB, SHT_DYNAMIC, SHT_DYNSYM, 0x6ffffffd, 0x6ffffffe, 0x6fffffff]);

/** The library `bytes` with the contents of the sections tcc ignores zeroed. */
function stub(bytes, name) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.getUint32(0) !== 0x7f454c46 || bytes[4] !== 1 || bytes[5] !== 1) {
    throw new Error(`${name}: not a little-endian 32-bit ELF file`);
  }
  const shoff = view.getUint32(32, true);
  const shentsize = view.getUint16(46, true);
  const shnum = view.getUint16(48, true);
  for (let i = 0; i < shnum; i++) {
    const sh = shoff + i * shentsize;
    const type = view.getUint32(sh + 4, true);
    if (KEPT.has(type) || type === SHT_NOBITS) continue;
    const offset = view.getUint32(sh + 16, true);
    const size = view.getUint32(sh + 20, true);
    bytes.fill(0, offset, offset + size);
  }
  return bytes;
}

for (const file of process.argv.slice(2)) writeFileSync(file, stub(readFileSync(file), file));
