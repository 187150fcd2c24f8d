// Which build commands the in-page compiler runs: a plain `tcc ARGS...` with no
// shell syntax. Anything else (pipes, variables, globs, several commands) is
// built in the guest as before.

export interface TccCommand {
  /** tcc's arguments, without the program name. */
  args: string[];
  /** The file the command writes: `-o FILE`, or tcc's default a.out. */
  output: string;
}

/** Words a shell passes through unchanged: no quotes, globs, variables or operators. */
const PLAIN_WORD = /^[A-Za-z0-9_.,=+/:@%-]+$/;

/** The command's arguments when `command` is a plain tcc call that links a program, else null. */
export function parseTccCommand(command: string): TccCommand | null {
  const words = command.trim().split(/[ \t]+/);
  if (words[0] !== 'tcc' || !words.every((word) => PLAIN_WORD.test(word))) return null;
  const args = words.slice(1);
  // -c, -E, -run and friends do not produce one program to copy into the guest.
  if (args.some((a) => ['-c', '-E', '-run', '-r', '-shared', '-ar'].includes(a))) return null;
  const o = args.indexOf('-o');
  if (o >= 0 && o + 1 >= args.length) return null;
  return { args, output: o >= 0 ? (args[o + 1] ?? 'a.out') : 'a.out' };
}
