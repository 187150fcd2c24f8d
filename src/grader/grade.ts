/**
 * The grader core: (lab bundle, submitted files, VM) -> GradeReport. The
 * browser's Check and `orbit-lab grade` both call gradeSubmission; nothing
 * else scores a lab.
 *
 * A test's verdict is the TAP its trusted checker prints (as root, after
 * orbit-sandbox has killed everything the student's code started); points
 * come from lab.json. A kernel Oops or panic, or a guest that stops
 * answering, fails the running test as `crashed`; the VM is then reset to
 * its saved state, the lab installed and built again, and grading goes on.
 */
import { VmError, type ExecResult, type Vm } from '../vm';
import type { LabBundle } from '../labs/load';
import { LabRunner } from '../labs/runner';
import type { LabTest } from '../labs/schema';
import { parseTap, tapFailure } from '../labs/tap';
import { acceptFiles } from './files';
import { excerpt, type BuildResult, type GradeReport, type TestResult, type TestStatus } from './report';

export interface GradeOptions {
  /** Reset the VM to its saved state first (a fresh guest per submission). */
  fresh?: boolean;
  /** Called as each test starts. */
  onTest?: (test: LabTest) => void;
  /** Where trusted lab directories go (a host stand-in uses its own). */
  trustedRoot?: string;
}

/** Console lines by which the kernel says it crashed or broke. */
const KERNEL_TROUBLE = /Kernel panic|Oops:|BUG: |general protection fault|watchdog: BUG|Unable to handle kernel/;
/** Slack per submission on top of the lab's own timeouts. */
const SUBMISSION_SLACK_MS = 30_000;

/** Watches the serial console and the VM's recoveries while grading. */
function crashWatch(vm: Vm): { take: () => string | undefined; stop: () => void } {
  let tail = '';
  let trouble: string | undefined;
  const decoder = new TextDecoder();
  const offData = vm.console.onData((bytes) => {
    tail = (tail + decoder.decode(bytes, { stream: true })).slice(-4000);
    const match = KERNEL_TROUBLE.exec(tail);
    if (match && !trouble) trouble = `the kernel reported "${tail.slice(match.index).split('\n')[0]?.trim()}"`;
  });
  const offProgress = vm.on('progress', (p) => {
    if (p.phase === 'recovered') trouble ??= 'the guest stopped answering and was restored from its saved state';
  });
  return {
    take: () => {
      const found = trouble;
      trouble = undefined;
      tail = '';
      return found;
    },
    stop: () => {
      offData();
      offProgress();
    },
  };
}

/** The status and reason of a finished checker run. */
function judge(run: ExecResult, test: LabTest): { status: TestStatus; reason?: string } {
  if (run.timedOut) return { status: 'timeout', reason: `the test ran past its ${test.timeoutMs / 1000} s limit` };
  const failure = tapFailure(parseTap(run.output));
  if (failure) return { status: 'failed', reason: failure };
  if (run.exitCode !== 0) return { status: 'failed', reason: `the test exited with status ${run.exitCode}` };
  return { status: 'passed' };
}

/** A result for a test that did not get to run its checker. */
function notRun(test: LabTest, status: TestStatus, reason: string, output = ''): TestResult {
  return { id: test.id, title: test.title, points: 0, maxPoints: test.points, status, reason, output, durationMs: 0 };
}

/** Builds the files; the outcome as a BuildResult. */
async function build(runner: LabRunner, files: Record<string, string>): Promise<BuildResult> {
  const started = Date.now();
  const outcome = await runner.build(files);
  const durationMs = Date.now() - started;
  if (!outcome) return { status: 'skipped', output: '', durationMs };
  const { result } = outcome;
  const status = result.timedOut ? 'timeout' : result.exitCode === 0 ? 'passed' : 'failed';
  return { status, output: excerpt(result.output), durationMs };
}

/** Grades `submitted` for `bundle` in `vm`. Throws SubmissionRejected for files it may not take. */
export async function gradeSubmission(
  bundle: LabBundle,
  submitted: Record<string, string>,
  vm: Vm,
  options: GradeOptions = {},
): Promise<GradeReport> {
  const { spec } = bundle;
  const files = acceptFiles(spec, submitted);
  const started = Date.now();
  const budget =
    (spec.build?.timeoutMs ?? 30_000) * 2 + spec.tests.reduce((sum, t) => sum + t.timeoutMs, 0) + SUBMISSION_SLACK_MS;
  const runner = new LabRunner(vm, bundle, options.trustedRoot);
  if (options.fresh) await vm.reset();
  const watch = crashWatch(vm);
  try {
    let built = await build(runner, files);
    const tests: TestResult[] = [];
    for (const test of spec.tests) {
      if (built.status !== 'passed' && built.status !== 'skipped') {
        tests.push(notRun(test, 'failed', `the build ${built.status === 'timeout' ? 'timed out' : 'failed'}`));
        continue;
      }
      if (Date.now() - started > budget) {
        tests.push(notRun(test, 'timeout', `the submission ran past its ${budget / 1000} s bound`));
        continue;
      }
      options.onTest?.(test);
      tests.push(await runTest(runner, test, watch));
      if (tests.at(-1)?.status === 'crashed' || tests.at(-1)?.status === 'error') {
        await vm.reset();
        runner.forget();
        watch.take();
        built = await build(runner, files);
      }
    }
    return {
      lab: { id: spec.id, version: spec.version, title: spec.title },
      score: tests.reduce((sum, t) => sum + t.points, 0),
      maxScore: spec.tests.reduce((sum, t) => sum + t.points, 0),
      build: built,
      tests,
      durationMs: Date.now() - started,
    };
  } finally {
    watch.stop();
  }
}

/** Runs one test's checker and judges it. */
async function runTest(runner: LabRunner, test: LabTest, watch: ReturnType<typeof crashWatch>): Promise<TestResult> {
  const started = Date.now();
  const base = { id: test.id, title: test.title, maxPoints: test.points };
  try {
    const run = await runner.test(test.id, test.timeoutMs);
    const durationMs = Date.now() - started;
    const output = excerpt(run.output);
    const crash = watch.take();
    if (crash) return { ...base, points: 0, status: 'crashed', reason: crash, output, durationMs };
    const verdict = judge(run, test);
    const points = verdict.status === 'passed' ? test.points : 0;
    return { ...base, points, ...verdict, output, durationMs };
  } catch (error) {
    const durationMs = Date.now() - started;
    const crash = watch.take();
    const message = error instanceof VmError || error instanceof Error ? error.message : String(error);
    const status: TestStatus = crash ? 'crashed' : 'error';
    return {
      ...base,
      points: 0,
      status,
      reason: crash ?? `the grader could not run the test: ${message}`,
      output: '',
      durationMs,
    };
  }
}
