// The sysroot ships as xz (smaller than brotli or gzip for it); this unpacks it
// in Node and in the Worker alike, with the decoder the VM state already uses.
// A static import: webpack loads a Worker's split chunks with importScripts,
// which module Workers do not have.
import { XzReadableStream } from 'xz-decompress';

/** sysroot.tar from the bytes of sysroot.tar.xz. */
export async function unpackSysroot(xz: Uint8Array): Promise<Uint8Array> {
  const stream = new XzReadableStream(new Blob([new Uint8Array(xz)]).stream());
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
