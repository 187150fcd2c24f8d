// Command-line parsing of orbit-lab: pure, so it is unit-tested without a VM.
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import type { GuestUser } from '../vm';
import { AUTOGRADER_USAGE, EXEC_USAGE, GRADE_USAGE, MAIN_USAGE, SHELL_USAGE } from './usage';

/** Bad input found after parsing (an unknown lab, say): exit status 2, like a usage error. */
export class UsageError extends Error {}

/** A host/guest file pair of --put or --get. */
export interface Transfer {
  local: string;
  guest: string;
}

/** What the user asked for. */
export type Invocation =
  | { kind: 'help'; text: string }
  | { kind: 'usage-error'; message: string; usage: string }
  | {
      kind: 'exec';
      command: string[];
      puts: Transfer[];
      gets: Transfer[];
      timeoutMs: number;
      user: GuestUser;
      cold: boolean;
    }
  | { kind: 'shell'; cold: boolean }
  | { kind: 'grade'; lab: string; submissions: string[]; out: string; jobs: number }
  | { kind: 'grade-worker'; lab: string }
  | { kind: 'autograder'; lab: string; out: string }
  | { kind: 'autograde'; lab: string; submission: string; results: string };

const USAGES: Record<string, string> = {
  exec: EXEC_USAGE,
  shell: SHELL_USAGE,
  grade: GRADE_USAGE,
  autograder: AUTOGRADER_USAGE,
};

/** Splits "A:B" at the first colon; null unless both sides are non-empty. */
function splitPair(value: string): [string, string] | null {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1) return null;
  return [value.slice(0, at), value.slice(at + 1)];
}

/** Parses the arguments after "orbit-lab". */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') return { kind: 'help', text: MAIN_USAGE };
  const error = (message: string, usage: string): Invocation => ({ kind: 'usage-error', message, usage });
  try {
    if (command === 'exec') return parseExec(rest);
    if (command === 'shell') return parseShell(rest);
    if (command === 'grade') return parseGrade(rest);
    if (command === 'autograder') return parseAutograder(rest);
    // Internal: a --jobs worker, and the autograder zip's run_autograder.
    if (command === 'grade-worker' && rest.length === 1 && rest[0]) return { kind: 'grade-worker', lab: rest[0] };
    if (command === 'autograde' && rest.length === 3) {
      const [lab = '', submission = '', results = ''] = rest;
      return { kind: 'autograde', lab, submission, results };
    }
  } catch (caught) {
    return error((caught as Error).message, USAGES[command] ?? MAIN_USAGE);
  }
  return error(`unknown command "${command}"`, MAIN_USAGE);
}

/** Parses `exec [OPTIONS] -- COMMAND...`; throws on bad arguments. */
function parseExec(args: string[]): Invocation {
  const dashes = args.indexOf('--');
  const options = dashes === -1 ? args : args.slice(0, dashes);
  const { values, positionals } = parseArgs({
    args: options,
    allowPositionals: true,
    options: {
      put: { type: 'string', multiple: true },
      get: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      user: { type: 'string' },
      cold: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help', text: EXEC_USAGE };
  if (positionals.length > 0)
    throw new Error(`put "--" before the command: orbit-lab exec -- ${positionals.join(' ')}`);
  const command = dashes === -1 ? [] : args.slice(dashes + 1);
  if (command.length === 0) throw new Error('no command given after "--"');
  const seconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`--timeout needs a positive number of seconds, not "${values.timeout}"`);
  const user = values.user ?? 'root';
  if (user !== 'root' && user !== 'student') throw new Error(`--user must be student or root, not "${user}"`);
  return {
    kind: 'exec',
    command,
    puts: transfers(values.put, '--put', 'LOCAL:GUEST', (a, b) => ({ local: a, guest: b })),
    gets: transfers(values.get, '--get', 'GUEST:LOCAL', (a, b) => ({ guest: a, local: b })),
    timeoutMs: seconds * 1000,
    user,
    cold: values.cold ?? false,
  };
}

/** Turns repeated --put/--get values into transfers; throws on a malformed one. */
function transfers(
  values: string[] | undefined,
  flag: string,
  shape: string,
  make: (first: string, second: string) => Transfer,
): Transfer[] {
  return (values ?? []).map((value) => {
    const pair = splitPair(value);
    if (!pair) throw new Error(`${flag} needs ${shape}, not "${value}"`);
    return make(...pair);
  });
}

/** Parses `shell [OPTIONS]`; throws on bad arguments. */
function parseShell(args: string[]): Invocation {
  const { values } = parseArgs({
    args,
    options: { cold: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { kind: 'help', text: SHELL_USAGE };
  return { kind: 'shell', cold: values.cold ?? false };
}

/** Parses `grade LAB SUBMISSION... [--out DIR] [--jobs N]`; throws on bad arguments. */
function parseGrade(args: string[]): Invocation {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { kind: 'help', text: GRADE_USAGE };
  const [lab, ...submissions] = positionals;
  if (!lab) throw new Error('name the lab: an id like 00-playground, or its folder');
  if (submissions.length === 0) throw new Error('give at least one submission: a .json archive, a .zip or a folder');
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw new Error(`--jobs needs a whole number from 1 to 64, not "${values.jobs}"`);
  }
  return { kind: 'grade', lab, submissions, out: values.out ?? 'grades', jobs };
}

/** Parses `autograder LAB [--out FILE.zip]`; throws on bad arguments. */
function parseAutograder(args: string[]): Invocation {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { kind: 'help', text: AUTOGRADER_USAGE };
  const [lab, ...extra] = positionals;
  if (!lab) throw new Error('name the lab: an id like 00-playground, or its folder');
  if (extra.length > 0) throw new Error(`one lab at a time; unexpected: ${extra.join(' ')}`);
  const out = values.out ?? `${lab.replace(/\/+$/, '').split('/').pop() ?? lab}-autograder.zip`;
  if (!out.endsWith('.zip')) throw new Error(`--out must name a .zip file, not "${out}"`);
  return { kind: 'autograder', lab, out };
}
