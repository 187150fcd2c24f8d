// A reader of the ustar archives tcc-wasm/build.sh writes (sysroot.tar):
// regular files, directories and symbolic links; anything else is an error.

export type TarEntry =
  | { type: 'file'; path: string; data: Uint8Array }
  | { type: 'dir'; path: string }
  | { type: 'symlink'; path: string; target: string };

const BLOCK = 512;
const decoder = new TextDecoder();

/** The NUL-terminated text of `length` bytes at `offset` of `header`. */
function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return decoder.decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** The octal number in a header field. */
function octal(header: Uint8Array, offset: number, length: number, name: string): number {
  const text = field(header, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new Error(`tar: ${name} has a bad numeric field "${text}"`);
  return parseInt(text, 8);
}

/** The entries of the ustar archive `tar`, in archive order. */
export function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (field(header, 257, 6) !== 'ustar') throw new Error(`tar: no ustar header at byte ${at}`);
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    const path = (prefix ? `${prefix}/${name}` : name).replace(/\/$/, '');
    const size = octal(header, 124, 12, path);
    const type = String.fromCharCode(header[156] || 48);
    const data = tar.subarray(at + BLOCK, at + BLOCK + size);
    if (data.length !== size) throw new Error(`tar: ${path} is cut short`);
    if (type === '0') entries.push({ type: 'file', path, data });
    else if (type === '5') entries.push({ type: 'dir', path });
    else if (type === '2') entries.push({ type: 'symlink', path, target: field(header, 157, 100) });
    else throw new Error(`tar: ${path} has unsupported type "${type}"`);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
