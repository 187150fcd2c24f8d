import { describe, expect, it } from 'vitest';
import { formatOrbitTable, parseOrbitBench, summarizeOrbitBench, type OrbitBench } from './orbit-report';

/** A made-up orbit_bench report: two pool sizes, every variant, both baselines. */
function sample(forkAt1MbDirty: number): OrbitBench {
  const r = (op: string, bytes: number, dirty: boolean, median: number, min: number) => ({
    op,
    bytes,
    dirty,
    iterations: 10,
    median_us: median,
    min_us: min,
  });
  return parseOrbitBench(
    JSON.stringify({
      benchmark: 'orbit_bench',
      unit: 'us',
      clocksource: 'tsc',
      page_size: 4096,
      budget_ms: 1000,
      warmup_ms: 8000,
      elapsed_s: 50,
      results: [
        r('pthread_handoff', 0, false, 40, 30),
        r('pipe_roundtrip', 0, false, 60, 50),
        r('orbit_call', 4096, false, 100, 90),
        r('orbit_call', 4096, true, 110, 100),
        r('orbit_call_async', 4096, false, 120, 100),
        r('orbit_call_async', 4096, true, 130, 110),
        r('fork_wait', 4096, false, 1000, 900),
        r('fork_wait', 4096, true, 1100, 1000),
        r('orbit_call', 1 << 20, false, 100, 90),
        r('orbit_call', 1 << 20, true, 365, 300),
        r('orbit_call_async', 1 << 20, false, 120, 100),
        r('orbit_call_async', 1 << 20, true, 400, 350),
        r('fork_wait', 1 << 20, false, 1500, 1200),
        r('fork_wait', 1 << 20, true, forkAt1MbDirty, 1500),
      ],
    }),
  );
}

describe('the orbit benchmark report', () => {
  it('finds the JSON after the progress lines of the guest output', () => {
    const json = JSON.stringify(sample(2000));
    const bench = parseOrbitBench(`# warming up\n# orbit_call 4096 B clean ...\n${json}\n`);
    expect(bench.results).toHaveLength(14);
  });

  it('rejects output without a report, or with a malformed one, saying why', () => {
    expect(() => parseOrbitBench('orbit_bench: orbit_call: No such process\n')).toThrow(/printed no JSON report/);
    expect(() => parseOrbitBench('{"benchmark":"orbit_bench","unit":"ms"}')).toThrow(/does not match the schema/);
  });

  it('puts fork+wait next to the orbit call of the same size and variant', () => {
    const { rows } = summarizeOrbitBench(sample(2000));
    expect(rows.map((r) => [r.bytes, r.dirty])).toEqual([
      [4096, false],
      [4096, true],
      [1 << 20, false],
      [1 << 20, true],
    ]);
    expect(rows[3]).toEqual({
      bytes: 1 << 20,
      pages: 256,
      dirty: true,
      syncUs: 365,
      asyncUs: 400,
      forkUs: 2000,
      forkOverSync: 5.48,
      forkOverSyncMin: 5,
      syncUsPerPage: 1.426,
    });
  });

  it('reports the baselines and the cost of each extra page', () => {
    const summary = summarizeOrbitBench(sample(2000));
    expect(summary.baselines).toEqual({ pthreadHandoffUs: 40, pipeRoundtripUs: 60 });
    // (365 - 110) us over 255 extra pages when dirty; nothing extra when clean.
    expect(summary.syncUsPerExtraPage).toEqual({ clean: 0, dirty: 1 });
  });

  it('states whether the run met the 10x goal at 1 MB dirty, as a fact', () => {
    expect(summarizeOrbitBench(sample(2000)).goal).toMatchObject({ forkOverSync: 5.48, met: false });
    expect(summarizeOrbitBench(sample(3650)).goal).toMatchObject({ forkOverSync: 10, met: true });
    const without1Mb = sample(2000);
    without1Mb.results = without1Mb.results.filter((r) => r.bytes !== 1 << 20);
    expect(summarizeOrbitBench(without1Mb).goal).toMatchObject({ forkOverSync: null, met: null });
  });

  it('prints one table line per row, then the baselines and the goal', () => {
    const bench = sample(2000);
    const lines = formatOrbitTable(bench, summarizeOrbitBench(bench)).split('\n');
    expect(lines).toHaveLength(1 + 1 + 4 + 5);
    expect(lines[5]).toMatch(/^\s*1 MB\s+256\s+dirty\s+365\.0\s+400\.0\s+2000\.0\s+5\.48x\s+5\.00x\s+1\.426$/);
    expect(lines[6]).toBe("rows where fork+wait beat the sync call (issue 15's goal: none): none");
    expect(lines[9]).toContain('not met in this run (fork/sync 5.48x)');
    expect(lines[10]).toBe(
      'goal: with nothing dirty, a sync orbit_call on 1 MB against 4 KB at most 2x as long (issue 15): met in this run (1x)',
    );
  });

  it("states whether a clean call's cost stayed within 2x of the smallest pool's, as a fact", () => {
    const bench = sample(2000);
    const clean1Mb = bench.results.find((r) => r.op === 'orbit_call' && r.bytes === 1 << 20 && !r.dirty);
    if (!clean1Mb) throw new Error('sample has no clean 1 MB call');
    clean1Mb.median_us = 250;
    expect(summarizeOrbitBench(bench).cleanGoal).toMatchObject({ largestOverSmallest: 2.5, met: false });
    clean1Mb.median_us = 200;
    expect(summarizeOrbitBench(bench).cleanGoal).toMatchObject({ largestOverSmallest: 2, met: true });
    bench.results = bench.results.filter((r) => r.bytes !== 1 << 20);
    expect(summarizeOrbitBench(bench).cleanGoal).toMatchObject({ largestOverSmallest: null, met: null });
  });

  it('names the rows where fork+wait beat the call', () => {
    const bench = sample(300);
    expect(summarizeOrbitBench(bench).slowerThanFork).toEqual(['1 MB dirty']);
  });

  it("reports main's write per page after nothing, a call and a fork, and the size of main's own heap", () => {
    const bench = sample(2000);
    const w = (after: string, median: number) => ({
      op: 'main_write',
      bytes: 1 << 20,
      dirty: false,
      after,
      iterations: 10,
      median_us: median,
      min_us: median,
    });
    const withWrites = parseOrbitBench(
      JSON.stringify({
        ...bench,
        main_mb: 64,
        results: [...bench.results, w('clean', 256), w('after_call', 2560), w('after_fork', 1280)],
      }),
    );
    const summary = summarizeOrbitBench(withWrites);
    expect(summary.mainMB).toBe(64);
    expect(summary.mainWrite).toEqual([
      { bytes: 1 << 20, pages: 256, plainUsPerPage: 1, afterCallUsPerPage: 10, afterForkUsPerPage: 5 },
    ]);
    expect(summary.goal.text).toContain('with a 64 MB main');
    const table = formatOrbitTable(withWrites, summary);
    expect(table).toContain('main holds 64 MB of its own heap');
    expect(table).toContain(
      "main's write to each page of 1 MB: 1 us/page plain, 10 after a call (copy-on-write), 5 after fork+wait",
    );
    // A report from before issue 15 has no main_mb: its main held no heap of its own.
    expect(summarizeOrbitBench(bench).mainMB).toBe(0);
  });
});
