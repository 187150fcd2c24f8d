/**
 * For tests and benches: grade a batch of submissions with `orbit-lab grade
 * --jobs 2` as an instructor would, and read its results.json files.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../vm/node-assets';
import type { GradescopeResults } from './gradescope';

export interface CliBatch {
  status: number | null;
  stderr: string;
  /** The results.json of the submission named `name`. */
  results: (name: string) => GradescopeResults;
}

export function gradeWithCli(lab: string, inputs: string[], out: string, timeoutMs: number): CliBatch {
  const cli = path.join(REPO_ROOT, 'bin/orbit-lab.mjs');
  const r = spawnSync(process.execPath, [cli, 'grade', lab, ...inputs, '--out', out, '--jobs', '2'], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return {
    status: r.status,
    stderr: r.stderr,
    results: (name) => JSON.parse(readFileSync(path.join(out, `${name}.results.json`), 'utf8')) as GradescopeResults,
  };
}
