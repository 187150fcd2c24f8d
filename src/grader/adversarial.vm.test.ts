/**
 * Hostile submissions for the playground lab, graded by `orbit-lab grade`
 * itself (two worker VMs): each gets exactly the score it honestly earned,
 * or is refused with the rule it broke, and each finishes within its bound.
 * Then, in one VM, nothing a graded program started is left running and no
 * file it wrote outgrew its limit.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab, loadSolution } from '../labs/load';
import { createSubmission } from '../labs/submission';
import type { Vm } from '../vm';
import { openVm } from '../vm/node';
import { REPO_ROOT } from '../vm/node-assets';
import { gradeWithCli, type CliBatch } from './cli-batch';
import { gradeSubmission } from './grade';
import type { GradescopeResults } from './gradescope';

const LAB = '00-playground';
const labsDir = path.join(REPO_ROOT, 'labs');
const bundle = loadLab(labsDir, LAB);
const hostileDir = path.join(__dirname, 'hostile', LAB);
const work = mkdtempSync(path.join(tmpdir(), 'orbit-adversarial-'));

/** Score each hostile program must get (see the comment at the top of each file). */
const SCORES: Record<string, number> = {
  'forged-tap': 2,
  'rewrite-tests': 2,
  background: 2,
  'proc-fd': 2,
  'fork-bomb': 0,
  flood: 0,
  spin: 0,
  'ignore-signals': 0,
  'memory-hog': 0,
  'orbit-syscalls': 10,
  'huge-file': 10,
};

/** Submissions the grader must refuse, with a word of the rule each breaks. */
const REFUSED: Record<string, RegExp> = {
  traversal: /"\.\.\/hello\.c" contains "\.\."/,
  absolute: /absolute path/,
  'nested-dir': /path separator/,
  unlisted: /"notes\.txt" is not a file of lab 00-playground/,
  'too-big': /"hello\.c" is \d+ bytes; a submitted file is at most 262144/,
  'other-lab': /for lab "01-deadlock"/,
  'old-version': /version 1 of this lab/,
  'malformed-zip': /not a readable zip/,
  'malformed-json': /not a submission archive/,
};

/** A folder submission holding `files`. */
function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(work, 'in', name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
}

/** A file submission `name` with `bytes`. */
function file(name: string, bytes: Uint8Array | string): string {
  const out = path.join(work, 'in', name);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  return out;
}

async function submissions(): Promise<string[]> {
  const text = (s: string) => new TextEncoder().encode(s);
  const solution = loadSolution(labsDir, bundle.spec);
  const archive = await createSubmission(bundle.spec, solution);
  return [
    // A student's folder with the readonly header along: taken, header ignored.
    folder('solution', { ...solution, 'greeting.h': '#define GREETING "Hello, world!"\n' }),
    file(
      'starter.json',
      JSON.stringify(await createSubmission(bundle.spec, { 'hello.c': bundle.starter['hello.c'] ?? '' })),
    ),
    ...Object.keys(SCORES).map((name) =>
      folder(name, { 'hello.c': readFileSync(path.join(hostileDir, `${name}.c`), 'utf8') }),
    ),
    file('traversal.zip', zipSync({ '../hello.c': text('int main(void){return 0;}\n') })),
    file('absolute.zip', zipSync({ '/etc/hello.c': text('int main(void){return 0;}\n') })),
    file('nested-dir.zip', zipSync({ 'src/hello.c': text('int main(void){return 0;}\n') })),
    folder('unlisted', { ...solution, 'notes.txt': 'hi\n' }),
    folder('too-big', { 'hello.c': `/*${'x'.repeat(300_000)}*/\n` }),
    file('other-lab.json', JSON.stringify({ ...archive, lab: '01-deadlock' })),
    file('old-version.json', JSON.stringify(await createSubmission({ ...bundle.spec, version: 1 }, solution))),
    file('malformed-zip.zip', text('PK\u0003\u0004 this is not a zip')),
    file('malformed-json.json', '{"format": "orbit-lab-submission", '),
  ];
}

describe('hostile submissions, graded by orbit-lab grade --jobs 2', () => {
  const out = path.join(work, 'grades');
  let batch: CliBatch;

  beforeAll(async () => {
    batch = gradeWithCli(LAB, await submissions(), out, 900_000);
  }, 960_000);

  const results = (name: string): GradescopeResults => batch.results(name);

  it('exits 1, since some submissions could not be graded, and says which on stderr', () => {
    expect(batch.status).toBe(1);
    for (const name of Object.keys(REFUSED)) expect(batch.stderr).toContain(`${name} was not graded`);
  });

  it('gives the solution full marks and the starter 2 of 10', () => {
    expect(results('solution')).toMatchObject({ score: 10, max_score: 10 });
    expect(results('starter')).toMatchObject({ score: 2, max_score: 10 });
  });

  it.each(Object.entries(SCORES))('gives %s exactly %i points', (name, score) => {
    expect(results(name).score).toBe(score);
    expect(
      results(name)
        .tests.map((t) => t.score)
        .reduce((a, b) => a + b, 0),
    ).toBe(score);
  });

  it.each(Object.entries(REFUSED))('refuses %s and says why', (name, rule) => {
    const r = results(name);
    expect(r.score).toBe(0);
    expect(r.tests).toEqual([]);
    expect(r.output).toMatch(rule);
  });

  it('finishes every submission within its time bound', () => {
    // The grader's bound: twice the build's timeout, each test's, and 30 s of slack.
    const { spec } = bundle;
    const bound = ((spec.build?.timeoutMs ?? 0) * 2 + spec.tests.reduce((n, t) => n + t.timeoutMs, 0) + 30_000) / 1000;
    for (const name of [...Object.keys(SCORES), 'solution', 'starter']) {
      expect(results(name).execution_time).toBeLessThanOrEqual(bound);
    }
  });

  it('writes grades.csv with a row per submission and a column per test', () => {
    const lines = readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('submission,lab,version,score,max_score,greets-orbit,exits-zero');
    expect(lines).toContain('solution,00-playground,2,10,10,8,2');
    expect(lines).toContain('traversal,00-playground,2,,10,,');
    expect(lines).toHaveLength(1 + readdirSync(path.join(work, 'in')).length);
  });
});

describe('after grading hostile programs in one VM', () => {
  let vm: Vm;

  beforeAll(async () => {
    vm = await openVm();
  });

  afterAll(async () => {
    await vm?.destroy();
  });

  it('leaves no process of the student and no request group behind, and caps the files it wrote', async () => {
    for (const name of ['background', 'fork-bomb', 'huge-file']) {
      const program = readFileSync(path.join(hostileDir, `${name}.c`), 'utf8');
      const report = await gradeSubmission(bundle, { 'hello.c': program }, vm);
      expect(report.score).toBe(SCORES[name]);
    }
    const ps = await vm.exec('ps -o user,pid,args | awk \'NR > 1 && $1 != "root"\'');
    expect(ps.output).toBe('');
    const groups = await vm.exec('find /sys/fs/cgroup/req -mindepth 1 -maxdepth 1 -type d | wc -l');
    expect(groups.output.trim()).toBe('1'); // this command's own group
    const big = await vm.exec(`stat -c %s ${vm.exchangeDir}/lab/${LAB}/big.bin`);
    expect(Number(big.output.trim())).toBeLessThanOrEqual(16 << 20);
  });
});
