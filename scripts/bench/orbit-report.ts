/**
 * The orbit microbenchmark's numbers: parses what the guest program
 * kernel/selftests/orbit/orbit_bench prints and derives the ratios that
 * `npm run bench` reports. Pure functions, no VM; every ratio comes from
 * one run, so machine speed and load cancel out as far as they can.
 */
import * as z from 'zod';

const OPS = ['orbit_call', 'orbit_call_async', 'fork_wait', 'pthread_handoff', 'pipe_roundtrip', 'main_write'] as const;

const resultSchema = z.object({
  op: z.enum(OPS),
  bytes: z.number().int().nonnegative(),
  dirty: z.boolean(),
  /** main_write only: what came right before main's timed write to every page. */
  after: z.enum(['clean', 'after_call', 'after_fork']).optional(),
  iterations: z.number().int().positive(),
  median_us: z.number().nonnegative(),
  min_us: z.number().nonnegative(),
});

/** What orbit_bench prints on stdout. */
export const orbitBenchSchema = z.object({
  benchmark: z.literal('orbit_bench'),
  unit: z.literal('us'),
  clocksource: z.string(),
  page_size: z.number().int().positive(),
  budget_ms: z.number().positive(),
  warmup_ms: z.number().nonnegative(),
  /** Main's own heap besides the pools, in MB (reports before issue 15 have none). */
  main_mb: z.number().int().nonnegative().default(0),
  elapsed_s: z.number().nonnegative(),
  results: z.array(resultSchema).min(1),
});

export type OrbitBench = z.infer<typeof orbitBenchSchema>;
type Op = (typeof OPS)[number];

/** The JSON object in the guest's output, which also holds the progress lines (stderr) before it. */
export function parseOrbitBench(output: string): OrbitBench {
  const start = output.indexOf('{"benchmark"');
  if (start < 0) throw new Error(`orbit_bench printed no JSON report; its output ends with:\n${output.slice(-2000)}`);
  const parsed = orbitBenchSchema.safeParse(JSON.parse(output.slice(start)));
  if (!parsed.success) throw new Error(`orbit_bench's report does not match the schema: ${parsed.error.message}`);
  return parsed.data;
}

/** One pool size and variant: the orbit next to fork+wait on the same memory. */
export interface OrbitRow {
  bytes: number;
  pages: number;
  dirty: boolean;
  /** Medians in microseconds. */
  syncUs: number;
  asyncUs: number;
  forkUs: number;
  /** fork+wait ÷ sync orbit_call, from the medians and from the minima. */
  forkOverSync: number;
  forkOverSyncMin: number;
  /** Sync orbit_call median ÷ pages in the pool. */
  syncUsPerPage: number;
}

/** The goal, and whether this run met it (a reported fact, never an assertion). */
export interface OrbitGoal {
  text: string;
  forkOverSync: number | null;
  met: boolean | null;
}

/** Issue 15's requirement 3: a clean call's cost must not grow with the pool. */
export interface CleanGoal {
  text: string;
  /** Sync call on the largest pool with nothing dirty ÷ the same on the smallest. */
  largestOverSmallest: number | null;
  met: boolean | null;
}

/** Main's own cost after a call: its first write to each page, in microseconds per page. */
export interface MainWriteRow {
  bytes: number;
  pages: number;
  /** The write right after the previous one: no fault. */
  plainUsPerPage: number;
  /** Right after a sync orbit_call: a copy-on-write fault that copies each page. */
  afterCallUsPerPage: number;
  /** Right after fork+wait: a fault that finds the page exclusive again and reuses it. */
  afterForkUsPerPage: number;
}

/** Everything `npm run bench` reports about orbit, besides the raw guest JSON. */
export interface OrbitSummary {
  /** Main's own heap besides the pools in this run, in MB. */
  mainMB: number;
  rows: OrbitRow[];
  mainWrite: MainWriteRow[];
  /** Rows (size and variant) where fork+wait beat the sync call by the medians: issue 15's goal is none. */
  slowerThanFork: string[];
  baselines: { pthreadHandoffUs: number | null; pipeRoundtripUs: number | null };
  /** Extra sync orbit_call time per extra page, from the smallest to the largest pool. */
  syncUsPerExtraPage: { clean: number | null; dirty: number | null };
  goal: OrbitGoal;
  cleanGoal: CleanGoal;
}

export const GOAL_BYTES = 1 << 20;
export const GOAL_RATIO = 10;
export const CLEAN_GOAL_RATIO = 2;

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function find(bench: OrbitBench, op: Op, bytes: number, dirty: boolean) {
  return bench.results.find((r) => r.op === op && r.bytes === bytes && r.dirty === dirty);
}

/** One row per pool size and variant that has all three of sync, async and fork. */
export function orbitRows(bench: OrbitBench): OrbitRow[] {
  const sizes = [...new Set(bench.results.filter((r) => r.op === 'orbit_call').map((r) => r.bytes))].sort(
    (a, b) => a - b,
  );
  const rows: OrbitRow[] = [];
  for (const bytes of sizes) {
    for (const dirty of [false, true]) {
      const sync = find(bench, 'orbit_call', bytes, dirty);
      const async = find(bench, 'orbit_call_async', bytes, dirty);
      const fork = find(bench, 'fork_wait', bytes, dirty);
      if (!sync || !async || !fork) continue;
      const pages = Math.ceil(bytes / bench.page_size);
      rows.push({
        bytes,
        pages,
        dirty,
        syncUs: sync.median_us,
        asyncUs: async.median_us,
        forkUs: fork.median_us,
        forkOverSync: round(fork.median_us / sync.median_us, 2),
        forkOverSyncMin: round(fork.min_us / sync.min_us, 2),
        syncUsPerPage: round(sync.median_us / pages, 3),
      });
    }
  }
  return rows;
}

/** Main's timed write to every page after nothing, a call and a fork, per pool size. */
export function mainWriteRows(bench: OrbitBench): MainWriteRow[] {
  const rows: MainWriteRow[] = [];
  const writes = bench.results.filter((r) => r.op === 'main_write');
  for (const bytes of [...new Set(writes.map((r) => r.bytes))].sort((a, b) => a - b)) {
    const pages = Math.ceil(bytes / bench.page_size);
    const perPage = (after: string): number | undefined => {
      const r = writes.find((w) => w.bytes === bytes && w.after === after);
      return r && round(r.median_us / pages, 3);
    };
    const plain = perPage('clean');
    const afterCall = perPage('after_call');
    const afterFork = perPage('after_fork');
    if (plain === undefined || afterCall === undefined || afterFork === undefined) continue;
    rows.push({ bytes, pages, plainUsPerPage: plain, afterCallUsPerPage: afterCall, afterForkUsPerPage: afterFork });
  }
  return rows;
}

/** Slope of sync orbit_call time over pages, between the smallest and largest pool. */
function perExtraPage(rows: OrbitRow[], dirty: boolean): number | null {
  const variant = rows.filter((r) => r.dirty === dirty);
  const first = variant[0];
  const last = variant[variant.length - 1];
  if (!first || !last || last.pages === first.pages) return null;
  return round((last.syncUs - first.syncUs) / (last.pages - first.pages), 3);
}

/** The clean call on the largest pool against the clean call on the smallest. */
function cleanGoal(rows: OrbitRow[]): CleanGoal {
  const clean = rows.filter((r) => !r.dirty);
  const first = clean[0];
  const last = clean[clean.length - 1];
  const ratio = first && last && last.pages > first.pages ? round(last.syncUs / first.syncUs, 2) : null;
  const sizes =
    first && last ? `${sizeLabel(last.bytes)} against ${sizeLabel(first.bytes)}` : 'largest against smallest pool';
  return {
    text: `with nothing dirty, a sync orbit_call on ${sizes} at most ${CLEAN_GOAL_RATIO}x as long (issue 15)`,
    largestOverSmallest: ratio,
    met: ratio === null ? null : ratio <= CLEAN_GOAL_RATIO,
  };
}

/** The ratios of one run. */
export function summarizeOrbitBench(bench: OrbitBench): OrbitSummary {
  const rows = orbitRows(bench);
  const goalRow = rows.find((r) => r.bytes === GOAL_BYTES && r.dirty);
  const baseline = (op: Op): number | null => bench.results.find((r) => r.op === op)?.median_us ?? null;
  const main = bench.main_mb ? ` with a ${bench.main_mb} MB main (issue 15)` : ' (issue 4)';
  return {
    mainMB: bench.main_mb,
    rows,
    mainWrite: mainWriteRows(bench),
    slowerThanFork: rows
      .filter((r) => r.forkOverSync < 1)
      .map((r) => `${sizeLabel(r.bytes)} ${r.dirty ? 'dirty' : 'clean'}`),
    baselines: { pthreadHandoffUs: baseline('pthread_handoff'), pipeRoundtripUs: baseline('pipe_roundtrip') },
    syncUsPerExtraPage: { clean: perExtraPage(rows, false), dirty: perExtraPage(rows, true) },
    goal: {
      text: `at 1 MB with all pages dirty${main}, a sync orbit_call at least ${GOAL_RATIO}x faster than fork+wait`,
      forkOverSync: goalRow?.forkOverSync ?? null,
      met: goalRow ? goalRow.forkOverSync >= GOAL_RATIO : null,
    },
    cleanGoal: cleanGoal(rows),
  };
}

function sizeLabel(bytes: number): string {
  return bytes >= 1 << 20 ? `${bytes / (1 << 20)} MB` : `${bytes / 1024} KB`;
}

/** The summary as a text table for people (stderr of `npm run bench`). */
export function formatOrbitTable(bench: OrbitBench, summary: OrbitSummary): string {
  const header = ['pool', 'pages', 'variant', 'sync us', 'async us', 'fork us', 'fork/sync', '(min)', 'sync us/page'];
  const cells = summary.rows.map((r) => [
    sizeLabel(r.bytes),
    String(r.pages),
    r.dirty ? 'dirty' : 'clean',
    r.syncUs.toFixed(1),
    r.asyncUs.toFixed(1),
    r.forkUs.toFixed(1),
    `${r.forkOverSync.toFixed(2)}x`,
    `${r.forkOverSyncMin.toFixed(2)}x`,
    r.syncUsPerPage.toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: string[]): string => c.map((v, i) => v.padStart(widths[i] ?? 0)).join('  ');
  const { baselines: b, goal, syncUsPerExtraPage: slope, cleanGoal: clean } = summary;
  const verdictOf = (met: boolean | null): string => (met === null ? 'not measured' : met ? 'met' : 'not met');
  const verdict = verdictOf(goal.met);
  const main = summary.mainMB ? `, main holds ${summary.mainMB} MB of its own heap` : '';
  const writes = summary.mainWrite.map(
    (w) =>
      `main's write to each page of ${sizeLabel(w.bytes)}: ${w.plainUsPerPage} us/page plain, ` +
      `${w.afterCallUsPerPage} after a call (copy-on-write), ${w.afterForkUsPerPage} after fork+wait`,
  );
  const slower = summary.slowerThanFork.length ? summary.slowerThanFork.join(', ') : 'none';
  return [
    `orbit_bench: medians in microseconds (clocksource ${bench.clocksource}, ${bench.elapsed_s} s in the guest${main})`,
    line(header),
    ...cells.map(line),
    ...writes,
    `rows where fork+wait beat the sync call (issue 15's goal: none): ${slower}`,
    `baselines: pthread hand-off ${b.pthreadHandoffUs ?? '-'} us, pipe round trip ${b.pipeRoundtripUs ?? '-'} us`,
    `sync orbit_call per extra page: clean ${slope.clean ?? '-'} us, dirty ${slope.dirty ?? '-'} us`,
    `goal: ${goal.text}: ${verdict} in this run (fork/sync ${goal.forkOverSync ?? '-'}x)`,
    `goal: ${clean.text}: ${verdictOf(clean.met)} in this run (${clean.largestOverSmallest ?? '-'}x)`,
  ].join('\n');
}
