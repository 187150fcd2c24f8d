// Node-only: the VM's files from the repository's static/vm/ directory.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { WASM_ASSET, type AssetSource } from './assets';

/** This directory (tsx defines import.meta.url even where it runs a file as CommonJS). */
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The repository root. */
export const REPO_ROOT = path.resolve(HERE, '../..');

/** static/vm/ of this repository. */
export const STATIC_VM_DIR = path.join(REPO_ROOT, 'static/vm');

/** The image directory Node uses: $ORBIT_VM_DIR (to try another image), else static/vm/. */
export function vmDir(): string {
  return process.env.ORBIT_VM_DIR ?? STATIC_VM_DIR;
}

/** Assets read from `dir` (default vmDir()); v86.wasm comes from node_modules. */
export function fileAssets(dir: string = vmDir()): AssetSource {
  const wasm = createRequire(path.join(REPO_ROOT, 'package.json')).resolve('v86/build/v86.wasm');
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
