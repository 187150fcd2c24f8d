// Node-only: the in-page compiler from the repository's static/tcc/ (or
// $ORBIT_TCC_DIR), for the CLI, the grader and the tests.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../vm/node-assets';
import { TccCompiler, type TccFactory } from './compiler';
import { unpackSysroot } from './unpack';

/** static/tcc/ of this repository. */
export const STATIC_TCC_DIR = path.join(REPO_ROOT, 'static/tcc');

/** The compiler's directory Node uses: $ORBIT_TCC_DIR, else static/tcc/. */
export function tccDir(): string {
  return process.env.ORBIT_TCC_DIR ?? STATIC_TCC_DIR;
}

let loaded: Promise<TccCompiler> | null = null;

/** The compiler of `dir`, loaded once per process for the default directory. */
export function nodeCompiler(dir: string = tccDir()): Promise<TccCompiler> {
  if (dir !== tccDir()) return load(dir);
  loaded ??= load(dir).catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

async function load(dir: string): Promise<TccCompiler> {
  const [wasmBytes, xz, imported] = await Promise.all([
    readFile(path.join(dir, 'tcc.wasm')),
    readFile(path.join(dir, 'sysroot.tar.xz')),
    import(pathToFileURL(path.join(dir, 'tcc.mjs')).href) as Promise<{ default: TccFactory }>,
  ]);
  const [wasm, sysroot] = await Promise.all([WebAssembly.compile(wasmBytes), unpackSysroot(xz)]);
  return new TccCompiler({ factory: imported.default, wasm, sysroot });
}
