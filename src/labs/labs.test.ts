/**
 * Every lab folder: its spec passes the schema, every named file exists,
 * and, built and checked on this machine with tcc, the solution earns full
 * marks while the starter does not. (The VM tests do the same in the guest.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labIds, loadLab, loadSolution } from './load';
import { checkCommand, scoreCheck, type TestRun } from './score';
import type { LabBundle } from './load';

const labsDir = path.resolve(__dirname, '../../labs');
const ids = labIds(labsDir);
/** Labs that link liborbit need the orbit kernel: only the VM tests (labs.vm.test.ts) can check them. */
const hostIds = ids.filter((id) => !loadLab(labsDir, id).spec.build?.command.includes('-lorbit'));

/** Builds and checks `files` in a scratch copy of the lab with the host's sh and tcc. */
function hostCheck(bundle: LabBundle, files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), `lab-${bundle.spec.id}-`));
  cpSync(path.join(labsDir, bundle.spec.id, 'tests'), path.join(dir, 'tests'), { recursive: true });
  for (const [f, text] of Object.entries({ ...bundle.starter, ...files })) writeFileSync(path.join(dir, f), text);
  if (bundle.spec.build) execFileSync('sh', ['-c', bundle.spec.build.command], { cwd: dir, stdio: 'pipe' });
  const runs: TestRun[] = bundle.spec.tests.map((t) => {
    const r = spawnSync('sh', ['-c', checkCommand(bundle.spec, t.id)], {
      cwd: dir,
      timeout: t.timeoutMs,
      encoding: 'utf8',
    });
    return { testId: t.id, exitCode: r.status ?? 137, output: r.stdout + r.stderr, timedOut: r.error !== undefined };
  });
  return scoreCheck(bundle.spec, runs);
}

describe('labs/', () => {
  it('has labs', () => {
    expect(ids).toContain('00-playground');
  });

  it.each(ids)('%s: spec is valid and every named file exists', (id) => {
    const bundle = loadLab(labsDir, id);
    expect(Object.keys(bundle.starter).sort()).toEqual([...bundle.spec.files, ...bundle.spec.readonly].sort());
  });

  it.each(hostIds)('%s: the solution earns full marks, the starter does not (host tcc)', (id) => {
    const bundle = loadLab(labsDir, id);
    const solved = hostCheck(bundle, loadSolution(labsDir, bundle.spec));
    expect(solved.tests.filter((t) => !t.passed)).toEqual([]);
    expect(solved.earned).toBe(solved.total);
    expect(hostCheck(bundle, bundle.starter).earned).toBeLessThan(solved.total);
  });
});
