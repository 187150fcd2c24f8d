/**
 * `orbit-lab grade` and `orbit-lab autograder` as an instructor runs them:
 * the solution's Download archive earns 10/10 and the starter 2/10, with
 * Gradescope results and a CSV; and the Gradescope zip, unpacked into a
 * directory laid out like /autograder/, grades a solution and a starter.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadLab, loadSolution } from '../labs/load';
import { createSubmission } from '../labs/submission';
import { REPO_ROOT } from '../vm/node-assets';
import type { GradescopeResults } from './gradescope';

const BIN = path.join(REPO_ROOT, 'bin/orbit-lab.mjs');
const labsDir = path.join(REPO_ROOT, 'labs');
const bundle = loadLab(labsDir, '00-playground');
const solution = loadSolution(labsDir, bundle.spec);

function orbitLab(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });
}

describe('orbit-lab grade', () => {
  it('gives a Download archive of the solution 10/10 and the starter 2/10, with results.json and grades.csv', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orbit-grade-'));
    const archive = path.join(dir, 'alice.json');
    writeFileSync(archive, JSON.stringify(await createSubmission(bundle.spec, solution)));
    mkdirSync(path.join(dir, 'bob'));
    writeFileSync(path.join(dir, 'bob', 'hello.c'), bundle.starter['hello.c'] ?? '');
    const out = path.join(dir, 'grades');
    const run = orbitLab('grade', '00-playground', archive, path.join(dir, 'bob'), '--out', out, '--jobs', '1');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/alice\s+10\/10/);
    expect(run.stdout).toMatch(/bob\s+2\/10/);
    const alice = JSON.parse(readFileSync(path.join(out, 'alice.results.json'), 'utf8')) as GradescopeResults;
    expect(alice).toMatchObject({ score: 10, max_score: 10 });
    expect(alice.tests.map((t) => [t.name, t.number, t.score, t.max_score, t.status, t.visibility])).toEqual([
      ['prints the greeting for the orbit', '1', 8, 8, 'passed', 'visible'],
      ['exits with status 0', '2', 2, 2, 'passed', 'visible'],
    ]);
    const bob = JSON.parse(readFileSync(path.join(out, 'bob.results.json'), 'utf8')) as GradescopeResults;
    expect(bob.tests[0]).toMatchObject({ score: 0, status: 'failed' });
    expect(bob.tests[0]?.output).toContain('Hello, world!');
    expect(readFileSync(path.join(out, 'grades.csv'), 'utf8')).toBe(
      'submission,lab,version,score,max_score,greets-orbit,exits-zero\r\n' +
        'alice,00-playground,2,10,10,8,2\r\n' +
        'bob,00-playground,2,2,10,0,2\r\n',
    );
  });

  it('exits 2 without a stack trace for a lab that does not exist or missing arguments', () => {
    for (const args of [
      ['grade', 'no-such-lab', 'x.json'],
      ['grade'],
      ['grade', '00-playground', '--jobs', '0', 'x'],
    ]) {
      const run = orbitLab(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^orbit-lab: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('orbit-lab autograder', () => {
  it('writes a Gradescope zip whose run_autograder grades an upload into results.json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orbit-autograder-'));
    const zip = path.join(dir, 'autograder.zip');
    const made = orbitLab('autograder', '00-playground', '--out', zip);
    expect(made.status, made.stderr).toBe(0);
    const root = path.join(dir, 'autograder');
    const entries = unzipSync(readFileSync(zip));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['setup.sh', 'run_autograder', 'orbit-grader.mjs']));
    expect(Object.keys(entries).some((name) => name.includes('solution'))).toBe(false);
    for (const [name, bytes] of Object.entries(entries)) {
      mkdirSync(path.dirname(path.join(root, 'source', name)), { recursive: true });
      writeFileSync(path.join(root, 'source', name), bytes);
    }
    for (const [who, text, score] of [
      ['solution', solution['hello.c'] ?? '', 10],
      ['starter', bundle.starter['hello.c'] ?? '', 2],
    ] as const) {
      mkdirSync(path.join(root, 'submission'), { recursive: true });
      writeFileSync(path.join(root, 'submission', 'hello.c'), text);
      // Gradescope copies run_autograder to /autograder/ and runs it there.
      const run = spawnSync('bash', [path.join(root, 'source', 'run_autograder')], {
        env: { ...process.env, ORBIT_AUTOGRADER_ROOT: root },
        encoding: 'utf8',
        timeout: 300_000,
      });
      expect(run.status, `${who}: ${run.stderr}`).toBe(0);
      const results = JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as GradescopeResults;
      expect(results.score, who).toBe(score);
      expect(results.max_score).toBe(10);
    }
  });
});
