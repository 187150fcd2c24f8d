// Node-only: the VM's files from the repository's static/vm/ directory, and a
// disk cache of unpacked states under node_modules/.cache/orbit-vm/. A bundled
// grader points elsewhere with $ORBIT_VM_DIR, $ORBIT_V86_WASM and $ORBIT_STATE_CACHE.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { WASM_ASSET, type AssetSource } from './assets';
import type { StateCache } from './state-codec';

/** This directory (tsx defines import.meta.url even where it runs a file as CommonJS). */
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The repository root. */
export const REPO_ROOT = path.resolve(HERE, '../..');

/** static/vm/ of this repository. */
export const STATIC_VM_DIR = path.join(REPO_ROOT, 'static/vm');

/** Where unpacked states are cached (one file per packed state's sha256); $ORBIT_STATE_CACHE overrides it. */
export const STATE_CACHE_DIR = process.env.ORBIT_STATE_CACHE ?? path.join(REPO_ROOT, 'node_modules/.cache/orbit-vm');

/** The image directory Node uses: $ORBIT_VM_DIR (to try another image), else static/vm/. */
export function vmDir(): string {
  return process.env.ORBIT_VM_DIR ?? STATIC_VM_DIR;
}

/**
 * Assets read from `dir` (default vmDir()); v86.wasm comes from node_modules.
 * Unpacked states are cached in STATE_CACHE_DIR unless `cache` is false.
 */
export function fileAssets(dir: string = vmDir(), { cache = true }: { cache?: boolean } = {}): AssetSource {
  // $ORBIT_V86_WASM: where a bundled grader (the Gradescope autograder) keeps it.
  const wasm =
    process.env.ORBIT_V86_WASM ?? createRequire(path.join(REPO_ROOT, 'package.json')).resolve('v86/build/v86.wasm');
  const locate = (name: string): string => (name === WASM_ASSET ? wasm : path.join(dir, name));
  return {
    locate,
    async load(name, onProgress) {
      const file = await readFile(locate(name));
      const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
      onProgress?.(bytes.length, bytes.length);
      return bytes;
    },
    stateCache: cache ? diskStateCache(STATE_CACHE_DIR) : undefined,
  };
}

/** A StateCache of files `<key>.state` in `dir`, written atomically (temporary file, rename). */
export function diskStateCache(dir: string): StateCache {
  const file = (key: string): string => path.join(dir, `${key}.state`);
  return {
    async get(key) {
      const bytes = await readFile(file(key)).catch(() => undefined);
      return bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async put(key, state) {
      await mkdir(dir, { recursive: true });
      const temporary = `${file(key)}.${process.pid}.tmp`;
      await writeFile(temporary, state);
      await rename(temporary, file(key));
      for (const name of await readdir(dir)) {
        if (name !== path.basename(file(key)) && name.endsWith('.state'))
          await rm(path.join(dir, name), { force: true });
      }
    },
  };
}
