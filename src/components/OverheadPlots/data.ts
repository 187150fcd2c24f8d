/**
 * Lab 3's CSV rows (labs/03-overhead/starter/harness.c) as the points of
 * its two plots: a median with its spread (median ± MAD) per
 * configuration, and every sample behind it.
 */
import type { Row } from '../LabResults/parse';

export interface Point {
  /** Call frequency (every N requests) or table size in KB. */
  x: number;
  /** Overhead in percent, or microseconds per call. */
  y: number;
  /** The line the point belongs to: a mode, or a mode and dirty share. */
  series: string;
}

export interface Summary extends Point {
  lo: number;
  hi: number;
}

const num = (v: Row[string] | undefined): number | null => (typeof v === 'number' ? v : null);

/** Rows of one experiment and kind, with a task (mode none has no cost to plot). */
function pick(rows: Row[], kind: 'sample' | 'summary', exp: 'freq' | 'size'): Row[] {
  return rows.filter((r) => r.row === kind && r.exp === exp && r.mode !== 'none');
}

function point(r: Row, x: string, y: string, series: string): Point | null {
  const px = num(r[x]);
  const py = num(r[y]);
  return px === null || py === null ? null : { x: px, y: py, series };
}

function summary(r: Row, x: string, y: string, mad: string, series: string): Summary | null {
  const p = point(r, x, y, series);
  const spread = num(r[mad]) ?? 0;
  return p && { ...p, lo: p.y - spread, hi: p.y + spread };
}

/** Names a line of the size plot from its mode and dirty share (the page passes its language's wording). */
export type SizeSeries = (mode: string, dirtyPct: string) => string;

const englishSizeSeries: SizeSeries = (mode, pct) => `${mode}, ${pct}% dirty`;

export interface PlotData {
  freqSamples: Point[];
  freqSummary: Summary[];
  sizeSamples: Point[];
  sizeSummary: Summary[];
}

export function plotData(rows: Row[], sizeSeries: SizeSeries = englishSizeSeries): PlotData {
  const series = (r: Row) => sizeSeries(String(r.mode), String(r.dirty_pct));
  const defined = <T>(v: T | null): v is T => v !== null;
  return {
    freqSamples: pick(rows, 'sample', 'freq')
      .map((r) => point(r, 'every', 'overhead_pct', String(r.mode)))
      .filter(defined),
    freqSummary: pick(rows, 'summary', 'freq')
      .map((r) => summary(r, 'every', 'overhead_pct', 'overhead_mad', String(r.mode)))
      .filter(defined),
    sizeSamples: pick(rows, 'sample', 'size')
      .map((r) => point(r, 'table_kb', 'call_us', series(r)))
      .filter(defined),
    sizeSummary: pick(rows, 'summary', 'size')
      .map((r) => summary(r, 'table_kb', 'call_us', 'call_mad', series(r)))
      .filter(defined),
  };
}
