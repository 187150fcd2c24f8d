/**
 * <OverheadPlots>: runs lab 3's harness in the page's lab VM and draws its
 * CSV as two plots (overhead against call frequency; call latency against
 * table size), with the CSV to download and a table of the medians as the
 * plots' text alternative. Observable Plot is imported only when there is
 * something to draw, so pages without these plots never load it. Each run
 * replaces the data and the plots are drawn again.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import { translate } from '@docusaurus/Translate';
import { useLabSession, type LabSession } from '../../labs/labSession';
import { parseCsv, toCsv, type ParsedCsv } from '../LabResults/csv';
import ResultsTable, { type Column } from '../LabResults/ResultsTable';
import { runLabCommands } from '../LabResults/run';
import { plotData } from './data';
import styles from './styles.module.css';

export interface OverheadPlotsProps {
  /** The lab whose VM and files are used (its <Lab> must be on the page). */
  lab: string;
  /** One button per run: its label and the harness command. */
  runs: { label: string; command: string }[];
  timeoutMs?: number;
}

/** The table's columns, labelled in the reader's language. */
function columns(): Column[] {
  const mad = translate({ id: 'overheadPlots.column.mad', message: '± MAD' });
  return [
    { key: 'exp', label: translate({ id: 'overheadPlots.column.exp', message: 'experiment' }) },
    { key: 'mode', label: translate({ id: 'overheadPlots.column.mode', message: 'mode' }) },
    { key: 'every', label: translate({ id: 'overheadPlots.column.every', message: 'every' }) },
    { key: 'table_kb', label: translate({ id: 'overheadPlots.column.tableKb', message: 'table KB' }) },
    { key: 'dirty_pct', label: translate({ id: 'overheadPlots.column.dirtyPct', message: 'dirty %' }) },
    { key: 'throughput', label: translate({ id: 'overheadPlots.column.throughput', message: 'requests/s' }) },
    { key: 'overhead_pct', label: translate({ id: 'overheadPlots.column.overheadPct', message: 'overhead %' }) },
    { key: 'overhead_mad', label: mad },
    { key: 'call_us', label: translate({ id: 'overheadPlots.column.callUs', message: 'µs per call' }) },
    { key: 'call_mad', label: mad },
  ];
}

const caption = () =>
  translate({ id: 'overheadPlots.caption', message: 'Medians of your run (the text alternative of both plots)' });

/** The name of a line in the size plot: a mode and a dirty share. */
const sizeSeries = (mode: string, pct: string) =>
  translate({ id: 'overheadPlots.series.dirty', message: '{mode}, {pct}% dirty' }, { mode, pct });
const EMPTY: ParsedCsv = { header: [], rows: [], skipped: 0 };

type Phase = 'idle' | 'running' | 'done' | 'error';

/** Draws both figures from `data` into the two containers (replacing what was there). */
function useFigures(
  data: ParsedCsv,
  freq: React.RefObject<HTMLDivElement | null>,
  size: React.RefObject<HTMLDivElement | null>,
) {
  useEffect(() => {
    if (data.rows.length === 0) return;
    let cancelled = false;
    void Promise.all([import('@observablehq/plot'), import('./figures')]).then(([Plot, figures]) => {
      if (cancelled || !freq.current || !size.current) return;
      const d = plotData(data.rows, sizeSeries);
      freq.current.replaceChildren(figures.overheadFigure(Plot, d.freqSamples, d.freqSummary));
      freq.current.dataset.points = String(d.freqSummary.length);
      size.current.replaceChildren(figures.latencyFigure(Plot, d.sizeSamples, d.sizeSummary));
      size.current.dataset.points = String(d.sizeSummary.length);
    });
    return () => {
      cancelled = true;
    };
  }, [data, freq, size]);
}

/** Builds the reader's code and runs the harness once; its CSV and how long it all took. */
async function runHarness(s: LabSession, command: string, timeoutMs: number) {
  const t0 = performance.now();
  let parsed = EMPTY;
  await runLabCommands(s, [command], { timeoutMs }, (output) => {
    parsed = parseCsv(output);
  });
  if (parsed.rows.length === 0) {
    throw new Error(translate({ id: 'overheadPlots.noRows', message: 'the harness printed no CSV rows' }));
  }
  return { parsed, seconds: (performance.now() - t0) / 1000 };
}

function Live(props: OverheadPlotsProps): ReactNode {
  const session = useLabSession(props.lab);
  const [data, setData] = useState<ParsedCsv>(EMPTY);
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  const freq = useRef<HTMLDivElement>(null);
  const size = useRef<HTMLDivElement>(null);
  useFigures(data, freq, size);

  const start = async (s: LabSession, command: string) => {
    setPhase('running');
    setMessage(
      translate({ id: 'overheadPlots.building', message: 'Building your code, then running {command}…' }, { command }),
    );
    try {
      const { parsed, seconds } = await runHarness(s, command, props.timeoutMs ?? 600_000);
      setData(parsed);
      setPhase('done');
      setMessage(
        translate(
          { id: 'overheadPlots.done', message: 'Done in {seconds} s: {rows} rows.' },
          { seconds: seconds.toFixed(0), rows: parsed.rows.length },
        ),
      );
    } catch (error) {
      setPhase('error');
      setMessage(
        translate(
          { id: 'overheadPlots.stopped', message: 'Stopped: {message}' },
          { message: error instanceof Error ? error.message : String(error) },
        ),
      );
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(data.header, data.rows)], { type: 'text/csv' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `${props.lab}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className={styles.plots} data-plots-state={phase}>
      <div className={styles.controls}>
        {props.runs.map((r) => (
          <button
            key={r.command}
            type="button"
            className="button button--primary button--sm"
            disabled={!session || phase === 'running'}
            onClick={() => session && void start(session, r.command)}
          >
            {r.label}
          </button>
        ))}
        <button
          type="button"
          className="button button--secondary button--sm"
          disabled={data.rows.length === 0}
          onClick={download}
        >
          {translate({ id: 'overheadPlots.download', message: 'Download CSV' })}
        </button>
        <span className={styles.status} role="status">
          {session
            ? message
            : translate({ id: 'overheadPlots.waiting', message: 'Waiting for the lab’s Linux VM above…' })}
        </span>
      </div>
      <figure className={styles.figure}>
        <div ref={freq} data-plot="overhead" data-points="0" />
        <figcaption>
          {translate({
            id: 'overheadPlots.overheadCaption',
            message: 'Overhead against call frequency, per mode (median ± MAD; faint dots: every run)',
          })}
        </figcaption>
      </figure>
      <figure className={styles.figure}>
        <div ref={size} data-plot="latency" data-points="0" />
        <figcaption>
          {translate({
            id: 'overheadPlots.latencyCaption',
            message: 'Main’s time per call against table size, by dirty share (median ± MAD; faint dots: every run)',
          })}
        </figcaption>
      </figure>
      <ResultsTable
        caption={caption()}
        columns={columns()}
        rows={data.rows.filter((r) => r.row === 'summary')}
        tones={{}}
      />
    </div>
  );
}

export default function OverheadPlots(props: OverheadPlotsProps): ReactNode {
  return (
    <BrowserOnly fallback={<ResultsTable caption={caption()} columns={columns()} rows={[]} tones={{}} />}>
      {() => <Live {...props} />}
    </BrowserOnly>
  );
}
