// The Vm over a Machine and the agent channel: commands (with streamed
// output, timeouts, Stop and recovery), events and the machine's lifecycle.
import { AgentChannel } from './agent-channel';
import { Emitter } from './emitter';
import { VmError, withTimeout } from './errors';
import { GuestFiles } from './guest-files';
import type { Machine, StartMachine, MachineSpec } from './machine';
import type { VmManifest } from './manifest';
import { commandScript, randomNonce, type RunOptions } from './protocol';
import type { ExecOptions, ExecResult, Vm, VmConsole, VmEvents, VmOptions } from './types';

export const FIX = 'run `npm run vm:build` and commit static/vm/';
const DEFAULT_TIMEOUT_MS = 60_000;
/** How long a killed command's agent may take to report. */
const KILL_GRACE_MS = 5_000;
/** How long a stopped command has after SIGINT before everything it started is killed. */
const STOP_GRACE_MS = 400;
/** How often a command's output is looked at while it runs (onOutput). */
const FOLLOW_MS = 100;

/** How a command's wait ended. */
type Ending = { exitCode: number; timedOut: boolean; stopped: boolean } | 'lost';

/** One emulator and what talks to it; replaced whole when the VM restarts. */
interface Live {
  machine: Machine;
  agent: AgentChannel;
  files: GuestFiles;
  detach: () => void;
}

/** The promise's value, or undefined when it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return withTimeout(promise, ms, () => new Error('late')).catch(() => undefined);
}

/** Starts an emulator, or fails after 30 s. */
function startWithin(start: StartMachine, spec: MachineSpec): Promise<Machine> {
  return withTimeout(
    start(spec),
    30_000,
    () => new VmError('boot', 'the emulator did not start within 30 s: is v86.wasm loadable?'),
  );
}

/** Resolves when `signal` aborts (never when there is none). */
function aborted(signal: AbortSignal | undefined): Promise<'stop'> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve('stop');
    signal?.addEventListener('abort', () => resolve('stop'), { once: true });
  });
}

export class OrbitVm implements Vm {
  readonly exchangeDir: string;
  readonly console: VmConsole;
  private readonly events = new Emitter<VmEvents>();
  private readonly consoleListeners = new Set<(bytes: Uint8Array) => void>();
  private live: Live;
  private counter = 0;
  private destroyed = false;
  private recovering: Promise<void> | null = null;

  private constructor(
    readonly manifest: VmManifest,
    machine: Machine,
    private readonly spec: MachineSpec,
    private readonly startMachine: StartMachine,
  ) {
    this.exchangeDir = manifest.machine.exchangeDir.replace(/\/+$/, '');
    this.live = this.attach(machine);
    const encoder = new TextEncoder();
    this.console = {
      onData: (listener) => {
        this.consoleListeners.add(listener);
        return () => this.consoleListeners.delete(listener);
      },
      send: (data) => this.live.machine.sendSerial(0, typeof data === 'string' ? encoder.encode(data) : data),
    };
  }

  /** Connects the agent channel, the files and the console to `machine`. */
  private attach(machine: Machine): Live {
    const agent = new AgentChannel(machine);
    const files = new GuestFiles(machine, this.exchangeDir, {
      exec: (command, options) => this.exec(command, options),
      nextId: () => this.nextId(),
      drop: (id) => agent.drop(id),
    });
    const detach = machine.onSerial(0, (bytes) => {
      for (const listener of this.consoleListeners) listener(bytes);
    });
    return { machine, agent, files, detach };
  }

  /** Starts the emulator for `spec`. */
  static async start(manifest: VmManifest, spec: MachineSpec, options: VmOptions): Promise<OrbitVm> {
    const { onProgress } = options;
    onProgress?.({ phase: 'start' });
    const machine = await startWithin(options.startMachine, spec);
    const vm = new OrbitVm(manifest, machine, spec, options.startMachine);
    if (onProgress) vm.on('progress', onProgress);
    return vm;
  }

  on<K extends keyof VmEvents>(event: K, listener: (value: VmEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Waits for the agent's boot-time ready line. */
  async waitReady(timeoutMs: number, message: string): Promise<void> {
    await this.answer(this.live.agent.ready(), timeoutMs, message);
    this.events.emit('progress', { phase: 'ready' });
  }

  /** Pings the agent and waits for its answer. */
  async waitPong(timeoutMs: number, message: string): Promise<void> {
    await this.answer(this.live.agent.ping(), timeoutMs, message);
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
    const { machine, agent, files } = this.live;
    const script = commandScript(command, options.cwd ?? this.exchangeDir);
    await files.io(machine.writeFile(`/.orbit/${id}.sh`, new TextEncoder().encode(script)), 'write the command script');
    const runOptions: RunOptions = { ...options.limits, maxOutputBytes: options.maxOutputBytes };
    const run = agent.run(id, options.user ?? 'root', runOptions);
    const follow = options.onOutput ? this.follow(machine, id, options.onOutput) : undefined;
    const ending = await this.awaitRun(agent, id, run, options);
    if (ending === 'lost') {
      follow?.stop(new Uint8Array());
      return { exitCode: 137, output: '', outputBytes: new Uint8Array(), timedOut: true, stopped: false };
    }
    // The agent always creates the output file, so "missing" means empty here.
    const outputBytes =
      (await files.io(machine.readFile(`/.orbit/${id}.out`), 'read the command output')) ?? new Uint8Array();
    follow?.stop(outputBytes);
    agent.drop(id);
    return { ...ending, outputBytes, output: new TextDecoder().decode(outputBytes) };
  }

  /**
   * Waits for request `id` to end, by itself, by its timeout (everything it
   * started is killed) or by options.signal (SIGINT, then everything killed
   * after a grace period). 'lost' when the agent never reported the kill:
   * the VM was restored from its state.
   */
  private async awaitRun(
    agent: AgentChannel,
    id: string,
    run: { promise: Promise<number>; cancel: () => void },
    options: ExecOptions,
  ): Promise<Ending> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const first = await Promise.race([
      run.promise,
      aborted(options.signal),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
    ]);
    if (typeof first === 'number') return { exitCode: first, timedOut: false, stopped: false };
    const stopped = first === 'stop';
    if (stopped) {
      agent.signal(id, 'INT');
      const status = await within(run.promise, STOP_GRACE_MS);
      if (status !== undefined) return { exitCode: status, timedOut: false, stopped };
    }
    agent.kill(id);
    const status = await within(run.promise, KILL_GRACE_MS);
    if (status !== undefined) return { exitCode: status, timedOut: !stopped, stopped };
    run.cancel();
    await this.recover(`the agent did not report request ${id} within ${KILL_GRACE_MS / 1000} s of killing it`);
    return 'lost';
  }

  /** Hands `onOutput` what request `id` has written since the last look, until stop(). */
  private follow(
    machine: Machine,
    id: string,
    onOutput: (bytes: Uint8Array) => void,
  ): { stop: (all: Uint8Array) => void } {
    let seen = 0;
    let busy = false;
    let done = false;
    const deliver = (bytes: Uint8Array): void => {
      if (bytes.length <= seen) return;
      const fresh = bytes.subarray(seen);
      seen = bytes.length;
      onOutput(fresh);
    };
    const timer = setInterval(() => {
      if (busy || done) return;
      busy = true;
      machine
        .readFile(`/.orbit/${id}.out`)
        .then((bytes) => {
          if (!done && bytes) deliver(bytes);
        })
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, FOLLOW_MS);
    return {
      stop: (all) => {
        done = true;
        clearInterval(timer);
        deliver(all);
      },
    };
  }

  /**
   * Replaces the emulator by a new one restored from the saved state. (v86's
   * restore into a running emulator leaves the guest's timers stopped, so a
   * fresh emulator it is.)
   */
  private async restart(why: string): Promise<void> {
    if (!this.spec.state) {
      throw new VmError(
        'agent',
        `${why}, and this VM was cold-booted so it cannot be restored: destroy it and boot a new one`,
      );
    }
    const old = this.live;
    old.agent.close();
    old.detach();
    await old.machine.destroy().catch(() => undefined);
    this.live = this.attach(await startWithin(this.startMachine, this.spec));
    await this.waitPong(10_000, `${why}; restoring the saved state did not help either: ${FIX}`);
  }

  /** Restores the saved state after the agent stopped answering. */
  private async recover(why: string): Promise<void> {
    this.recovering ??= this.restart(why)
      .then(() => this.events.emit('progress', { phase: 'recovered' }))
      .finally(() => {
        this.recovering = null;
      });
    await this.recovering;
  }

  async reset(): Promise<void> {
    this.checkAlive();
    await this.recovering;
    await this.restart('a reset to the saved state');
  }

  writeFile(path: string, data: Uint8Array | string): Promise<void> {
    this.checkAlive();
    return this.live.files.write(path, data);
  }

  readFile(path: string): Promise<Uint8Array> {
    this.checkAlive();
    return this.live.files.read(path);
  }

  saveState(): Promise<Uint8Array> {
    this.checkAlive();
    return this.live.machine.saveState();
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.live.agent.close();
    this.live.detach();
    this.events.clear();
    this.consoleListeners.clear();
    await this.live.machine.destroy();
  }
}
