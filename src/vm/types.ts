// The VM interface: what browser and Node code use to run the course's guest.
import type { AssetSource } from './assets';
import type { StartMachine } from './machine';
import type { VmManifest } from './manifest';
import type { GuestUser } from './protocol';

/** cgroup limits of one command (the agent's request group). */
export interface ExecLimits {
  /** memory.max in MiB. */
  memoryMB?: number;
  /** pids.max: processes and threads at once. */
  pids?: number;
  /** CPU time the command and everything it starts may use; then all of it is killed. */
  cpuMs?: number;
}

/** Options of Vm.exec. */
export interface ExecOptions {
  /** Kill the command after this long (default 60 s). */
  timeoutMs?: number;
  /** Run as root (default) or as the unprivileged `student` (uid 1000). */
  user?: GuestUser;
  /** Working directory in the guest (default: the exchange directory). */
  cwd?: string;
  /** Receives the output as the guest produces it (polled about ten times a second). */
  onOutput?: (bytes: Uint8Array) => void;
  /** Stops the command when aborted: SIGINT to its process group, then SIGKILL to all of it. */
  signal?: AbortSignal;
  /** Limits for the command and everything it starts. */
  limits?: ExecLimits;
  /** Output kept (default 1 MiB); the rest is dropped with a note at the end. */
  maxOutputBytes?: number;
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
  /** True when options.signal stopped it. */
  stopped: boolean;
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
  /** Restores the saved state again (a restored VM only): a fresh guest, as after restoreVm. */
  reset(): Promise<void>;
  /** The raw machine state (the build saves it after a cold boot). */
  saveState(): Promise<Uint8Array>;
  destroy(): Promise<void>;
}

/** Options of bootVm and restoreVm. */
export interface VmOptions {
  assets: AssetSource;
  /** Starts the emulator: v86 on this thread in Node (src/vm/node.ts), a Worker's in the browser. */
  startMachine: StartMachine;
  /** Called with progress before the Vm exists (downloads, boot). */
  onProgress?: (progress: VmProgress) => void;
  /** How long the guest may take to answer after boot or restore. */
  readyTimeoutMs?: number;
  /** Use this instead of loading manifest.json (the build boots before writing it). */
  manifest?: VmManifest;
}
