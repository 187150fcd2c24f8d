// VM benchmarks: `tsx scripts/bench/vm.ts` prints JSON; scripts/bench.ts can
// import benchVm. Each timing is the median of several runs, in milliseconds.
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Vm } from '../../src/vm/index';
import { openVm } from '../../src/vm/node';
import { fileAssets, vmDir } from '../../src/vm/node-assets';

const HELLO = '#include <stdio.h>\nint main(void) { printf("hello\\n"); return 0; }\n';

/** Median of `values`. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median wall time and median CPU time of this process, in ms (0.1 ms steps). */
interface Timing {
  wallMs: number;
  /** CPU time used by this process (v86 runs on its main thread): what the wall time
   * would be on an idle machine, when the wall time is inflated by other load. */
  cpuMs: number;
}

/** Runs `fn` `runs` times and returns the median wall and CPU durations. */
async function timeIt(runs: number, fn: () => Promise<void>): Promise<Timing> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { wallMs: round(median(wall)), cpuMs: round(median(cpu)) };
}

/** Runs a command and fails the benchmark if it does not succeed. */
async function ok(vm: Vm, command: string, expected?: string): Promise<void> {
  const result = await vm.exec(command);
  if (result.exitCode !== 0 || (expected !== undefined && result.output !== expected)) {
    throw new Error(`bench: "${command}" gave ${result.exitCode}: ${result.output}`);
  }
}

/** Raw and brotli sizes of every file in the image directory (static/vm/). */
async function sizes(): Promise<{ rawBytes: number; brotliBytes: number; files: Record<string, [number, number]> }> {
  const files: Record<string, [number, number]> = {};
  let rawBytes = 0;
  let brotliBytes = 0;
  for (const name of (await readdir(vmDir())).sort()) {
    const bytes = await readFile(path.join(vmDir(), name));
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    files[name] = [bytes.length, br];
    rawBytes += bytes.length;
    brotliBytes += br;
  }
  return { rawBytes, brotliBytes, files };
}

/** Measures the VM; see the goals in issue 3. */
export async function benchVm(): Promise<Record<string, unknown>> {
  const assets = fileAssets();
  const coldBoot = await timeIt(3, async () => {
    const vm = await openVm({ cold: true, assets });
    await vm.destroy();
  });
  // With the unpacked state in the disk cache (every restore after the first one), and
  // without it (a fresh clone's first restore: read and unpack the xz state).
  const restore = (from: typeof assets) => async () => {
    const vm = await openVm({ assets: from });
    await ok(vm, 'true');
    await vm.destroy();
  };
  await restore(assets)();
  const restoreToFirstCommand = await timeIt(5, restore(assets));
  const restoreUnpackingToFirstCommand = await timeIt(3, restore(fileAssets(undefined, { cache: false })));
  const vm = await openVm({ assets });
  try {
    await vm.writeFile('hello.c', HELLO);
    const execTrue = await timeIt(20, () => ok(vm, 'true'));
    const tccHello = await timeIt(10, () => ok(vm, 'tcc -o /tmp/hello hello.c && /tmp/hello', 'hello\n'));
    return {
      loadAverage: os.loadavg()[0],
      coldBoot,
      restoreToFirstCommand,
      restoreUnpackingToFirstCommand,
      execTrue,
      tccHello,
      goalsMs: { restoreToFirstCommand: 250, coldBoot: 1500, tccHello: 400 },
      staticVm: await sizes(),
    };
  } finally {
    await vm.destroy();
  }
}

if (process.argv[1]?.endsWith('bench/vm.ts')) {
  benchVm().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
