// The orbit microbenchmark: runs kernel/selftests/orbit/orbit_bench in a
// restored VM and reports its latencies with the ratios of orbit-report.ts.
// `tsx scripts/bench/orbit.ts [BUDGET_MS [WARMUP_MS]]` (passed to the guest
// program) prints JSON on stdout and the table on stderr; scripts/bench.ts
// imports benchOrbit. Never pass/fail.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Vm } from '../../src/vm/index';
import { openVm } from '../../src/vm/node';
import { REPO_ROOT } from '../../src/vm/node-assets';
import { formatOrbitTable, parseOrbitBench, summarizeOrbitBench } from './orbit-report';

const INSTALLED = '/usr/lib/orbit/selftests/orbit_bench';
const UPLOADED = '/tmp/orbit_bench';
const CLOCKSOURCE = '/sys/devices/system/clocksource/clocksource0';
/** The guest program aims at about a minute in v86; a loaded host takes longer. */
const TIMEOUT_MS = 600_000;

/** Runs a guest command that must succeed and returns its output. */
async function must(vm: Vm, command: string, timeoutMs?: number): Promise<string> {
  const result = await vm.exec(command, { timeoutMs });
  if (result.exitCode !== 0) {
    throw new Error(`bench: "${command}" exited with ${result.exitCode}:\n${result.output.slice(-3000)}`);
  }
  return result.output;
}

/** orbit_bench built on the host the way kernel/scripts/liborbit.sh builds it, but static. */
async function buildOnHost(): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orbit-bench-'));
  const kernel = path.join(REPO_ROOT, 'kernel');
  const out = path.join(dir, 'orbit_bench');
  const sources = ['selftests/orbit/orbit_bench.c', 'liborbit/orbit.c', 'liborbit/alloc.c', 'liborbit/scratch.c'];
  try {
    const gcc = spawnSync(
      'gcc',
      [
        ...['-m32', '-O2', '-std=gnu99', '-Wall', '-Wextra', '-Werror', '-static', '-s'],
        ...[`-I${kernel}/liborbit`, `-I${kernel}/liborbit/uapi`, '-o', out],
        ...sources.map((s) => path.join(kernel, s)),
        '-lpthread',
      ],
      { encoding: 'utf8' },
    );
    if (gcc.status !== 0) {
      const why = gcc.error?.message ?? gcc.stderr;
      throw new Error(`building orbit_bench with gcc -m32 failed (Debian: apt-get install gcc-multilib): ${why}`);
    }
    return new Uint8Array(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The installed benchmark if the image has it, else a host-built one uploaded to /tmp. */
async function guestBinary(vm: Vm): Promise<{ path: string; source: string }> {
  if ((await vm.exec(`test -x ${INSTALLED}`)).exitCode === 0) {
    return { path: INSTALLED, source: 'installed in the image' };
  }
  await vm.writeFile(UPLOADED, await buildOnHost());
  await must(vm, `chmod +x ${UPLOADED}`);
  return { path: UPLOADED, source: 'built on the host from the working tree and uploaded (not in the image)' };
}

/**
 * Switches the guest to the TSC clock. After a restore the kernel's watchdog
 * sees the TSC jump and falls back to the PIT, whose readings cost ~15 us in
 * v86 and can stall (zero-length samples); a cold boot keeps the TSC.
 */
async function switchToTsc(vm: Vm): Promise<{ before: string; used: string }> {
  const before = (await must(vm, `cat ${CLOCKSOURCE}/current_clocksource`)).trim();
  const available = await must(vm, `cat ${CLOCKSOURCE}/available_clocksource`);
  if (before !== 'tsc' && available.split(/\s+/).includes('tsc')) {
    await must(vm, `echo tsc > ${CLOCKSOURCE}/current_clocksource`);
  }
  return { before, used: (await must(vm, `cat ${CLOCKSOURCE}/current_clocksource`)).trim() };
}

/** Runs the guest benchmark once (with orbit_bench's optional arguments) and returns its JSON and ratios. */
export async function benchOrbit(guestArgs: readonly number[] = []): Promise<Record<string, unknown>> {
  const vm = await openVm();
  try {
    const binary = await guestBinary(vm);
    const clocksource = await switchToTsc(vm);
    const output = await must(vm, [binary.path, ...guestArgs].join(' '), TIMEOUT_MS);
    const guest = parseOrbitBench(output);
    const summary = summarizeOrbitBench(guest);
    console.error(formatOrbitTable(guest, summary));
    return { loadAverage: os.loadavg()[0], binary, clocksource, ...summary, guest };
  } finally {
    await vm.destroy();
  }
}

if (process.argv[1]?.endsWith('bench/orbit.ts')) {
  const args = process.argv.slice(2).map(Number);
  if (args.length > 2 || args.some((n) => !Number.isInteger(n) || n < 0)) {
    console.error('usage: tsx scripts/bench/orbit.ts [BUDGET_MS [WARMUP_MS]]  (defaults 1000 and 8000)');
    process.exit(2);
  }
  benchOrbit(args).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
