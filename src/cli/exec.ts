// `orbit-lab exec`: copy files in, run one command, copy files out.
import { readFile, writeFile } from 'node:fs/promises';
import type { Invocation } from './args';
import { openVm } from '../vm/node';

type ExecInvocation = Extract<Invocation, { kind: 'exec' }>;

/** Exit status when the command ran past --timeout (as timeout(1) does). */
export const TIMEOUT_STATUS = 124;

/** Writes bytes to stdout and resolves once they are flushed. */
function writeStdout(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

/** Runs the invocation and returns the exit status for orbit-lab. */
export async function runExec(invocation: ExecInvocation): Promise<number> {
  const vm = await openVm({ cold: invocation.cold });
  try {
    for (const { local, guest } of invocation.puts) {
      const bytes = await readFile(local).catch((error: unknown) => {
        throw new Error(`--put: cannot read local file ${local}: ${String(error)}`);
      });
      await vm.writeFile(guest, bytes);
    }
    // Output is printed as the guest produces it; Ctrl-C stops the command as Stop does in the page.
    const controller = new AbortController();
    const interrupt = () => controller.abort();
    process.once('SIGINT', interrupt);
    let pending = Promise.resolve();
    const result = await vm
      .exec(invocation.command, {
        timeoutMs: invocation.timeoutMs,
        user: invocation.user,
        signal: controller.signal,
        onOutput: (bytes) => {
          pending = pending.then(() => writeStdout(bytes));
        },
      })
      .finally(() => process.off('SIGINT', interrupt));
    await pending;
    if (result.stopped) {
      process.stderr.write('orbit-lab: stopped (Ctrl-C): SIGINT, then SIGKILL to what was left\n');
      return 130;
    }
    if (result.timedOut) {
      const seconds = invocation.timeoutMs / 1000;
      process.stderr.write(`orbit-lab: the command ran longer than ${seconds} s and was killed (--timeout)\n`);
      return TIMEOUT_STATUS;
    }
    for (const { guest, local } of invocation.gets) {
      await writeFile(local, await vm.readFile(guest)).catch((error: unknown) => {
        throw new Error(`--get: cannot write local file ${local}: ${String(error)}`);
      });
    }
    return result.exitCode;
  } finally {
    await vm.destroy();
  }
}
