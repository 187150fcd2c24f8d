/**
 * The text the lab writes into its terminal for Run and Check, and the
 * one-line summaries it announces. Pure, so the wording stays in one place.
 */
import { translate } from '@docusaurus/Translate';
import type { GradeReport, TestStatus } from '../../grader';
import type { BuildOutcome, RunOutcome } from '../../labs/runner';
import type { ExecResult } from '../../vm';

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/** A dim header line, e.g. "── build: tcc -o hello hello.c". */
export function header(what: string, command: string): string {
  return `\n${DIM}── ${what}: ${command}${RESET}\n`;
}

/** The note, said once, that Run builds in the VM because the in-page compiler failed. */
export function fallbackNotice(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = translate(
    {
      id: 'lab.compiler.fallback',
      message: 'The in-page compiler did not load ({message}); Run builds in the VM instead.',
    },
    { message },
  );
  return `\n${YELLOW}${text}${RESET}\n`;
}

/** The build's part of the terminal transcript. */
export function buildTranscript(build: BuildOutcome): string {
  const { result } = build;
  const verdict = result.exitCode === 0 ? '' : `${RED}build failed (exit ${result.exitCode})${RESET}\n`;
  return header('build', build.command) + result.output + verdict;
}

/** The line that ends a program's output: how it ended. */
export function endLine(result: ExecResult): string {
  if (result.stopped) return `${YELLOW}stopped: you pressed Stop (SIGINT, then SIGKILL to what was left)${RESET}\n`;
  if (result.timedOut) return `${RED}stopped: it ran longer than the lab allows${RESET}\n`;
  return `${result.exitCode === 0 ? GREEN : RED}exit status ${result.exitCode}${RESET}\n`;
}

/** The terminal transcript of a Run whose output was not streamed. */
export function runTranscript(outcome: RunOutcome): string {
  let text = outcome.build ? buildTranscript(outcome.build) : '';
  if (outcome.run) {
    const { command, result } = outcome.run;
    text += header('run', command) + result.output;
    if (result.output && !result.output.endsWith('\n')) text += '\n';
    text += endLine(result);
  }
  return text;
}

/** The one-line announcement of a Run. */
export function runSummary(outcome: RunOutcome): string {
  const errors = outcome.build?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
  if (!outcome.run) {
    if (errors === 0)
      return translate({ id: 'lab.summary.buildFailed', message: 'The build failed: see the terminal.' });
    return errors === 1
      ? translate({
          id: 'lab.summary.buildError',
          message: 'The build failed with 1 error, marked in the editor: see the terminal.',
        })
      : translate(
          {
            id: 'lab.summary.buildErrors',
            message: 'The build failed with {count} errors, marked in the editor: see the terminal.',
          },
          { count: errors },
        );
  }
  const r = outcome.run.result;
  if (r.stopped) return 'The program was stopped.';
  return r.timedOut
    ? translate({ id: 'lab.summary.timedOut', message: 'The program ran too long and was stopped.' })
    : translate(
        { id: 'lab.summary.exited', message: 'The program ran and exited with status {status}.' },
        { status: r.exitCode },
      );
}

const MARK: Record<TestStatus, string> = {
  passed: `${GREEN}PASS`,
  failed: `${RED}FAIL`,
  timeout: `${RED}TIME`,
  crashed: `${RED}CRASH`,
  error: `${YELLOW}ERROR`,
};

/** The terminal transcript of a Check. */
export function checkTranscript(report: GradeReport): string {
  const lines = report.tests.map(
    (t) => `${MARK[t.status]}${RESET} ${t.title} (${t.points}/${t.maxPoints})${t.reason ? `: ${t.reason}` : ''}`,
  );
  return `${header('check', `${report.tests.length} tests`)}${lines.join('\n')}\nscore: ${report.score}/${report.maxScore}\n`;
}
