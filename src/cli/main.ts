// orbit-lab: drive the course VM from the command line (see ./usage.ts).
import { parseInvocation, UsageError } from './args';
import { runAutograder } from './autograder';
import { runExec } from './exec';
import { runAutograde, runGrade, runGradeWorker } from './grade';
import { runShell } from './shell';

/** Exit status for bad arguments. */
const USAGE_STATUS = 2;
/** Exit status when orbit-lab itself failed (not the guest command). */
const FAILURE_STATUS = 125;

/** Runs orbit-lab with `argv` (without node and the script) and returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const invocation = parseInvocation(argv);
  switch (invocation.kind) {
    case 'help':
      process.stdout.write(invocation.text);
      return 0;
    case 'usage-error':
      process.stderr.write(`orbit-lab: ${invocation.message}\n\n${invocation.usage}`);
      return USAGE_STATUS;
    default:
      try {
        return await run(invocation);
      } catch (error) {
        process.stderr.write(`orbit-lab: ${error instanceof Error ? error.message : String(error)}\n`);
        return error instanceof UsageError ? USAGE_STATUS : FAILURE_STATUS;
      }
  }
}

/** Runs a command invocation. */
function run(
  invocation: Exclude<ReturnType<typeof parseInvocation>, { kind: 'help' | 'usage-error' }>,
): Promise<number> {
  switch (invocation.kind) {
    case 'exec':
      return runExec(invocation);
    case 'shell':
      return runShell(invocation);
    case 'grade':
      return runGrade(invocation);
    case 'grade-worker':
      return runGradeWorker(invocation.lab);
    case 'autograder':
      return runAutograder(invocation);
    case 'autograde':
      return runAutograde(invocation);
  }
}
