/**
 * Hostile submissions for every graded lab, graded by `orbit-lab grade`
 * itself (two worker VMs). Each hostile file of hostile/any-lab/ is appended
 * to the lab's solution and takes over before `main` (see its README): the
 * lab's program never runs, so the honest score is what a program that does
 * nothing earns (`nothing`), and each hostile submission must earn exactly
 * that, test by test. The playground has its own, finer suite
 * (adversarial.vm.test.ts); this one holds the same line for the others.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labIds, loadLab, loadSolution, type LabBundle } from '../labs/load';
import type { Vm } from '../vm';
import { openVm } from '../vm/node';
import { REPO_ROOT } from '../vm/node-assets';
import { gradeWithCli, type CliBatch } from './cli-batch';
import { gradeSubmission } from './grade';
import type { GradescopeResults } from './gradescope';

const labsDir = path.join(REPO_ROOT, 'labs');
const hostileDir = path.join(__dirname, 'hostile', 'any-lab');
const HOSTILE = ['forger', 'exhauster', 'spinner'] as const;
/**
 * Labs whose suites start their program dozens of times, or give it minutes
 * of CPU, skip the spinner: it costs every run its full budget (200-290 s a
 * submission, measured on labs 01 and 02; lab 03 allows 300 s of CPU a run)
 * and tests nothing lab-specific: orbit-sandbox stops it the same way in
 * every lab, as the playground's and the chapter labs' runs show.
 */
const NO_SPINNER = new Set(['01-deadlock', '02-isolation', '03-overhead']);
/** Labs with their own suite (the playground) or no tests (the scratchpad). */
const OWN_SUITE = new Set(['00-playground']);
const graded = labIds(labsDir).filter((id) => !OWN_SUITE.has(id) && loadLab(labsDir, id).spec.tests.length > 0);
const work = mkdtempSync(path.join(tmpdir(), 'orbit-adversarial-labs-'));

/** The lab's solution with the hostile file `name` appended to its first editable file. */
function hostileFiles(bundle: LabBundle, name: string): Record<string, string> {
  const files = loadSolution(labsDir, bundle.spec);
  const target = bundle.spec.files[0];
  if (!target) throw new Error(`lab ${bundle.spec.id} has no editable file`);
  const code = readFileSync(path.join(hostileDir, `${name}.c`), 'utf8');
  return { ...files, [target]: `${files[target]}\n${code}` };
}

/** Writes a folder submission per name; returns their paths. */
function submissions(bundle: LabBundle, names: readonly string[]): string[] {
  return names.map((name) => {
    const dir = path.join(work, bundle.spec.id, 'in', name);
    mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(hostileFiles(bundle, name))) writeFileSync(path.join(dir, f), text);
    return dir;
  });
}

/** Scores by test name, from a results.json. */
function perTest(r: GradescopeResults): Record<string, number> {
  return Object.fromEntries(r.tests.map((t) => [t.name, t.score]));
}

describe.each(graded)('hostile code in lab %s, graded by orbit-lab grade --jobs 2', (id) => {
  const bundle = loadLab(labsDir, id);
  const hostile = HOSTILE.filter((name) => name !== 'spinner' || !NO_SPINNER.has(id));
  const out = path.join(work, id, 'grades');
  let batch: CliBatch;

  beforeAll(() => {
    batch = gradeWithCli(id, submissions(bundle, ['nothing', ...hostile]), out, 1_200_000);
  }, 1_260_000);

  const results = (name: string): GradescopeResults => batch.results(name);

  it('grades every submission', () => {
    expect(batch.stderr).not.toContain('was not graded');
    expect(batch.status).toBe(0);
  });

  it('gives a program that does nothing less than full marks', () => {
    expect(results('nothing').score).toBeLessThan(results('nothing').max_score);
  });

  it.each(hostile)('gives %s exactly what doing nothing earns, test by test', (name) => {
    expect(perTest(results(name))).toEqual(perTest(results('nothing')));
  });

  it('finishes every submission within its time bound', () => {
    // The grader's bound: twice the build's timeout, each test's, and 30 s of slack.
    const { spec } = bundle;
    const bound = ((spec.build?.timeoutMs ?? 0) * 2 + spec.tests.reduce((n, t) => n + t.timeoutMs, 0) + 30_000) / 1000;
    for (const name of ['nothing', ...hostile]) expect(results(name).execution_time).toBeLessThanOrEqual(bound);
  });
});

describe('after grading hostile code of the two big labs in one VM', () => {
  let vm: Vm;

  beforeAll(async () => {
    vm = await openVm();
  });

  afterAll(async () => {
    await vm?.destroy();
  });

  it('leaves no process of the student and no request group behind, and caps the files it wrote', async () => {
    for (const id of ['01-deadlock', '02-isolation']) {
      const bundle = loadLab(labsDir, id);
      for (const name of ['forger', 'exhauster']) {
        const report = await gradeSubmission(bundle, hostileFiles(bundle, name), vm);
        expect(report.score, `${id} ${name}`).toBeLessThan(report.maxScore);
      }
      const big = await vm.exec(`stat -c %s ${vm.exchangeDir}/lab/${id}/big.bin`);
      expect(big.exitCode, `${id}: big.bin written`).toBe(0);
      expect(Number(big.output.trim())).toBeLessThanOrEqual(16 << 20);
    }
    const ps = await vm.exec('ps -o user,pid,args | awk \'NR > 1 && $1 != "root"\'');
    expect(ps.output).toBe('');
    const groups = await vm.exec('find /sys/fs/cgroup/req -mindepth 1 -maxdepth 1 -type d | wc -l');
    expect(groups.output.trim()).toBe('1'); // this command's own group
  }, 900_000);
});
