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

/** An onOutput callback that calls `onStep` with all steps so far each time a new one is complete. */
function stepReporter(onStep: (steps: PageStep[]) => void): (bytes: Uint8Array) => void {
  const decoder = new TextDecoder();
  let seen = '';
  let reported = 0;
  return (bytes) => {
    seen += decoder.decode(bytes, { stream: true });
    // Only whole lines: a step may arrive in two pieces. A malformed line is reported by the
    // final parse, not from inside the VM's output callback.
    let steps: PageStep[];
    try {
      steps = parsePageStates(seen.slice(0, seen.lastIndexOf('\n') + 1));
    } catch {
      return;
    }
    if (steps.length > reported) {
      reported = steps.length;
      onStep(steps);
    }
  };
}

/** Copies `source` in, runs it, and returns every step; throws when the program failed. */
export async function runPageStates(
  vm: Vm,
  source: string,
  onStep?: (steps: PageStep[]) => void,
): Promise<PageStatesRun> {
  await vm.writeFile(SOURCE, source);
  const result = await vm.exec(PAGE_STATES_COMMAND, {
    user: 'root',
    timeoutMs: TIMEOUT_MS,
    onOutput: onStep && stepReporter(onStep),
  });
  if (result.exitCode !== 0) {
    const why = result.timedOut ? 'timed out' : `exited with status ${result.exitCode}`;
    throw new Error(`page-states ${why}: ${result.output.trim().slice(-400)}`);
  }
  const steps = parsePageStates(result.output);
  onStep?.(steps);
  return { steps, exitCode: result.exitCode, output: result.output };
}
