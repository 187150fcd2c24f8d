/**
 * Every lab in the real VM, through the grader core the browser's Check and
 * `orbit-lab grade` use: the solution earns full marks, the starter does
 * not, and Run shows the solution's output.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSubmission } from '../grader';
import type { Vm } from '../vm';
import { openVm } from '../vm/node';
import { labIds, loadLab, loadSolution } from './load';
import { LabRunner } from './runner';
import type { LabSpec } from './schema';

const labsDir = path.resolve(__dirname, '../../labs');

/** The longest one grading of `spec` may take: its build (twice, after a crash), each test, and slack. */
function gradingBound(spec: LabSpec): number {
  return 2 * (spec.build?.timeoutMs ?? 0) + spec.tests.reduce((n, t) => n + t.timeoutMs, 0) + 60_000;
}
let vm: Vm;

beforeAll(async () => {
  vm = await openVm();
});

afterAll(async () => {
  await vm?.destroy();
});

describe.each(labIds(labsDir))('lab %s in the VM', (id) => {
  const bundle = loadLab(labsDir, id);
  const solution = loadSolution(labsDir, bundle.spec);
  const starter = Object.fromEntries(bundle.spec.files.map((f) => [f, bundle.starter[f] ?? '']));

  it.skipIf(bundle.spec.tests.length === 0)(
    'earns full marks with the solution and less with the starter',
    async () => {
      const solved = await gradeSubmission(bundle, solution, vm, { fresh: true });
      expect(solved.tests.filter((t) => t.status !== 'passed')).toEqual([]);
      expect(solved.score).toBe(solved.maxScore);
      const started = await gradeSubmission(bundle, starter, vm, { fresh: true });
      expect(started.score).toBeLessThan(started.maxScore);
    },
    2 * gradingBound(bundle.spec),
  );

  it('runs the solution', async () => {
    const outcome = await new LabRunner(vm, bundle).run(solution);
    expect(outcome.build?.result.exitCode ?? 0).toBe(0);
    expect(outcome.run?.result.exitCode).toBe(0);
  });
});
