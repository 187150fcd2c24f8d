// `orbit-lab shell`: the VM's serial console in this terminal, Ctrl-] quits.
import type { Invocation } from './args';
import { openVm } from '../vm/node';

type ShellInvocation = Extract<Invocation, { kind: 'shell' }>;

/** The byte Ctrl-] sends (as in telnet). */
const QUIT_KEY = 0x1d;

/** Resolves once `last()` (a time of last output) is 0.5 s old, or after 30 s. */
async function settle(last: () => number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() - last() < 500 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Pipes stdin/stdout to the console until Ctrl-] or end of input. */
export async function runShell(invocation: ShellInvocation): Promise<number> {
  const vm = await openVm({ cold: invocation.cold });
  const stdin = process.stdin;
  const raw = stdin.isTTY;
  if (raw) process.stderr.write('orbit-lab: connected to the VM console; press Ctrl-] to quit.\r\n');
  let lastOutput = Date.now();
  const stopOutput = vm.console.onData((bytes) => {
    lastOutput = Date.now();
    process.stdout.write(bytes);
  });
  await new Promise<void>((resolve) => {
    if (raw) stdin.setRawMode(true);
    stdin.on('data', (chunk: Buffer) => {
      const quit = chunk.indexOf(QUIT_KEY);
      if (quit !== -1) {
        vm.console.send(chunk.subarray(0, quit));
        resolve();
        return;
      }
      vm.console.send(chunk);
    });
    // Piped input: once it ends, let the guest finish answering (quiet for 0.5 s, at most 30 s).
    stdin.on('end', () => void settle(() => lastOutput).then(resolve));
    // A fresh prompt: the one printed before the state was saved is long gone.
    vm.console.send('\n');
  });
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  stopOutput();
  await vm.destroy();
  if (raw) process.stderr.write('\r\norbit-lab: disconnected.\n');
  return 0;
}
