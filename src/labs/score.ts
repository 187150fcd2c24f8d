/**
 * Turns the outcome of each in-guest test into a typed report with points.
 * The browser's Check button and the headless grader share it.
 */
import type { LabSpec } from './schema';
import { parseTap, tapFailure, type TapAssert } from './tap';

/** What running one test in the guest gave. */
export interface TestRun {
  testId: string;
  exitCode: number;
  output: string;
  timedOut: boolean;
}

export interface TestReport {
  id: string;
  title: string;
  points: number;
  earned: number;
  passed: boolean;
  /** Why it failed, in one line; undefined when it passed. */
  reason?: string;
  asserts: TapAssert[];
}

export interface CheckReport {
  labId: string;
  labVersion: number;
  earned: number;
  total: number;
  tests: TestReport[];
}

/** Judges one test: all planned asserts ok, no bail-out, exit 0, in time. */
function judge(
  run: TestRun | undefined,
  timeoutMs: number,
): { passed: boolean; reason?: string; asserts: TapAssert[] } {
  if (!run) return { passed: false, reason: 'the test did not run (the build failed?)', asserts: [] };
  const tap = parseTap(run.output);
  if (run.timedOut) return { passed: false, reason: `timed out after ${timeoutMs / 1000} s`, asserts: tap.asserts };
  const failure = tapFailure(tap);
  if (failure) return { passed: false, reason: failure, asserts: tap.asserts };
  if (run.exitCode !== 0)
    return { passed: false, reason: `the test exited with status ${run.exitCode}`, asserts: tap.asserts };
  return { passed: true, asserts: tap.asserts };
}

/** The report for `runs` under `spec`: a test earns its points only when it passed. */
export function scoreCheck(spec: LabSpec, runs: readonly TestRun[]): CheckReport {
  const tests = spec.tests.map((t) => {
    const verdict = judge(
      runs.find((r) => r.testId === t.id),
      t.timeoutMs,
    );
    return { id: t.id, title: t.title, points: t.points, earned: verdict.passed ? t.points : 0, ...verdict };
  });
  return {
    labId: spec.id,
    labVersion: spec.version,
    earned: tests.reduce((sum, t) => sum + t.earned, 0),
    total: tests.reduce((sum, t) => sum + t.points, 0),
    tests,
  };
}

/** The guest command that runs test `testId`. */
export function checkCommand(spec: LabSpec, testId: string): string {
  return spec.check.command.split('{test}').join(testId);
}
