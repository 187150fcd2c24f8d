// The sysroot ships as xz (smallest of xz, brotli and gzip for it); this unpacks
// it in Node and in a Worker alike, with the decoder the VM state already uses.

/** sysroot.tar from the bytes of sysroot.tar.xz. */
export async function unpackSysroot(xz: Uint8Array): Promise<Uint8Array> {
  const { XzReadableStream } = await import('xz-decompress');
  const stream = new XzReadableStream(new Blob([new Uint8Array(xz)]).stream());
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
