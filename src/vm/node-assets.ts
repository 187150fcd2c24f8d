// Node-only: the VM's files from the repository's static/vm/ directory.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { WASM_ASSET, type AssetSource } from './assets';

/** static/vm/ of this repository. */
export const STATIC_VM_DIR = fileURLToPath(new URL('../../static/vm/', import.meta.url));

/** Assets read from `dir` (default static/vm/); v86.wasm comes from node_modules. */
export function fileAssets(dir: string = STATIC_VM_DIR): AssetSource {
  const wasm = createRequire(import.meta.url).resolve('v86/build/v86.wasm');
  const locate = (name: string): string => (name === WASM_ASSET ? wasm : path.join(dir, name));
  return {
    locate,
    async load(name, onProgress) {
      const file = await readFile(locate(name));
      const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
      onProgress?.(bytes.length, bytes.length);
      return bytes;
    },
  };
}
