/**
 * The two figures of lab 3, drawn with Observable Plot as SVG: the
 * reader's samples as faint dots, each configuration's median as a line
 * through larger dots, and its spread (median ± MAD) as a vertical rule.
 * Plot is passed in, so this module is only loaded with it (on the page
 * that shows the plots, by dynamic import).
 */
import type * as PlotLib from '@observablehq/plot';
import type { Point, Summary } from './data';

type Plot = typeof PlotLib;

interface Figure {
  samples: Point[];
  summary: Summary[];
  x: { label: string };
  y: { label: string; type: 'symlog' | 'log' };
  ariaLabel: string;
  ariaDescription: string;
}

function draw(Plot: Plot, f: Figure): SVGSVGElement | HTMLElement {
  // A log axis cannot show zero or less: a spread reaching below is cut off there.
  const floor = f.y.type === 'log' ? 1 : -Infinity;
  return Plot.plot({
    ariaLabel: f.ariaLabel,
    ariaDescription: f.ariaDescription,
    width: 640,
    height: 360,
    marginLeft: 60,
    x: { type: 'log', label: f.x.label, grid: true },
    y: { type: f.y.type, label: f.y.label, grid: true },
    color: { legend: true },
    marks: [
      Plot.dot(f.samples, { x: 'x', y: 'y', stroke: 'series', r: 2, strokeOpacity: 0.35 }),
      Plot.ruleX(f.summary, { x: 'x', y1: (d: Summary) => Math.max(d.lo, floor), y2: 'hi', stroke: 'series' }),
      Plot.line(f.summary, { x: 'x', y: 'y', stroke: 'series', sort: 'x' }),
      Plot.dot(f.summary, {
        x: 'x',
        y: 'y',
        fill: 'series',
        r: 4,
        title: (d: Summary) => `${d.series}: ${d.y} (spread ${d.lo.toFixed(1)} to ${d.hi.toFixed(1)})`,
      }),
    ],
  });
}

export function overheadFigure(Plot: Plot, samples: Point[], summary: Summary[]) {
  return draw(Plot, {
    samples,
    summary,
    x: { label: 'a call every N requests →' },
    y: { label: '↑ overhead against no task (%)', type: 'symlog' },
    ariaLabel: 'Throughput overhead against call frequency, per mode',
    ariaDescription:
      'Median overhead of each mode at each call frequency with its spread; the table below holds the numbers.',
  });
}

export function latencyFigure(Plot: Plot, samples: Point[], summary: Summary[]) {
  return draw(Plot, {
    samples,
    summary,
    x: { label: 'table the task reads (KB) →' },
    y: { label: '↑ main’s time per call (µs)', type: 'log' },
    ariaLabel: 'Call latency against pool size, clean and dirty',
    ariaDescription:
      'Median time main spends in one call, per mode and share of dirtied pages, with its spread; the table below holds the numbers.',
  });
}
