// A reader of the "newc" cpio archives the VM image's initrd.img is (no
// compression), for checking that static/tcc/ was taken from today's image.

export type CpioEntry = { path: string; mode: number; data: Uint8Array };

const decoder = new TextDecoder();

/** The entries of the newc cpio archive `archive`, up to its trailer. */
export function readCpio(archive: Uint8Array): CpioEntry[] {
  const entries: CpioEntry[] = [];
  const hex = (at: number): number => parseInt(decoder.decode(archive.subarray(at, at + 8)), 16);
  const pad = (n: number): number => (n + 3) & ~3;
  for (let at = 0; at + 110 <= archive.length;) {
    const magic = decoder.decode(archive.subarray(at, at + 6));
    if (magic !== '070701') throw new Error(`cpio: no newc header at byte ${at}`);
    const mode = hex(at + 14);
    const size = hex(at + 54);
    const nameSize = hex(at + 94);
    const path = decoder.decode(archive.subarray(at + 110, at + 110 + nameSize - 1));
    if (path === 'TRAILER!!!') break;
    const start = pad(at + 110 + nameSize);
    entries.push({ path: path.replace(/^\.?\//, ''), mode, data: archive.subarray(start, start + size) });
    at = pad(start + size);
  }
  return entries;
}
