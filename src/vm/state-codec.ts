// The saved machine state as v86 takes it. v86 reads raw and zstd states itself;
// an .xz state (smaller, see build/save-state.ts) is unpacked here, in the browser
// and in Node alike, with a WebAssembly xz decoder loaded only when needed.
// Unpacking 16 MB of xz takes about half a second, so the unpacked state is kept
// in a StateCache (per host: disk in Node, Cache Storage in the browser).

/** The state bytes to hand to v86 for the state file `name`. */
export async function unpackState(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  if (!name.endsWith('.xz')) return bytes;
  const { XzReadableStream } = await import('xz-decompress');
  const stream = new XzReadableStream(new Blob([new Uint8Array(bytes)]).stream());
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** v86's state header: magic, format version, total length (little-endian int32s). */
const STATE_MAGIC = 0x86768676;
const STATE_VERSION = 6;

/** True when `bytes` is a whole uncompressed v86 state (header intact, length as recorded). */
export function isRawState(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return (
    view.getUint32(0, true) === STATE_MAGIC &&
    view.getInt32(4, true) === STATE_VERSION &&
    view.getInt32(8, true) === bytes.length
  );
}

/**
 * Unpacked states kept across restores, keyed by the sha256 of the packed state
 * file (from the manifest), so a rebuilt image never meets a stale entry. Both
 * methods may fail; callers treat a failure as a miss.
 */
export interface StateCache {
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores `state` under `key` and forgets every other key. */
  put(key: string, state: Uint8Array): Promise<void>;
}
