/**
 * A minimal ustar writer: regular files with fixed owner (root), mode and
 * mtime, so a lab's trusted files reach the guest in one archive that
 * busybox tar unpacks as root. Pure; the browser and Node use it alike.
 */

const BLOCK = 512;

/** Writes `value` as a NUL-terminated octal field of `width` bytes at `offset`. */
function octal(header: Uint8Array, offset: number, width: number, value: number): void {
  const text = value.toString(8).padStart(width - 1, '0');
  header.set(new TextEncoder().encode(text), offset);
}

/** The 512-byte header of one file. */
function header(name: string, size: number, mode: number): Uint8Array {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length > 100) throw new Error(`tar: the path "${name}" is longer than 100 bytes`);
  const h = new Uint8Array(BLOCK);
  h.set(bytes, 0);
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0); // mtime
  h.fill(0x20, 148, 156); // checksum field counts as spaces
  h[156] = 0x30; // '0': a regular file
  h.set(new TextEncoder().encode('ustar\u000000'), 257);
  const sum = h.reduce((a, b) => a + b, 0);
  octal(h, 148, 7, sum);
  h[155] = 0x20;
  return h;
}

/** A tar archive of `files` (path -> contents), each with mode 0644 (0755 for *.sh). */
export function tarFiles(files: Record<string, string | Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const name of Object.keys(files).sort()) {
    const value = files[name] ?? '';
    const data = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    parts.push(header(name, data.length, name.endsWith('.sh') ? 0o755 : 0o644), data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
