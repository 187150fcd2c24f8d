// Guest files for the Vm. v86 reads and writes only the 9p exchange
// directory; a path elsewhere goes through `<exchange>/.orbit/` plus a `mv`
// or `cp` in the guest (one more command round trip).
import { VmError, withTimeout } from './errors';
import type { Machine } from './machine';
import { shellQuote } from './protocol';
import type { ExecOptions, ExecResult } from './types';

/** Slack on top of an exec's timeout for the host side's own work. */
const IO_TIMEOUT_MS = 15_000;

/** What the files need of their Vm. */
export interface FilesHost {
  exec(command: string, options: ExecOptions): Promise<ExecResult>;
  nextId(): string;
  drop(id: string): void;
}

export class GuestFiles {
  constructor(
    private readonly machine: Machine,
    private readonly exchangeDir: string,
    private readonly host: FilesHost,
  ) {}

  /** Awaits a 9p operation with a timeout and a clear error. */
  io<T>(promise: Promise<T>, what: string): Promise<T> {
    return withTimeout(
      promise,
      IO_TIMEOUT_MS,
      () => new VmError('file', `could not ${what} within ${IO_TIMEOUT_MS / 1000} s`),
    ).catch((error: unknown) => {
      if (error instanceof VmError) throw error;
      throw new VmError('file', `could not ${what}: ${String(error)}`, { cause: error });
    });
  }

  /** Maps a guest path to a path in the 9p filesystem, or null when outside it. */
  private exchangePath(guestPath: string): string | null {
    if (!guestPath.startsWith('/')) return `/${guestPath.replace(/^\.\//, '')}`;
    const prefix = `${this.exchangeDir}/`;
    return guestPath.startsWith(prefix) ? `/${guestPath.slice(prefix.length)}` : null;
  }

  async write(path: string, data: Uint8Array | string): Promise<void> {
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
    const xfer = `/.orbit/${this.host.nextId()}.xfer`;
    await this.io(this.machine.writeFile(xfer, bytes), `write ${path} through the exchange directory`);
    const [from, to] = [shellQuote(this.exchangeDir + xfer), shellQuote(path)];
    await this.run(`mkdir -p -- ${shellQuote(parentOf(path))} && mv -f -- ${from} ${to}`, `write ${path}`);
  }

  async read(path: string): Promise<Uint8Array> {
    const inside = this.exchangePath(path);
    if (inside) {
      const bytes = await this.io(this.machine.readFile(inside), `read guest file ${path}`);
      if (bytes) return bytes;
      await this.run(`test -f ${shellQuote(this.exchangeDir + inside)}`, `read guest file ${path}: it does not exist`);
      return new Uint8Array();
    }
    const id = this.host.nextId();
    await this.run(`cp -- ${shellQuote(path)} ${this.exchangeDir}/.orbit/${id}.xfer`, `read guest file ${path}`);
    const bytes = await this.io(this.machine.readFile(`/.orbit/${id}.xfer`), `read guest file ${path}`);
    this.host.drop(id);
    return bytes ?? new Uint8Array();
  }

  /** Runs a helper command as root and throws with its output when it fails. */
  private async run(command: string, what: string): Promise<void> {
    const result = await this.host.exec(command, { timeoutMs: IO_TIMEOUT_MS, cwd: '/' });
    if (result.exitCode !== 0) {
      throw new VmError('file', `could not ${what}: ${result.output.trim() || `exit ${result.exitCode}`}`);
    }
  }
}

/** The directory part of an absolute guest path. */
function parentOf(path: string): string {
  return path.replace(/\/[^/]*$/, '') || '/';
}
