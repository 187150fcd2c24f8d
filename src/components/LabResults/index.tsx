/**
 * <LabResults>: runs lab commands in the page's lab VM and shows their
 * machine-readable output (JSON Lines, see parse.ts) as a coloured table
 * that fills in as each command ends. Nothing is typed in: before a run the
 * table is empty. Lab 2 shows its fault matrix with it; lab 3's plots reuse
 * its runner (run.ts), table and session.
 */
import { useState, type ReactNode } from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import { translate } from '@docusaurus/Translate';
import { useLabSession, type LabSession } from '../../labs/labSession';
import { fillChoice, toggle, type Choice } from './choice';
import ChoiceBoxes from './ChoiceBoxes';
import { RowStream, type Row, type ToneRules } from './parse';
import ResultsTable, { type Column } from './ResultsTable';
import { runLabCommands } from './run';
import styles from './styles.module.css';

export interface LabResultsProps {
  /** The lab whose VM and files are used (its <Lab> must be on the page). */
  lab: string;
  /** Shell commands run one after another in the lab directory; their rows add up. */
  commands: string[];
  /** Checkboxes the reader sets before a run; the chosen values replace "{key}" in the commands. */
  choice?: Choice;
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

/** Builds the reader's files, then runs each command, handing over each row as its line arrives. */
async function runAll(
  session: LabSession,
  props: LabResultsProps,
  commands: string[],
  onRows: (rows: Row[]) => void,
  onCommand: (done: number) => void,
): Promise<number> {
  let skipped = 0;
  let rows = new RowStream(onRows);
  const onText = (text: string) => rows.write(text);
  await runLabCommands(session, commands, { ...props, onText }, (_output, done) => {
    rows.end();
    skipped += rows.skipped;
    rows = new RowStream(onRows);
    onCommand(done);
  });
  return skipped;
}

/** The status line's text after a run. */
function doneMessage(seconds: number, skipped: number): string {
  const done = translate({ id: 'labResults.done', message: 'Done in {seconds} s.' }, { seconds: seconds.toFixed(0) });
  if (skipped === 0) return done;
  return `${done} ${translate({ id: 'labResults.skipped', message: '({count} other output lines ignored)' }, { count: skipped })}`;
}

function Live(props: LabResultsProps): ReactNode {
  const session = useLabSession(props.lab);
  const [rows, setRows] = useState<Row[]>([]);
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  const [chosen, setChosen] = useState<string[]>(props.choice?.values ?? []);
  const total = props.commands.length;

  const start = async (s: LabSession) => {
    setRows([]);
    setPhase('running');
    setMessage(translate({ id: 'labResults.building', message: 'Building your code, then running…' }));
    const t0 = performance.now();
    try {
      const choice = props.choice;
      const commands = props.commands.map((c) => (choice ? fillChoice(c, choice.key, chosen) : c));
      const skipped = await runAll(
        s,
        props,
        commands,
        (more) => setRows((prev) => [...prev, ...more]),
        (done) => setMessage(translate({ id: 'labResults.ran', message: 'Ran {done} of {total}…' }, { done, total })),
      );
      setPhase('done');
      setMessage(doneMessage((performance.now() - t0) / 1000, skipped));
    } catch (error) {
      setPhase('error');
      setMessage(
        translate(
          { id: 'labResults.stopped', message: 'Stopped: {message}' },
          { message: error instanceof Error ? error.message : String(error) },
        ),
      );
    }
  };

  const nothingChosen = props.choice !== undefined && chosen.length === 0;
  return (
    <div className={styles.results} data-results-state={phase}>
      {props.choice && (
        <ChoiceBoxes
          choice={props.choice}
          chosen={chosen}
          disabled={phase === 'running'}
          onToggle={(value) => props.choice && setChosen(toggle(props.choice.values, chosen, value))}
        />
      )}
      <div className={styles.controls}>
        <button
          type="button"
          className="button button--primary button--sm"
          disabled={!session || phase === 'running' || nothingChosen}
          onClick={() => session && void start(session)}
        >
          {props.action ?? translate({ id: 'labResults.run', message: 'Run' })}
        </button>
        <span className={styles.status} role="status">
          {session
            ? message
            : translate({ id: 'labResults.waiting', message: 'Waiting for the lab’s Linux VM above…' })}
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
