// Where the VM's files come from. The VM core only sees an AssetSource; the
// browser uses urlAssets (fetch under the site's base URL), Node uses
// fileAssets from ./node-assets (files under static/vm/).
import type { StateCache } from './state-codec';

/** Bytes loaded so far of one asset, for progress bars. */
export type LoadProgress = (loaded: number, total: number | undefined) => void;

/** Loads the VM's files by name ("manifest.json", "bzImage", "v86.wasm", ...). */
export interface AssetSource {
  /** The URL or path `name` is loaded from, for messages. */
  locate(name: string): string;
  load(name: string, onProgress?: LoadProgress): Promise<Uint8Array>;
  /** Where unpacked states are kept between restores (none: unpack every time). */
  stateCache?: StateCache;
}

/** The name under which every source serves v86's WebAssembly module. */
export const WASM_ASSET = 'v86.wasm';

/**
 * Assets served over HTTP: `baseUrl` is the site's base URL plus "vm/"
 * (e.g. "/orbit/vm/"); `wasmUrl` is where the site serves v86.wasm;
 * `stateCache` keeps unpacked states (see browserStateCache).
 */
export function urlAssets(baseUrl: string, wasmUrl = `${baseUrl}${WASM_ASSET}`, stateCache?: StateCache): AssetSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const locate = (name: string): string => (name === WASM_ASSET ? wasmUrl : base + name);
  return {
    locate,
    load: (name, onProgress) => fetchBytes(locate(name), onProgress),
    stateCache,
  };
}

/** Fetches `url` completely, reporting progress as chunks arrive. */
async function fetchBytes(url: string, onProgress?: LoadProgress): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
  }
  const header = response.headers.get('content-length');
  // With Content-Encoding the header counts compressed bytes: no total then.
  const total = header && !response.headers.get('content-encoding') ? Number(header) : undefined;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress?.(loaded, total);
  }
  return concatBytes(chunks, loaded);
}

/** Joins chunks into one array of `length` bytes. */
function concatBytes(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
