// Starting a VM: load the manifest and the images (download progress summed
// over files, the unpacked state from its cache), then boot cold or restore.
import { WASM_ASSET, type AssetSource } from './assets';
import { VmError } from './errors';
import type { MachineSpec } from './machine';
import { parseManifest, type VmManifest } from './manifest';
import { FIX, OrbitVm } from './orbit-vm';
import { isRawState, unpackState } from './state-codec';
import type { Vm, VmConsole, VmOptions } from './types';

/** Boots the image cold (seconds) and waits for the agent's ready line. */
export async function bootVm(options: VmOptions): Promise<Vm> {
  const manifest = options.manifest ?? (await loadManifest(options.assets));
  const { files, machine: m } = manifest;
  const load = loader(options, manifest);
  const [wasm, bios, vgaBios, bzImage, initrd] = await Promise.all([
    load(WASM_ASSET),
    load(files.bios),
    load(files.vgaBios),
    load(files.bzImage),
    load(files.initrd),
  ]);
  const spec: MachineSpec = {
    wasm,
    memoryMB: m.memoryMB,
    boot: { bios, vgaBios, bzImage, initrd, cmdline: m.cmdline },
  };
  const vm = await OrbitVm.start(manifest, spec, options);
  options.onProgress?.({ phase: 'boot' });
  const timeout = options.readyTimeoutMs ?? 60_000;
  const tail = consoleTail(vm.console, 2000);
  try {
    await vm.destroyOnFailure(
      vm.waitReady(timeout, `the guest did not report ready within ${timeout / 1000} s of a cold boot`),
    );
  } catch (error) {
    const hint = `check that kernel/rootfs/init starts /sbin/orbit-agent on ttyS1, then ${FIX}`;
    throw new VmError('boot', `${(error as Error).message}; ${hint}. The console said:\n${tail.text()}`);
  } finally {
    tail.stop();
  }
  return vm;
}

/** Restores the saved state (a fraction of a second) and checks the agent answers. */
export async function restoreVm(options: VmOptions): Promise<Vm> {
  mark('orbit:vm:restore');
  const manifest = options.manifest ?? (await loadManifest(options.assets));
  const load = loader(options, manifest);
  const [wasm, state] = await Promise.all([
    load(WASM_ASSET).finally(() => mark('orbit:vm:wasm')),
    loadState(options.assets, manifest, load).finally(() => mark('orbit:vm:state')),
  ]);
  const spec: MachineSpec = { wasm, memoryMB: manifest.machine.memoryMB, state };
  const vm = await OrbitVm.start(manifest, spec, options);
  mark('orbit:vm:started');
  options.onProgress?.({ phase: 'restore' });
  const timeout = options.readyTimeoutMs ?? 10_000;
  await vm.destroyOnFailure(
    vm.waitPong(
      timeout,
      `the VM did not answer within ${timeout / 1000} s after restore: the saved state may not match the images; ${FIX}`,
    ),
  );
  mark('orbit:vm:answered');
  return vm;
}

/**
 * A performance mark (User Timing) for the bench's breakdown of a lab's start:
 * restore begun, v86's wasm and the unpacked state at hand, the emulator
 * started on it, the agent's answer.
 */
export function mark(name: string): void {
  globalThis.performance?.mark?.(name);
}

/** Keeps the last `max` characters of console output, for error messages. */
function consoleTail(console: VmConsole, max: number): { text: () => string; stop: () => void } {
  let text = '';
  const decoder = new TextDecoder();
  const stop = console.onData((bytes) => {
    text = (text + decoder.decode(bytes, { stream: true })).slice(-max);
  });
  return { text: () => text, stop };
}

/**
 * The unpacked state: from the asset source's cache when it holds this build's
 * state, else downloaded, unpacked and put into the cache for the next restore.
 */
async function loadState(
  assets: AssetSource,
  manifest: VmManifest,
  load: (name: string) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const name = manifest.files.state;
  const cache = assets.stateCache;
  const key = manifest.outputs[name]?.sha256;
  const cached = cache && key ? await cache.get(key).catch(() => undefined) : undefined;
  if (cached && isRawState(cached)) return cached;
  const packed = await load(name);
  const state = await unpackState(name, packed);
  // v86 only reads the bytes, so caching them may overlap the restore.
  if (cache && key && state !== packed) void cache.put(key, state).catch(() => undefined);
  return state;
}

/** Loads and checks manifest.json. */
async function loadManifest(assets: AssetSource): Promise<VmManifest> {
  const where = assets.locate('manifest.json');
  const bytes = await assets.load('manifest.json').catch((error: unknown) => {
    throw new VmError('assets', `cannot load ${where}: ${FIX}`, { cause: error });
  });
  try {
    return parseManifest(new TextDecoder().decode(bytes), where);
  } catch (error) {
    throw new VmError('assets', (error as Error).message, { cause: error });
  }
}

/**
 * A loader for the VM's files whose download progress is summed over every
 * file it has been asked for (totals from the manifest where it lists them).
 */
function loader(options: VmOptions, manifest: VmManifest): (name: string) => Promise<Uint8Array> {
  const loaded = new Map<string, number>();
  const totals = new Map<string, number>();
  const sum = (map: Map<string, number>): number => [...map.values()].reduce((a, b) => a + b, 0);
  return (name) => {
    totals.set(name, manifest.outputs[name]?.size ?? 0);
    const onProgress = (bytes: number, total: number | undefined): void => {
      loaded.set(name, bytes);
      if (total !== undefined && !manifest.outputs[name]) totals.set(name, total);
      options.onProgress?.({ phase: 'download', file: name, loaded: sum(loaded), total: sum(totals) });
    };
    return options.assets.load(name, onProgress).catch((error: unknown) => {
      const where = options.assets.locate(name);
      throw new VmError('assets', `cannot load ${where}: ${String(error)}; ${FIX}`, { cause: error });
    });
  };
}
