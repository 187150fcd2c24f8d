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

const COLUMNS: Column[] = [
  { key: 'exp', label: 'experiment' },
  { key: 'mode', label: 'mode' },
  { key: 'every', label: 'every' },
  { key: 'table_kb', label: 'table KB' },
  { key: 'dirty_pct', label: 'dirty %' },
  { key: 'throughput', label: 'requests/s' },
  { key: 'overhead_pct', label: 'overhead %' },
  { key: 'overhead_mad', label: '± MAD' },
  { key: 'call_us', label: 'µs per call' },
  { key: 'call_mad', label: '± MAD' },
];
const CAPTION = 'Medians of your run (the text alternative of both plots)';
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
      const d = plotData(data.rows);
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
  if (parsed.rows.length === 0) throw new Error('the harness printed no CSV rows');
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
    setMessage(`Building your code, then running ${command}…`);
    try {
      const { parsed, seconds } = await runHarness(s, command, props.timeoutMs ?? 600_000);
      setData(parsed);
      setPhase('done');
      setMessage(`Done in ${seconds.toFixed(0)} s: ${parsed.rows.length} rows.`);
    } catch (error) {
      setPhase('error');
      setMessage(`Stopped: ${error instanceof Error ? error.message : String(error)}`);
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
          Download CSV
        </button>
        <span className={styles.status} role="status">
          {session ? message : 'Waiting for the lab’s Linux VM above…'}
        </span>
      </div>
      <figure className={styles.figure}>
        <div ref={freq} data-plot="overhead" data-points="0" />
        <figcaption>Overhead against call frequency, per mode (median ± MAD; faint dots: every run)</figcaption>
      </figure>
      <figure className={styles.figure}>
        <div ref={size} data-plot="latency" data-points="0" />
        <figcaption>
          Main’s time per call against table size, by dirty share (median ± MAD; faint dots: every run)
        </figcaption>
      </figure>
      <ResultsTable
        caption={CAPTION}
        columns={COLUMNS}
        rows={data.rows.filter((r) => r.row === 'summary')}
        tones={{}}
      />
    </div>
  );
}

export default function OverheadPlots(props: OverheadPlotsProps): ReactNode {
  return (
    <BrowserOnly fallback={<ResultsTable caption={CAPTION} columns={COLUMNS} rows={[]} tones={{}} />}>
      {() => <Live {...props} />}
    </BrowserOnly>
  );
}
