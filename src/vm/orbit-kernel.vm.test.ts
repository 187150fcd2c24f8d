// The orbit kernel in the real VM: its selftests, the 10,000-cycle leak check, a
// short seeded fuzz (the long run is `orbit_fuzz SEED 100000` in the guest), and a
// program written against the artifact's API compiled by tcc in the guest.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTap, tapFailure } from '../labs/tap';
import type { Vm } from './index';
import { openVm } from './node';
import { REPO_ROOT } from './node-assets';

const SELFTESTS = '/usr/lib/orbit/selftests';
/** What the kernel log must never show after orbit calls. */
const KERNEL_TROUBLE = /Oops|BUG|WARNING|Kernel panic|Bad rss-counter|bad page/;

describe('the orbit kernel', () => {
  let vm: Vm;
  beforeAll(async () => {
    vm = await openVm();
  });
  afterAll(() => vm?.destroy());

  async function kernelLog(): Promise<string> {
    const log = await vm.exec('dmesg');
    expect(log.exitCode).toBe(0);
    return log.output;
  }

  it('passes every selftest (TAP)', async () => {
    const run = await vm.exec(`${SELFTESTS}/orbit_test`, { timeoutMs: 900_000 });
    const tap = parseTap(run.output);
    expect(tapFailure(tap), run.output.slice(-3000)).toBeUndefined();
    expect(tap.planned).toBeGreaterThanOrEqual(45);
    expect(tap.asserts.length).toBe(tap.planned);
    expect(run).toMatchObject({ exitCode: 0, timedOut: false });
    expect(await kernelLog()).not.toMatch(KERNEL_TROUBLE);
  });

  it('leaks neither memory nor processes over 10,000 create/destroy cycles', async () => {
    // The selftest allows 512 kB of MemFree (after dropping caches) and no extra process.
    const run = await vm.exec(
      `ORBIT_CYCLES=10000 ORBIT_TEST_TIMEOUT=1500 ${SELFTESTS}/orbit_test create_destroy_cycles`,
      { timeoutMs: 1_600_000 },
    );
    const tap = parseTap(run.output);
    expect(tapFailure(tap), run.output.slice(-3000)).toBeUndefined();
    expect(tap.asserts.map((a) => a.description)).toEqual(['create_destroy_cycles']);
    expect(run.output).toContain('# 10000 cycles:');
    expect(run).toMatchObject({ exitCode: 0, timedOut: false });
    expect(await kernelLog()).not.toMatch(KERNEL_TROUBLE);
  }, 1_700_000);

  it('survives a short seeded fuzz of every orbit syscall', async () => {
    const run = await vm.exec(`${SELFTESTS}/orbit_fuzz 20261126 3000`, {
      timeoutMs: 600_000,
    });
    expect(run, run.output.slice(-2000)).toMatchObject({ exitCode: 0, timedOut: false });
    expect(await kernelLog()).not.toMatch(KERNEL_TROUBLE);
    expect((await vm.exec('echo alive')).output).toBe('alive\n');
  });

  it('links a program written for the artifact API with tcc -lorbit', async () => {
    const source = readFileSync(path.join(REPO_ROOT, 'kernel/selftests/orbit/snapshot_demo.c'), 'utf8');
    await vm.writeFile('snapshot_demo.c', source);
    const run = await vm.exec('tcc -o demo snapshot_demo.c -lorbit -lpthread && ./demo', {
      user: 'student',
      timeoutMs: 60_000,
    });
    expect(run, run.output).toMatchObject({ exitCode: 0, timedOut: false });
    expect(run.output).toContain('sum=523776 first=0');
  });
});
