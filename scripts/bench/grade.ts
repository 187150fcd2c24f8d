/**
 * The grader's speed, for each lab with tests: one submission (the
 * solution) graded with the full suite in one VM, and a batch of 20 copies
 * graded by `orbit-lab grade --jobs 2` as an instructor would, with the
 * submissions per minute it reached. Goals (issue 11): at most 10 s per
 * submission, 100 submissions in at most 10 minutes. Never pass/fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gradeSubmission } from '../../src/grader';
import { labIds, loadLab, loadSolution } from '../../src/labs/load';
import { openVm } from '../../src/vm/node';
import { REPO_ROOT } from '../../src/vm/node-assets';

const BATCH = 20;
const labsDir = path.join(REPO_ROOT, 'labs');

/** Seconds to grade `lab`'s solution once, in a VM already restored, and where they went. */
async function gradeOnce(id: string): Promise<Record<string, unknown>> {
  const bundle = loadLab(labsDir, id);
  const vm = await openVm();
  const s = (ms: number) => Math.round(ms / 100) / 10;
  try {
    const t0 = Date.now();
    const report = await gradeSubmission(bundle, loadSolution(labsDir, bundle.spec), vm);
    const seconds = (Date.now() - t0) / 1000;
    const testMs = report.tests.reduce((n, t) => n + t.durationMs, 0);
    return {
      seconds,
      score: `${report.score}/${report.maxScore}`,
      buildSeconds: s(report.build.durationMs),
      testSeconds: Object.fromEntries(report.tests.map((t) => [t.id, s(t.durationMs)])),
      otherSeconds: s(seconds * 1000 - report.build.durationMs - testMs),
    };
  } finally {
    await vm.destroy();
  }
}

/** Seconds for `orbit-lab grade --jobs 2` on BATCH copies of the solution. */
function gradeBatch(id: string): { seconds: number; perMinute: number; status: number | null } {
  const bundle = loadLab(labsDir, id);
  const dir = mkdtempSync(path.join(tmpdir(), `bench-grade-${id}-`));
  const folders = Array.from({ length: BATCH }, (_, i) => {
    const folder = path.join(dir, `s${String(i).padStart(2, '0')}`);
    mkdirSync(folder);
    for (const [f, text] of Object.entries(loadSolution(labsDir, bundle.spec)))
      writeFileSync(path.join(folder, f), text);
    return folder;
  });
  const t0 = Date.now();
  const run = spawnSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'bin/orbit-lab.mjs'),
      'grade',
      id,
      ...folders,
      '--out',
      path.join(dir, 'grades'),
      '--jobs',
      '2',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const seconds = (Date.now() - t0) / 1000;
  return { seconds, perMinute: Math.round((BATCH / seconds) * 600) / 10, status: run.status };
}

/** Every lab with tests, or only `only` when given. */
export async function benchGrade(only: string[] = [], batch = true): Promise<Record<string, unknown>> {
  const labs: Record<string, unknown> = {};
  const graded = labIds(labsDir).filter((l) => loadLab(labsDir, l).spec.tests.length > 0);
  for (const id of only.length > 0 ? only : graded) {
    labs[id] = { one: await gradeOnce(id), ...(batch ? { [`batchOf${BATCH}Jobs2`]: gradeBatch(id) } : {}) };
  }
  return { goals: { secondsPerSubmission: 10, submissionsPer10Minutes: 100 }, loadAverage: loadavg(), labs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // npx tsx scripts/bench/grade.ts [--no-batch] [LAB...]: the grader's bench alone, for some labs.
  const args = process.argv.slice(2);
  benchGrade(
    args.filter((a) => a !== '--no-batch'),
    !args.includes('--no-batch'),
  ).then((r) => console.log(JSON.stringify(r, null, 2)));
}
