// The VM interface used by the browser labs, the CLI, the tests and the
// benchmarks. Create one with bootVm (cold boot) or restoreVm (saved state).
import { AgentChannel } from './agent-channel';
import { WASM_ASSET, type AssetSource } from './assets';
import { Emitter } from './emitter';
import { VmError, withTimeout } from './errors';
import { parseManifest, type VmManifest } from './manifest';
import { commandScript, randomNonce, shellQuote, type GuestUser } from './protocol';
import { isRawState, unpackState } from './state-codec';
import { startMachine, type Machine, type MachineSpec } from './v86-adapter';

/** Options of Vm.exec. */
export interface ExecOptions {
  /** Kill the command after this long (default 60 s). */
  timeoutMs?: number;
  /** Run as root (default) or as the unprivileged `student` (uid 1000). */
  user?: GuestUser;
  /** Working directory in the guest (default: the exchange directory). */
  cwd?: string;
}

/** What a command did. */
export interface ExecResult {
  /** Exit status 0-255; 128+N when killed by signal N (137 after a timeout). */
  exitCode: number;
  /** stdout and stderr, interleaved as written, decoded as UTF-8. */
  output: string;
  /** The same output as raw bytes. */
  outputBytes: Uint8Array;
  /** True when the command ran past its timeout and was killed. */
  timedOut: boolean;
}

/** Progress of getting a VM ready, for loading indicators. */
export type VmProgress =
  | { phase: 'download'; file: string; loaded: number; total: number }
  | { phase: 'start' | 'boot' | 'restore' | 'ready' | 'recovered' };

/** Events a Vm emits. */
export interface VmEvents {
  progress: VmProgress;
}

/** The serial console (ttyS0): a byte stream out and a way to type in. */
export interface VmConsole {
  onData(listener: (bytes: Uint8Array) => void): () => void;
  send(data: string | Uint8Array): void;
}

/** One running guest. */
export interface Vm {
  readonly manifest: VmManifest;
  /** Guest path of the 9p exchange directory; relative guest paths start there. */
  readonly exchangeDir: string;
  readonly console: VmConsole;
  exec(command: string | readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Writes a guest file (parents are created); binary-safe. */
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  on<K extends keyof VmEvents>(event: K, listener: (value: VmEvents[K]) => void): () => void;
  /** The raw machine state (the build saves it after a cold boot). */
  saveState(): Promise<Uint8Array>;
  destroy(): Promise<void>;
}

/** Options of bootVm and restoreVm. */
export interface VmOptions {
  assets: AssetSource;
  /** Called with progress before the Vm exists (downloads, boot). */
  onProgress?: (progress: VmProgress) => void;
  /** How long the guest may take to answer after boot or restore. */
  readyTimeoutMs?: number;
  /** Use this instead of loading manifest.json (the build boots before writing it). */
  manifest?: VmManifest;
  /** Starts the emulator; the default runs v86 on this thread (the browser passes a Worker's). */
  startMachine?: (spec: MachineSpec) => Promise<Machine>;
}

const FIX = 'run `npm run vm:build` and commit static/vm/';
const DEFAULT_TIMEOUT_MS = 60_000;
/** How long a killed command's agent may take to report. */
const KILL_GRACE_MS = 5_000;
/** Slack on top of an exec's timeout for the host side's own work. */
const IO_TIMEOUT_MS = 15_000;

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
  const manifest = options.manifest ?? (await loadManifest(options.assets));
  const load = loader(options, manifest);
  const [wasm, state] = await Promise.all([load(WASM_ASSET), loadState(options.assets, manifest, load)]);
  const spec: MachineSpec = { wasm, memoryMB: manifest.machine.memoryMB, state };
  const vm = await OrbitVm.start(manifest, spec, options);
  options.onProgress?.({ phase: 'restore' });
  const timeout = options.readyTimeoutMs ?? 10_000;
  await vm.destroyOnFailure(
    vm.waitPong(
      timeout,
      `the VM did not answer within ${timeout / 1000} s after restore: the saved state may not match the images; ${FIX}`,
    ),
  );
  return vm;
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

/** The Vm implementation over a Machine and the agent channel. */
class OrbitVm implements Vm {
  readonly exchangeDir: string;
  readonly console: VmConsole;
  private readonly events = new Emitter<VmEvents>();
  private readonly agent: AgentChannel;
  private counter = 0;
  private destroyed = false;
  private recovering: Promise<void> | null = null;

  private constructor(
    readonly manifest: VmManifest,
    private readonly machine: Machine,
    private readonly savedState: Uint8Array | undefined,
  ) {
    this.exchangeDir = manifest.machine.exchangeDir.replace(/\/+$/, '');
    this.agent = new AgentChannel(machine);
    const encoder = new TextEncoder();
    this.console = {
      onData: (listener) => machine.onSerial(0, listener),
      send: (data) => machine.sendSerial(0, typeof data === 'string' ? encoder.encode(data) : data),
    };
  }

  /** Starts the emulator for `spec`. */
  static async start(manifest: VmManifest, spec: MachineSpec, options: VmOptions): Promise<OrbitVm> {
    const { onProgress } = options;
    onProgress?.({ phase: 'start' });
    const machine = await withTimeout(
      (options.startMachine ?? startMachine)(spec),
      30_000,
      () => new VmError('boot', 'the emulator did not start within 30 s: is v86.wasm loadable?'),
    );
    const vm = new OrbitVm(manifest, machine, spec.state);
    if (onProgress) vm.on('progress', onProgress);
    return vm;
  }

  on<K extends keyof VmEvents>(event: K, listener: (value: VmEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Waits for the agent's boot-time ready line. */
  async waitReady(timeoutMs: number, message: string): Promise<void> {
    await this.answer(this.agent.ready(), timeoutMs, message);
    this.events.emit('progress', { phase: 'ready' });
  }

  /** Pings the agent and waits for its answer. */
  async waitPong(timeoutMs: number, message: string): Promise<void> {
    await this.answer(this.agent.ping(), timeoutMs, message);
    this.events.emit('progress', { phase: 'ready' });
  }

  /** Awaits an agent wait with a timeout, cancelling it on timeout. */
  private async answer<T>(
    wait: { promise: Promise<T>; cancel: () => void },
    timeoutMs: number,
    message: string,
  ): Promise<T> {
    try {
      return await withTimeout(wait.promise, timeoutMs, () => new VmError('agent', message));
    } catch (error) {
      wait.cancel();
      throw error;
    }
  }

  /** Destroys this VM when `step` fails, so a failed start leaves no emulator running. */
  async destroyOnFailure(step: Promise<void>): Promise<void> {
    try {
      await step;
    } catch (error) {
      await this.destroy();
      throw error;
    }
  }

  private checkAlive(): void {
    if (this.destroyed) throw new VmError('destroyed', 'this VM was destroyed: boot or restore a new one');
  }

  /** A fresh request id, unique across recoveries. */
  private nextId(): string {
    this.counter += 1;
    return `r${this.counter}-${randomNonce().slice(0, 6)}`;
  }

  async exec(command: string | readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.checkAlive();
    await this.recovering;
    const id = this.nextId();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const script = commandScript(command, options.cwd ?? this.exchangeDir);
    await this.io(
      this.machine.writeFile(`/.orbit/${id}.sh`, new TextEncoder().encode(script)),
      'write the command script',
    );
    const run = this.agent.run(id, options.user ?? 'root');
    let timedOut = false;
    let exitCode: number;
    try {
      exitCode = await withTimeout(run.promise, timeoutMs, () => new VmError('agent', 'timeout'));
    } catch {
      timedOut = true;
      this.agent.kill(id);
      try {
        exitCode = await withTimeout(run.promise, KILL_GRACE_MS, () => new VmError('agent', 'kill'));
      } catch {
        run.cancel();
        await this.recover(`the agent did not report request ${id} within ${KILL_GRACE_MS / 1000} s of killing it`);
        return { exitCode: 137, output: '', outputBytes: new Uint8Array(), timedOut };
      }
    }
    // The agent always creates the output file, so "missing" means empty here.
    const outputBytes =
      (await this.io(this.machine.readFile(`/.orbit/${id}.out`), 'read the command output')) ?? new Uint8Array();
    this.agent.drop(id);
    return { exitCode, outputBytes, output: new TextDecoder().decode(outputBytes), timedOut };
  }

  /** Awaits a 9p operation with a timeout and a clear error. */
  private io<T>(promise: Promise<T>, what: string): Promise<T> {
    return withTimeout(
      promise,
      IO_TIMEOUT_MS,
      () => new VmError('file', `could not ${what} within ${IO_TIMEOUT_MS / 1000} s`),
    ).catch((error: unknown) => {
      if (error instanceof VmError) throw error;
      throw new VmError('file', `could not ${what}: ${String(error)}`, { cause: error });
    });
  }

  /** Restores the saved state after the agent stopped answering. */
  private async recover(why: string): Promise<void> {
    const state = this.savedState;
    if (!state) {
      throw new VmError(
        'agent',
        `${why}, and this VM was cold-booted so it cannot be restored: destroy it and boot a new one`,
      );
    }
    this.recovering ??= (async () => {
      await this.machine.restoreState(state);
      await this.waitPong(10_000, `${why}; restoring the saved state did not help either: ${FIX}`);
      this.events.emit('progress', { phase: 'recovered' });
    })().finally(() => {
      this.recovering = null;
    });
    await this.recovering;
  }

  /** Maps a guest path to a path in the 9p filesystem, or null when outside it. */
  private exchangePath(guestPath: string): string | null {
    if (!guestPath.startsWith('/')) return `/${guestPath.replace(/^\.\//, '')}`;
    const prefix = `${this.exchangeDir}/`;
    return guestPath.startsWith(prefix) ? `/${guestPath.slice(prefix.length)}` : null;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    this.checkAlive();
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const inside = this.exchangePath(path);
    if (inside) {
      const guestPath = `${this.exchangeDir}${inside}`;
      // v86's create_file fails when the parent is missing: create it, then retry.
      const first = await this.machine.writeFile(inside, bytes).then(
        () => true,
        () => false,
      );
      if (first) return;
      await this.run(`mkdir -p -- ${shellQuote(parentOf(guestPath))}`, `create the parent of ${guestPath}`);
      await this.io(this.machine.writeFile(inside, bytes), `write ${guestPath}`);
      return;
    }
    const xfer = `/.orbit/${this.nextId()}.xfer`;
    await this.io(this.machine.writeFile(xfer, bytes), `write ${path} through the exchange directory`);
    const [from, to] = [shellQuote(this.exchangeDir + xfer), shellQuote(path)];
    await this.run(`mkdir -p -- ${shellQuote(parentOf(path))} && mv -f -- ${from} ${to}`, `write ${path}`);
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.checkAlive();
    const inside = this.exchangePath(path);
    if (inside) {
      const bytes = await this.io(this.machine.readFile(inside), `read guest file ${path}`);
      if (bytes) return bytes;
      await this.run(`test -f ${shellQuote(this.exchangeDir + inside)}`, `read guest file ${path}: it does not exist`);
      return new Uint8Array();
    }
    const id = this.nextId();
    await this.run(`cp -- ${shellQuote(path)} ${this.exchangeDir}/.orbit/${id}.xfer`, `read guest file ${path}`);
    const bytes = await this.io(this.machine.readFile(`/.orbit/${id}.xfer`), `read guest file ${path}`);
    this.agent.drop(id);
    return bytes ?? new Uint8Array();
  }

  /** Runs a helper command as root and throws with its output when it fails. */
  private async run(command: string, what: string): Promise<void> {
    const result = await this.exec(command, { timeoutMs: IO_TIMEOUT_MS, cwd: '/' });
    if (result.exitCode !== 0) {
      throw new VmError('file', `could not ${what}: ${result.output.trim() || `exit ${result.exitCode}`}`);
    }
  }

  saveState(): Promise<Uint8Array> {
    this.checkAlive();
    return this.machine.saveState();
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.agent.close();
    this.events.clear();
    await this.machine.destroy();
  }
}

/** The directory part of an absolute guest path. */
function parentOf(path: string): string {
  return path.replace(/\/[^/]*$/, '') || '/';
}
