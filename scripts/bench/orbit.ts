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
import { parseManifest } from '../../src/vm/manifest';
import { openVm } from '../../src/vm/node';
import { REPO_ROOT, vmDir } from '../../src/vm/node-assets';
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

/**
 * The installed benchmark if the image has it, else a host-built one uploaded to /tmp.
 * ORBIT_BENCH_UPLOAD=1 always uploads, so that one build of the benchmark can time two
 * images (an A/B of kernels).
 */
async function guestBinary(vm: Vm): Promise<{ path: string; source: string }> {
  if (process.env.ORBIT_BENCH_UPLOAD !== '1' && (await vm.exec(`test -x ${INSTALLED}`)).exitCode === 0) {
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

/**
 * The VM for a run whose main holds mainMB of its own heap: the saved state has
 * 80 MB in all (about 65 free), too little for a 64 MB main beside its pools, so
 * the same kernel and initrd boot cold with room for the heap, twice the largest
 * pool (16 MB, copied by main's writes while the orbit holds the old pages) and the
 * usual 80 MB. The kernel's memory map comes from the command line (memmap=), so it
 * is rewritten to match.
 */
async function openVmFor(mainMB: number): Promise<Vm> {
  if (!mainMB) return openVm();
  const file = path.join(vmDir(), 'manifest.json');
  const manifest = parseManifest(await readFile(file, 'utf8'), file);
  const memoryMB = manifest.machine.memoryMB + mainMB + 32;
  const cmdline = manifest.machine.cmdline.replace(/memmap=\d+M@1M/, `memmap=${memoryMB - 1}M@1M`);
  if (cmdline === manifest.machine.cmdline) {
    throw new Error(`bench: the VM's command line has no memmap=NM@1M to enlarge: ${cmdline}`);
  }
  return openVm({
    cold: true,
    readyTimeoutMs: 180_000,
    manifest: { ...manifest, machine: { ...manifest.machine, memoryMB, cmdline } },
  });
}

/**
 * Runs the guest benchmark once and returns its JSON and ratios. guestArgs are
 * orbit_bench's BUDGET_MS and WARMUP_MS; mainMB, when set, is its MAIN_MB, run in a
 * cold-booted VM with the memory for it.
 */
export async function benchOrbit(guestArgs: readonly number[] = [], mainMB = 0): Promise<Record<string, unknown>> {
  const vm = await openVmFor(mainMB);
  try {
    const binary = await guestBinary(vm);
    const clocksource = await switchToTsc(vm);
    const args = mainMB ? [guestArgs[0] ?? 1000, guestArgs[1] ?? 8000, mainMB] : guestArgs;
    const output = await must(vm, [binary.path, ...args].join(' '), TIMEOUT_MS);
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
  if (args.length > 3 || args.some((n) => !Number.isInteger(n) || n < 0)) {
    console.error(
      'usage: tsx scripts/bench/orbit.ts [BUDGET_MS [WARMUP_MS [MAIN_MB]]]  (defaults 1000, 8000 and 0;\n' +
        '       with MAIN_MB, main first fills that much heap, in a cold-booted VM with the memory for it)',
    );
    process.exit(2);
  }
  benchOrbit(args.slice(0, 2), args[2] ?? 0).then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
      // Node did not exit by itself after this report once (a handle left after destroy()); the report is out.
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
