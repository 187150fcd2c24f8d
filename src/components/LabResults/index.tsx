/**
 * <LabResults>: runs lab commands in the page's lab VM and shows their
 * machine-readable output (JSON Lines, see parse.ts) as a coloured table
 * that fills in as each command ends. Nothing is typed in: before a run the
 * table is empty. Lab 2 shows its fault matrix with it; lab 3's plots reuse
 * its runner (run.ts), table and session.
 */
import { useState, type ReactNode } from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import { useLabSession, type LabSession } from '../../labs/labSession';
import { parseRows, type Row, type ToneRules } from './parse';
import ResultsTable, { type Column } from './ResultsTable';
import { runLabCommands } from './run';
import styles from './styles.module.css';

export interface LabResultsProps {
  /** The lab whose VM and files are used (its <Lab> must be on the page). */
  lab: string;
  /** Shell commands run one after another in the lab directory; their rows add up. */
  commands: string[];
  columns: Column[];
  tones?: ToneRules;
  caption: string;
  /** The button's label. */
  action?: string;
  /** Per command; default 5 minutes. */
  timeoutMs?: number;
  /** Who runs the commands (default the student; root to go through orbit-sandbox). */
  user?: 'student' | 'root';
}

type Phase = 'idle' | 'running' | 'done' | 'error';

/** Builds the reader's files, then runs each command, handing over the rows of each. */
async function runAll(
  session: LabSession,
  props: LabResultsProps,
  onRows: (rows: Row[], done: number) => void,
): Promise<string> {
  let skipped = 0;
  await runLabCommands(session, props.commands, props, (output, done) => {
    const parsed = parseRows(output);
    skipped += parsed.skipped;
    onRows(parsed.rows, done);
  });
  return skipped > 0 ? ` (${skipped} other output lines ignored)` : '';
}

function Live(props: LabResultsProps): ReactNode {
  const session = useLabSession(props.lab);
  const [rows, setRows] = useState<Row[]>([]);
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  const total = props.commands.length;

  const start = async (s: LabSession) => {
    setRows([]);
    setPhase('running');
    setMessage(`Building your code, then running 1 of ${total}…`);
    const t0 = performance.now();
    try {
      const note = await runAll(s, props, (more, done) => {
        setRows((prev) => [...prev, ...more]);
        setMessage(`Ran ${done} of ${total}…`);
      });
      setPhase('done');
      setMessage(`Done in ${((performance.now() - t0) / 1000).toFixed(0)} s${note}.`);
    } catch (error) {
      setPhase('error');
      setMessage(`Stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div className={styles.results} data-results-state={phase}>
      <div className={styles.controls}>
        <button
          type="button"
          className="button button--primary button--sm"
          disabled={!session || phase === 'running'}
          onClick={() => session && void start(session)}
        >
          {props.action ?? 'Run'}
        </button>
        <span className={styles.status} role="status">
          {session ? message : 'Waiting for the lab’s Linux VM above…'}
        </span>
      </div>
      <ResultsTable caption={props.caption} columns={props.columns} rows={rows} tones={props.tones ?? {}} />
    </div>
  );
}

export default function LabResults(props: LabResultsProps): ReactNode {
  return (
    <BrowserOnly
      fallback={<ResultsTable caption={props.caption} columns={props.columns} rows={[]} tones={props.tones ?? {}} />}
    >
      {() => <Live {...props} />}
    </BrowserOnly>
  );
}
