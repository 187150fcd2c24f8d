// The orbit-lab CLI, spawned as a user would run it (npm run test:vm).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './build/inputs';

const BIN = path.join(REPO_ROOT, 'bin/orbit-lab.mjs');

/** Runs orbit-lab and returns its status and output. */
function orbitLab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return orbitLabWithInput('', ...args);
}

/** Runs orbit-lab with `input` on stdin. */
function orbitLabWithInput(
  input: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('orbit-lab', () => {
  it.each([0, 1, 7])('exec exits with the guest command status %i', (status) => {
    expect(orbitLab('exec', '--', 'sh', '-c', `exit ${status}`).status).toBe(status);
  });

  it('exec prints the output and copies files both ways', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orbit-lab-'));
    writeFileSync(path.join(dir, 'hello.c'), '#include <stdio.h>\nint main(void){puts("hi from tcc");return 0;}\n');
    const run = orbitLab(
      'exec',
      '--put',
      `${path.join(dir, 'hello.c')}:/tmp/hello.c`,
      '--get',
      `/tmp/out.txt:${path.join(dir, 'out.txt')}`,
      '--user',
      'student',
      '--',
      'sh',
      '-c',
      'tcc -run /tmp/hello.c | tee /tmp/out.txt; uname -r',
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^hi from tcc\n6\.1\.\d+-orbit\n$/);
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe('hi from tcc\n');
  });

  it('exec exits 124 with a message when the command times out', () => {
    const run = orbitLab('exec', '--timeout', '1', '--', 'sleep', '60');
    expect(run.status).toBe(124);
    expect(run.stderr).toMatch(/longer than 1 s/);
  });

  it('shell connects stdin and stdout to the console', () => {
    const run = orbitLabWithInput('uname -r\n', 'shell');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/6\.1\.\d+-orbit/);
  });

  it('exits 2 with the usage on bad arguments', () => {
    for (const args of [['exec', 'uname'], ['exec', '--user', 'nobody', '--', 'id'], ['nonsense']]) {
      const run = orbitLab(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/Usage: orbit-lab/);
    }
  });
});
