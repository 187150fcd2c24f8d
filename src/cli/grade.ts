/**
 * `orbit-lab grade LAB SUBMISSION... [--out DIR] [--jobs N]`: grades each
 * submission in a fresh VM with the grader core and writes Gradescope's
 * results.json per submission, grades.csv, and a summary table.
 *
 * With --jobs N > 1 the submissions are shared among N worker processes
 * (`orbit-lab grade-worker`, one VM each: v86 runs on its process's thread),
 * fed one path at a time over stdin; each answers one JSON line.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import cliProgress from 'cli-progress';
import {
  gradeSubmission,
  gradescopeFailure,
  gradescopeResults,
  gradesCsv,
  SubmissionRejected,
  type GradeReport,
} from '../grader';
import { loadLab, type LabBundle } from '../labs/load';
import type { Vm } from '../vm';
import { openVm } from '../vm/node';
import { REPO_ROOT } from '../vm/node-assets';
import { UsageError, type Invocation } from './args';
import { loadSubmission, submissionName } from './submissions';

type GradeInvocation = Extract<Invocation, { kind: 'grade' }>;

/** What grading one submission gave: a report, or why there is none. */
export interface Graded {
  file: string;
  name: string;
  report?: GradeReport;
  error?: string;
}

/** Finds lab LAB: a folder holding lab.json, or an id under $ORBIT_LABS_DIR or labs/. */
export function findLab(lab: string): LabBundle {
  try {
    if (existsSync(path.join(lab, 'lab.json'))) {
      const dir = path.resolve(lab);
      return loadLab(path.dirname(dir), path.basename(dir));
    }
    return loadLab(process.env.ORBIT_LABS_DIR ?? path.join(REPO_ROOT, 'labs'), lab);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Grades one submission file in `vm`, reset to its saved state first. */
async function gradeFile(vm: Vm, bundle: LabBundle, file: string): Promise<Graded> {
  const name = submissionName(file);
  try {
    const { files } = await loadSubmission(file, bundle.spec);
    return { file, name, report: await gradeSubmission(bundle, files, vm, { fresh: true }) };
  } catch (error) {
    if (error instanceof SubmissionRejected) return { file, name, error: error.message };
    throw error;
  }
}

/**
 * Grades files one after another in one VM. A VM that fails under the grader
 * is replaced and the submission tried once more; a second failure is reported.
 */
export async function gradeSequentially(
  bundle: LabBundle,
  files: readonly string[],
  onGraded: (graded: Graded) => void,
): Promise<void> {
  let vm: Vm | null = null;
  try {
    for (const file of files) {
      let graded: Graded | undefined;
      for (let attempt = 1; !graded; attempt++) {
        try {
          vm ??= await openVm();
          graded = await gradeFile(vm, bundle, file);
        } catch (error) {
          await vm?.destroy();
          vm = null;
          if (attempt === 2)
            graded = { file, name: submissionName(file), error: `the grader failed: ${(error as Error).message}` };
        }
      }
      onGraded(graded);
    }
  } finally {
    await vm?.destroy();
  }
}

/** `orbit-lab grade-worker LAB`: grades the paths it reads on stdin, one JSON line each. */
export async function runGradeWorker(lab: string): Promise<number> {
  const bundle = findLab(lab);
  const lines = createInterface({ input: process.stdin });
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  lines.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  lines.on('close', () => {
    closed = true;
    wake?.();
  });
  const next = async (): Promise<string | undefined> => {
    while (queue.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift();
  };
  for (let file = await next(); file !== undefined; file = await next()) {
    await gradeSequentially(bundle, [file], (graded) => process.stdout.write(`${JSON.stringify(graded)}\n`));
  }
  return 0;
}

/** Grades `files` in `jobs` worker processes, feeding each the next file when it answers. */
function gradeInWorkers(
  lab: string,
  files: readonly string[],
  jobs: number,
  onGraded: (g: Graded) => void,
): Promise<void> {
  const pending = [...files];
  const worker = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', 'grade-worker', lab], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const feed = () => {
        const file = pending.shift();
        if (file === undefined) child.stdin.end();
        else child.stdin.write(`${file}\n`);
      };
      createInterface({ input: child.stdout }).on('line', (line) => {
        onGraded(JSON.parse(line) as Graded);
        feed();
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`a grading worker exited with status ${code}`)),
      );
      feed();
    });
  return Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker)).then(() => undefined);
}

/** A results.json name per submission, unique within one run. */
function uniqueNames(graded: readonly Graded[]): Map<Graded, string> {
  const seen = new Map<string, number>();
  return new Map(
    graded.map((g) => {
      const n = (seen.get(g.name) ?? 0) + 1;
      seen.set(g.name, n);
      return [g, n === 1 ? g.name : `${g.name}-${n}`];
    }),
  );
}

/** The summary table printed at the end. */
function summaryTable(bundle: LabBundle, graded: readonly Graded[], names: Map<Graded, string>): string {
  const max = bundle.spec.tests.reduce((sum, t) => sum + t.points, 0);
  const rows = graded.map((g) => [
    names.get(g) ?? g.name,
    g.report ? `${g.report.score}/${max}` : 'not graded',
    g.report
      ? g.report.tests.map((t) => (t.status === 'passed' ? '.' : t.status[0]?.toUpperCase())).join('')
      : (g.error ?? ''),
  ]);
  const width = Math.max(10, ...rows.map((r) => r[0]?.length ?? 0));
  const lines = rows.map(([n, score, detail]) => `${(n ?? '').padEnd(width)}  ${(score ?? '').padEnd(10)}  ${detail}`);
  return [
    `${'submission'.padEnd(width)}  ${'score'.padEnd(10)}  tests (. passed, F failed, T timeout, C crashed, E error)`,
    ...lines,
  ].join('\n');
}

/** Runs `orbit-lab grade`; returns its exit status. */
export async function runGrade(inv: GradeInvocation): Promise<number> {
  const bundle = findLab(inv.lab);
  const labArg = existsSync(path.join(inv.lab, 'lab.json')) ? path.resolve(inv.lab) : inv.lab;
  const max = bundle.spec.tests.reduce((sum, t) => sum + t.points, 0);
  await mkdir(inv.out, { recursive: true });
  const graded: Graded[] = [];
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'grading [{bar}] {value}/{total} {name}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(inv.submissions.length, 0, { name: '' });
  const onGraded = (g: Graded) => {
    graded.push(g);
    if (bar) bar.increment({ name: g.name });
    else
      process.stderr.write(
        `graded ${graded.length}/${inv.submissions.length}: ${g.name}: ${g.report ? `${g.report.score}/${max}` : 'not graded'}\n`,
      );
    if (g.error) process.stderr.write(`${bar ? '\n' : ''}orbit-lab: ${g.name} was not graded: ${g.error}\n`);
  };
  const files = inv.submissions.map((s) => path.resolve(s));
  if (inv.jobs > 1 && files.length > 1) await gradeInWorkers(labArg, files, inv.jobs, onGraded);
  else await gradeSequentially(bundle, files, onGraded);
  bar?.stop();
  // Report in the order the submissions were given, whatever order the workers finished in.
  graded.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
  const names = uniqueNames(graded);
  for (const g of graded) {
    const results = g.report ? gradescopeResults(g.report) : gradescopeFailure(max, g.error ?? 'unknown');
    await writeFile(path.join(inv.out, `${names.get(g)}.results.json`), `${JSON.stringify(results, null, 2)}\n`);
  }
  const rows = graded.map((g) => ({ submission: names.get(g) ?? g.name, report: g.report, maxScore: max }));
  await writeFile(path.join(inv.out, 'grades.csv'), gradesCsv({ ...bundle.spec, tests: bundle.spec.tests }, rows));
  process.stdout.write(
    `${summaryTable(bundle, graded, names)}\nwrote ${inv.out}/grades.csv and ${graded.length} results.json\n`,
  );
  return graded.every((g) => g.report) ? 0 : 1;
}

/**
 * `orbit-lab autograde LAB DIR RESULTS` (run_autograder of the Gradescope
 * zip): grades the upload in DIR (the lab's files, or one Download archive)
 * and writes RESULTS in Gradescope's format, also when it cannot be graded.
 */
export async function runAutograde(inv: Extract<Invocation, { kind: 'autograde' }>): Promise<number> {
  const bundle = findLab(inv.lab);
  const max = bundle.spec.tests.reduce((sum, t) => sum + t.points, 0);
  const entries = await readdir(inv.submission).catch(() => [] as string[]);
  const archives = entries.filter((f) => f.endsWith('.json') && !bundle.spec.files.includes(f));
  const file = archives.length === 1 && archives[0] ? path.join(inv.submission, archives[0]) : inv.submission;
  let graded: Graded | undefined;
  await gradeSequentially(bundle, [file], (g) => (graded = g));
  const results = graded?.report
    ? gradescopeResults(graded.report)
    : gradescopeFailure(max, graded?.error ?? 'unknown');
  await writeFile(inv.results, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${results.output}\n`);
  return 0;
}
