/**
 * Runs labs/examples/page-states.c in a VM as root (pagemap gives frame
 * numbers only to root, and /proc/kpagecount is root's only), compiled by
 * the guest's tcc, and hands each step to `onStep` as the guest prints it.
 */
import type { Vm } from '../../vm';
import { parsePageStates, type PageStep } from './parse';

/** Guest paths, relative to the exchange directory. */
const SOURCE = 'page-states.c';
const PROGRAM = 'page-states';
/** The guest compiles and runs in a few seconds; a loaded host stretches that. */
const TIMEOUT_MS = 120_000;

/** The shell command the page runs; the CLI form prints the text figure instead (no --json). */
export const PAGE_STATES_COMMAND = `tcc -Wall -o ${PROGRAM} ${SOURCE} -lorbit -lpthread && ./${PROGRAM} --json`;

export interface PageStatesRun {
  steps: PageStep[];
  exitCode: number;
  output: string;
}

/** Copies `source` in, runs it, and returns every step; throws when the program failed. */
export async function runPageStates(
  vm: Vm,
  source: string,
  onStep?: (steps: PageStep[]) => void,
): Promise<PageStatesRun> {
  await vm.writeFile(SOURCE, source);
  const decoder = new TextDecoder();
  let seen = '';
  let reported = 0;
  const result = await vm.exec(PAGE_STATES_COMMAND, {
    user: 'root',
    timeoutMs: TIMEOUT_MS,
    onOutput: (bytes) => {
      seen += decoder.decode(bytes, { stream: true });
      // Only whole lines: a step may arrive in two pieces.
      const steps = parsePageStates(seen.slice(0, seen.lastIndexOf('\n') + 1));
      if (steps.length > reported) {
        reported = steps.length;
        onStep?.(steps);
      }
    },
  });
  if (result.exitCode !== 0) {
    const why = result.timedOut ? 'timed out' : `exited with status ${result.exitCode}`;
    throw new Error(`page-states ${why}: ${result.output.trim().slice(-400)}`);
  }
  const steps = parsePageStates(result.output);
  onStep?.(steps);
  return { steps, exitCode: result.exitCode, output: result.output };
}
