// The saved machine state as v86 takes it. v86 reads raw and zstd states itself;
// an .xz state (smaller, see build/save-state.ts) is unpacked here, in the browser
// and in Node alike, with a WebAssembly xz decoder loaded only when needed.

/** The state bytes to hand to v86 for the state file `name`. */
export async function unpackState(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  if (!name.endsWith('.xz')) return bytes;
  const { XzReadableStream } = await import('xz-decompress');
  const stream = new XzReadableStream(new Blob([new Uint8Array(bytes)]).stream());
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
