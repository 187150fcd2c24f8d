/**
 * Lab 2 on the host, where there are no orbit system calls: the given
 * code (the store, the checker, the thread and process modes) and the
 * starter compile cleanly, the reference answers match the digest the
 * VM checks use, and the thread and process cells behave as the lab says.
 * The orbit mode is checked in the VM (src/labs/labs.vm.test.ts).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const starter = path.join(__dirname, 'starter');
const exe = path.join(mkdtempSync(path.join(tmpdir(), 'lab2-')), 'kvstore');
const sources = ['kv.c', 'aux.c', 'modes.c', 'cgroup.c', 'orbit_mode.c'].map((f) => path.join(starter, f));

/** Runs ./kvstore ARGS; the answers' digest is computed as tests/lib.sh does. */
function kvstore(...args: string[]) {
  const r = spawnSync(exe, args, { encoding: 'utf8', timeout: 30_000 });
  const answers = r.stdout.split('\n').filter((l) => l.startsWith('a '));
  const pairs = answers.map((l) => l.split(' ').slice(1, 3).join(' ') + '\n').join('');
  return {
    status: r.status,
    signal: r.signal,
    answered: answers.length,
    digest: createHash('md5').update(pairs).digest('hex'),
    result: r.stdout.split('\n').find((l) => l.startsWith('result ')),
  };
}

const refDigest = /^REF_DIGEST=([0-9a-f]{32})$/m.exec(readFileSync(path.join(__dirname, 'tests/lib.sh'), 'utf8'))?.[1];

describe('lab 2 on the host', { timeout: 30_000 }, () => {
  beforeAll(() => {
    // gcc on a busy machine can take several seconds
    const cc = spawnSync(
      'cc',
      [
        '-std=gnu11',
        '-Wall',
        '-Wextra',
        '-Werror',
        '-I',
        path.join(__dirname, '../../kernel/liborbit'),
        '-o',
        exe,
        ...sources,
        '-pthread',
      ],
      { encoding: 'utf8' },
    );
    expect(cc.stderr).toBe('');
    expect(cc.status).toBe(0);
  }, 60_000);

  it('the reference answers are the ones tests/lib.sh expects', () => {
    const ref = kvstore('ref');
    expect(ref.status).toBe(0);
    expect(ref.answered).toBe(200);
    expect(ref.digest).toBe(refDigest);
  });

  it('a NULL dereference in the checker thread kills main part way', () => {
    const r = kvstore('thread', 'null');
    expect(r.signal).toBe('SIGSEGV');
    expect(r.answered).toBeGreaterThan(0);
    expect(r.answered).toBeLessThan(200);
  });

  it('a wild write from the checker thread changes main answers', () => {
    const r = kvstore('thread', 'wild');
    expect(r.status).toBe(0);
    expect(r.answered).toBe(200);
    expect(r.digest).not.toBe(refDigest);
    expect(r.result).toContain('"intact":"no"');
  });

  it('the same faults in a forked process leave main intact', () => {
    for (const fault of ['null', 'wild', 'exit']) {
      const r = kvstore('process', fault);
      expect(r.status, fault).toBe(0);
      expect(r.digest, fault).toBe(refDigest);
      expect(r.result, fault).toContain('"aux":"useful"');
    }
  });

  it('the starter leaves the orbit mode to the student', () => {
    const r = kvstore('orbit', 'none');
    expect(r.status).toBe(1);
    expect(r.answered).toBe(0);
  });
});
