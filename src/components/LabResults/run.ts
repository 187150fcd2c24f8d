/**
 * Runs lab commands in the page's lab VM for the components that show
 * their output (<LabResults>, lab 3's plots): the reader's files are built
 * first, then each command runs in the lab's directory, and its whole
 * output is handed over as it ends.
 */
import type { LabSession } from '../../labs/labSession';

export interface RunOptions {
  /** Per command; default 5 minutes. */
  timeoutMs?: number;
  /** Who runs the commands (default the student). */
  user?: 'student' | 'root';
}

export async function runLabCommands(
  session: LabSession,
  commands: string[],
  options: RunOptions,
  onOutput: (output: string, done: number) => void,
): Promise<void> {
  const build = await session.runner.build(session.files());
  if (build && build.result.exitCode !== 0) throw new Error(`the build failed:\n${build.result.output.slice(0, 2000)}`);
  for (const [i, command] of commands.entries()) {
    const r = await session.vm.exec(command, {
      timeoutMs: options.timeoutMs ?? 300_000,
      user: options.user ?? 'student',
      cwd: session.runner.workDir,
    });
    onOutput(r.output, i + 1);
    if (r.timedOut) throw new Error(`"${command}" ran out of time`);
  }
}
