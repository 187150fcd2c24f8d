/**
 * Every lab in the real VM, through the same LabRunner the browser uses:
 * the solution earns full marks, the starter does not, and Run shows the
 * program's output.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreVm, type Vm } from '../vm';
import { fileAssets } from '../vm/node-assets';
import { labIds, loadLab, loadSolution } from './load';
import { LabRunner } from './runner';

const labsDir = path.resolve(__dirname, '../../labs');
let vm: Vm;

beforeAll(async () => {
  vm = await restoreVm({ assets: fileAssets() });
});

afterAll(async () => {
  await vm?.destroy();
});

describe.each(labIds(labsDir))('lab %s in the VM', (id) => {
  const bundle = loadLab(labsDir, id);
  const solution = { ...bundle.starter, ...loadSolution(labsDir, bundle.spec) };

  it('earns full marks with the solution and less with the starter', async () => {
    const runner = new LabRunner(vm, bundle);
    const solved = await runner.check(solution);
    expect(solved.report.tests.filter((t) => !t.passed)).toEqual([]);
    expect(solved.report.earned).toBe(solved.report.total);
    const started = await runner.check(bundle.starter);
    expect(started.report.earned).toBeLessThan(started.report.total);
  });

  it('runs the solution', async () => {
    const outcome = await new LabRunner(vm, bundle).run(solution);
    expect(outcome.build?.result.exitCode ?? 0).toBe(0);
    expect(outcome.run?.result.exitCode).toBe(0);
  });
});
