/**
 * Every program a test runs is declared by a step of npm test
 * (scripts/steps.mjs), so that npm test installs its Debian package on a
 * fresh machine. Found by reading the code: literal program names passed to
 * child_process calls, and the first word of each lab's build command (the
 * host check runs it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESSENTIAL, STEPS } from './steps.mjs';

const ROOT = path.resolve(__dirname, '..');
/** Files that run programs outside npm test: the image build, the bench, the installer. */
const NOT_TESTS: Record<string, string[]> = {
  'src/vm/build/save-state.ts': ['xz'],
  'scripts/bench/orbit.ts': ['gcc'],
  'scripts/bench.ts': ['npm'],
};

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
}

/** [file, program] for each literal program name given to child_process. */
function calls(): [string, string][] {
  const found: [string, string][] = [];
  const call = /\b(?:execFileSync|execFile|spawnSync|spawn)\(\s*'([^']+)'/g;
  for (const file of [...sources('src'), ...sources('scripts'), ...sources('labs')]) {
    for (const m of readFileSync(path.join(ROOT, file), 'utf8').matchAll(call)) {
      if (m[1] && !NOT_TESTS[file]?.includes(m[1])) found.push([file, m[1]]);
    }
  }
  for (const lab of readdirSync(path.join(ROOT, 'labs')).filter((d) => /^\d\d-/.test(d))) {
    const spec = JSON.parse(readFileSync(path.join(ROOT, 'labs', lab, 'lab.json'), 'utf8')) as {
      build?: { command: string };
    };
    const program = spec.build?.command.split(/\s+/)[0];
    if (program) found.push([`labs/${lab}/lab.json`, program]);
  }
  return found;
}

describe('programs the tests run', () => {
  const declared = new Set([...ESSENTIAL, ...STEPS.flatMap((s) => Object.keys(s.programs))]);

  it('finds the calls it checks', () => {
    expect(calls().map(([, p]) => p)).toEqual(expect.arrayContaining(['tcc', 'cc', 'git', 'tar']));
  });

  it('are each declared by a step of npm test', () => {
    const missing = calls()
      .filter(([, program]) => !declared.has(program))
      .map(
        ([file, program]) =>
          `${file} runs "${program}", which no step of npm test declares: add it to that step's programs in scripts/steps.mjs, with the Debian package that provides it`,
      );
    expect(missing).toEqual([]);
  });
});
