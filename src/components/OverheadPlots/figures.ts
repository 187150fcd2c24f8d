/**
 * The two figures of lab 3, drawn with Observable Plot as SVG: the
 * reader's samples as faint dots, each configuration's median as a line
 * through larger dots, and its spread (median ± MAD) as a vertical rule.
 * Plot is passed in, so this module is only loaded with it (on the page
 * that shows the plots, by dynamic import).
 */
import { translate } from '@docusaurus/Translate';
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
        title: (d: Summary) =>
          translate(
            { id: 'overheadPlots.pointTitle', message: '{series}: {value} (spread {lo} to {hi})' },
            { series: d.series, value: d.y, lo: d.lo.toFixed(1), hi: d.hi.toFixed(1) },
          ),
      }),
    ],
  });
}

export function overheadFigure(Plot: Plot, samples: Point[], summary: Summary[]) {
  return draw(Plot, {
    samples,
    summary,
    x: { label: translate({ id: 'overheadPlots.overhead.x', message: 'a call every N requests →' }) },
    y: {
      label: translate({ id: 'overheadPlots.overhead.y', message: '↑ overhead against no task (%)' }),
      type: 'symlog',
    },
    ariaLabel: translate({
      id: 'overheadPlots.overhead.ariaLabel',
      message: 'Throughput overhead against call frequency, per mode',
    }),
    ariaDescription: translate({
      id: 'overheadPlots.overhead.ariaDescription',
      message:
        'Median overhead of each mode at each call frequency with its spread; the table below holds the numbers.',
    }),
  });
}

export function latencyFigure(Plot: Plot, samples: Point[], summary: Summary[]) {
  return draw(Plot, {
    samples,
    summary,
    x: { label: translate({ id: 'overheadPlots.latency.x', message: 'table the task reads (KB) →' }) },
    y: { label: translate({ id: 'overheadPlots.latency.y', message: '↑ main’s time per call (µs)' }), type: 'log' },
    ariaLabel: translate({
      id: 'overheadPlots.latency.ariaLabel',
      message: 'Call latency against pool size, clean and dirty',
    }),
    ariaDescription: translate({
      id: 'overheadPlots.latency.ariaDescription',
      message:
        'Median time main spends in one call, per mode and share of dirtied pages, with its spread; the table below holds the numbers.',
    }),
  });
}
