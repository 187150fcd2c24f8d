/**
 * Every lab folder: its spec passes the schema, every named file exists,
 * and, graded on this machine with the host's sh and tcc through the grader
 * core (a HostVm stand-in for the guest), the solution earns full marks while
 * the starter does not. The VM tests grade the same in the real guest.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeSubmission } from '../grader';
import { HostVm } from '../vm/host-vm';
import { labIds, loadLab, loadSolution } from './load';

const labsDir = path.resolve(__dirname, '../../labs');
const ids = labIds(labsDir);
const vm = new HostVm();

afterAll(() => vm.destroy());

describe('labs/', () => {
  it('has labs', () => {
    expect(ids).toContain('00-playground');
  });

  it.each(ids)('%s: spec is valid and every named file exists', (id) => {
    const bundle = loadLab(labsDir, id);
    expect(Object.keys(bundle.starter).sort()).toEqual([...bundle.spec.files, ...bundle.spec.readonly].sort());
  });

  // A lab that links liborbit needs the orbit kernel: labs.vm.test.ts grades it in the VM.
  const needsOrbit = (id: string) => /-lorbit\b/.test(loadLab(labsDir, id).spec.build?.command ?? '');
  const graded = ids.filter((id) => loadLab(labsDir, id).spec.tests.length > 0 && !needsOrbit(id));
  it.each(graded)(
    '%s: the solution earns full marks, the starter does not (host tcc)',
    async (id) => {
      const bundle = loadLab(labsDir, id);
      const starterFiles = Object.fromEntries(bundle.spec.files.map((f) => [f, bundle.starter[f] ?? '']));
      const options = { trustedRoot: vm.trustedRoot };
      const solved = await gradeSubmission(bundle, loadSolution(labsDir, bundle.spec), vm, options);
      expect(solved.tests.filter((t) => t.status !== 'passed')).toEqual([]);
      expect(solved.score).toBe(solved.maxScore);
      expect((await gradeSubmission(bundle, starterFiles, vm, options)).score).toBeLessThan(solved.maxScore);
    },
    120_000,
  );
});
