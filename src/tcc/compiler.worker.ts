// The compiler's Worker: loads tcc.wasm and the sysroot from the site (the
// unpacked sysroot is kept in Cache Storage, like the VM state) and compiles
// on request, off the page's thread.
import { urlAssets } from '../vm/assets';
import { browserStateCache } from '../vm/browser/browser-state-cache';
import { TccCompiler, type TccFactory } from './compiler';
import type { FromCompiler, ToCompiler } from './protocol';
import { unpackSysroot } from './unpack';

interface Manifest {
  outputs: Record<string, { sha256: string; size: number }>;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToCompiler>) => void) | null;
  postMessage(message: FromCompiler, transfer?: Transferable[]): void;
};
let compiler: Promise<TccCompiler> | null = null;

/** The output `name` of the manifest, or an error naming what is missing. */
function output(manifest: Manifest, name: string): { sha256: string; size: number } {
  const entry = manifest.outputs[name];
  if (!entry) throw new Error(`static/tcc/manifest.json lists no ${name}`);
  return entry;
}

async function load(base: string): Promise<TccCompiler> {
  const assets = urlAssets(base);
  const manifest = JSON.parse(new TextDecoder().decode(await assets.load('manifest.json'))) as Manifest;
  const [wasm, xz, mjs] = ['tcc.wasm', 'sysroot.tar.xz', 'tcc.mjs'].map((name) => output(manifest, name)) as [
    { sha256: string; size: number },
    { sha256: string; size: number },
    { sha256: string; size: number },
  ];
  const cache = browserStateCache(base, 'orbit-tcc-sysroot');
  const cached = await cache?.get(xz.sha256).catch(() => undefined);
  // Progress counts the files still to download; the hash in the URL outlives HTTP caches of old builds.
  const loaded = new Map<string, number>();
  const total = wasm.size + (cached ? 0 : xz.size);
  const progress = (name: string) => (bytes: number) => {
    loaded.set(name, bytes);
    scope.postMessage({ type: 'progress', loaded: [...loaded.values()].reduce((a, b) => a + b, 0), total });
  };
  const sysroot = async (): Promise<Uint8Array> => {
    if (cached) return cached;
    const tar = await unpackSysroot(await assets.load(`sysroot.tar.xz?v=${xz.sha256.slice(0, 16)}`, progress('xz')));
    await cache?.put(xz.sha256, tar).catch(() => undefined);
    return tar;
  };
  const [module, tar, imported] = await Promise.all([
    assets
      .load(`tcc.wasm?v=${wasm.sha256.slice(0, 16)}`, progress('wasm'))
      .then((b) => WebAssembly.compile(new Uint8Array(b))),
    sysroot(),
    import(/* webpackIgnore: true */ assets.locate(`tcc.mjs?v=${mjs.sha256.slice(0, 16)}`)) as Promise<{
      default: TccFactory;
    }>,
  ]);
  return new TccCompiler({ factory: imported.default, wasm: module, sysroot: tar });
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

scope.onmessage = ({ data }) => {
  if (data.type === 'load') {
    compiler ??= load(data.base);
    compiler.then(
      () => scope.postMessage({ type: 'ready' }),
      (error: unknown) => scope.postMessage({ type: 'load-failed', message: message(error) }),
    );
    return;
  }
  const { id, request } = data;
  if (!compiler) {
    scope.postMessage({ type: 'compile-failed', id, message: 'the compiler was not loaded' });
    return;
  }
  compiler
    .then((c) => c.compile(request))
    .then(
      (result) => scope.postMessage({ type: 'result', id, result }, result.binary ? [result.binary.buffer] : []),
      (error: unknown) => scope.postMessage({ type: 'compile-failed', id, message: message(error) }),
    );
};
