/**
 * Runs lab commands in the page's lab VM for the components that show
 * their output (<LabResults>, lab 3's plots): the reader's files are built
 * first, then each command runs in the lab's directory. Its output is
 * handed over as it arrives (onText) and whole when the command ends.
 */
import type { LabSession } from '../../labs/labSession';

export interface RunOptions {
  /** Per command; default 5 minutes. */
  timeoutMs?: number;
  /** Who runs the commands (default the student). */
  user?: 'student' | 'root';
  /** Output of the running command, as the guest produces it. */
  onText?: (text: string) => void;
}

export async function runLabCommands(
  session: LabSession,
  commands: string[],
  options: RunOptions,
  onOutput: (output: string, done: number) => void,
): Promise<void> {
  const build = await session.runner.build(session.files());
  if (build?.result.timedOut) throw new Error('the build ran out of time');
  if (build && build.result.exitCode !== 0) {
    throw new Error(`the build failed (exit ${build.result.exitCode}):\n${build.result.output.slice(0, 2000)}`);
  }
  for (const [i, command] of commands.entries()) {
    const decoder = new TextDecoder();
    const { onText } = options;
    const r = await session.vm.exec(command, {
      timeoutMs: options.timeoutMs ?? 300_000,
      user: options.user ?? 'student',
      cwd: session.runner.workDir,
      onOutput: onText && ((bytes) => onText(decoder.decode(bytes, { stream: true }))),
    });
    onText?.(decoder.decode());
    onOutput(r.output, i + 1);
    if (r.timedOut) throw new Error(`"${command}" ran out of time`);
  }
}
