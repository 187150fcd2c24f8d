import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import { translate } from '@docusaurus/Translate';
import { useColorMode } from '@docusaurus/theme-common';
import type { CodeEditorHandle, EditorFile } from '../CodeEditor';
import Terminal, { type TerminalHandle } from '../Terminal';
import Toolbar from './Toolbar';
import Results from './Results';
import { checkTranscript, runSummary, runTranscript, buildTranscript } from './actions';
import type { LabBundle } from '../../labs/load';
import type { Diagnostic } from '../../labs/markers';
import type { CheckReport } from '../../labs/score';
import { LabRunner } from '../../labs/runner';
import { createSubmission, submissionFileName, validateSubmission } from '../../labs/submission';
import { useLabFiles } from '../../labs/useLabFiles';
import { describeVmStatus, useVm } from '../../labs/useVm';
import styles from './styles.module.css';

type Busy = 'run' | 'check' | null;

// Monaco is the heaviest part: it loads in its own chunk while the VM restores.
const CodeEditor = lazy(() => import('../CodeEditor'));

/** Saves `text` as a file download named `name`. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The live lab: Monaco on the lab's files, xterm.js on the VM, and the lab's buttons. */
export default function LabWorkspace({ bundle }: { bundle: LabBundle }): ReactNode {
  const { spec } = bundle;
  const dark = useColorMode().colorMode === 'dark';
  const files = useLabFiles(bundle);
  const { vm, status, restart } = useVm();
  const runner = useMemo(() => (vm ? new LabRunner(vm, bundle) : null), [vm, bundle]);
  const editor = useRef<CodeEditorHandle>(null);
  const terminal = useRef<TerminalHandle>(null);
  const [active, setActive] = useState(spec.files[0] ?? '');
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [busy, setBusy] = useState<Busy>(null);
  const [announcement, setAnnouncement] = useState('');
  const [report, setReport] = useState<CheckReport | null>(null);
  const [undoable, setUndoable] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** Finished Runs, exposed as data-runs so tests and benchmarks can wait for one. */
  const [runs, setRuns] = useState(0);
  const [editorReady, setEditorReady] = useState(false);
  const editorWanted = useEditorWanted(status.phase);

  const editorFiles = useMemo<EditorFile[]>(
    () => [
      ...spec.files.map((path) => ({ path, text: files.initial[path] ?? '', readOnly: false })),
      ...spec.readonly.map((path) => ({ path, text: files.initial[path] ?? '', readOnly: true })),
    ],
    [spec, files.initial],
  );

  // A fresh prompt in the terminal once the VM answers.
  useEffect(() => {
    if (vm) vm.console.send('\n');
  }, [vm]);

  // The lab directory is made while the student reads; a failure here shows up on Run.
  useEffect(() => {
    runner?.prepare().catch(() => undefined);
  }, [runner]);

  // Each change of the VM's status is announced (state adjusted during render, not in an effect).
  const [announcedStatus, setAnnouncedStatus] = useState<typeof status | null>(null);
  if (announcedStatus !== status) {
    setAnnouncedStatus(status);
    setAnnouncement(describeVmStatus(status));
  }

  /** Runs a VM action with the buttons disabled and any failure reported. */
  async function act(kind: Exclude<Busy, null>, work: (r: LabRunner) => Promise<void>): Promise<void> {
    if (!runner || busy) return;
    setBusy(kind);
    setProblem(null);
    try {
      await work(runner);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setProblem(
        translate(
          { id: 'lab.status.failed', message: '{action} failed: {message}. Try Restart VM; your files are kept.' },
          {
            action:
              kind === 'run'
                ? translate({ id: 'lab.run', message: 'Run' })
                : translate({ id: 'lab.check', message: 'Check' }),
            message,
          },
        ),
      );
    } finally {
      setBusy(null);
    }
  }

  const run = () =>
    act('run', async (r) => {
      setAnnouncement(translate({ id: 'lab.status.running', message: 'Building and running…' }));
      const outcome = await r.run({ ...files.current.current });
      setDiagnostics(outcome.build?.diagnostics ?? []);
      terminal.current?.write(runTranscript(outcome));
      setAnnouncement(runSummary(outcome));
      setRuns((n) => n + 1);
    });

  const check = () =>
    act('check', async (r) => {
      setAnnouncement(translate({ id: 'lab.status.checking', message: 'Checking your work…' }));
      const { build, report: result } = await r.check({ ...files.current.current }, (id) =>
        setAnnouncement(translate({ id: 'lab.status.test', message: 'Running test {id}…' }, { id })),
      );
      setDiagnostics(build?.diagnostics ?? []);
      if (build) terminal.current?.write(buildTranscript(build));
      terminal.current?.write(checkTranscript(result));
      setReport(result);
      setAnnouncement(
        translate(
          { id: 'lab.status.checked', message: 'Check: {earned} of {total} points.' },
          { earned: result.earned, total: result.total },
        ),
      );
    });

  const reset = (path: string) => {
    editor.current?.replaceText(path, bundle.starter[path] ?? '');
    setUndoable(path);
    setAnnouncement(
      translate(
        { id: 'lab.status.reset', message: '{path} was reset to the starter code. Undo brings your version back.' },
        { path },
      ),
    );
  };

  const undoReset = () => {
    if (!undoable) return;
    editor.current?.undo(undoable);
    setAnnouncement(
      translate({ id: 'lab.status.undone', message: 'Your version of {path} is back.' }, { path: undoable }),
    );
    setUndoable(null);
  };

  const downloadSubmission = async () => {
    try {
      const sub = await createSubmission(spec, files.current.current);
      download(submissionFileName(spec), JSON.stringify(sub, null, 2));
      setAnnouncement(
        translate(
          { id: 'lab.status.downloaded', message: 'Downloaded {file} ({count} files).' },
          { file: submissionFileName(spec), count: spec.files.length },
        ),
      );
    } catch (error) {
      setProblem(
        translate(
          { id: 'lab.status.downloadFailed', message: 'Download failed: {message}' },
          { message: (error as Error).message },
        ),
      );
    }
  };

  const upload = async (file: File) => {
    setProblem(null);
    try {
      const { files: restored, warnings } = await validateSubmission(await file.text(), spec);
      for (const [path, text] of Object.entries(restored)) editor.current?.replaceText(path, text);
      setAnnouncement(
        translate(
          {
            id: 'lab.status.restored',
            message:
              'Restored {files} from {archive}. {warnings} Undo (Ctrl+Z) in the editor brings back what you had.',
          },
          { files: Object.keys(restored).join(', '), archive: file.name, warnings: warnings.join(' ') },
        ),
      );
    } catch (error) {
      setProblem(
        translate(
          { id: 'lab.status.notLoaded', message: '{archive} was not loaded: {message}' },
          { archive: file.name, message: (error as Error).message },
        ),
      );
    }
  };

  const adopt = (path: string, keep: 'mine' | 'theirs') => {
    const theirs = files.resolve(path, keep);
    if (theirs !== undefined) editor.current?.replaceText(path, theirs);
    setAnnouncement(
      keep === 'mine'
        ? translate({ id: 'lab.status.keptMine', message: "Kept this tab's {path}." }, { path })
        : translate({ id: 'lab.status.loadedTheirs', message: 'Loaded {path} from the other tab.' }, { path }),
    );
  };

  const ready = status.phase === 'ready' || status.phase === 'recovered';
  const conflictPaths = Object.keys(files.conflicts);
  // The starter code, until Monaco has loaded; focusing or clicking it asks for the editor.
  const plainCode = (
    <pre className={styles.plain} tabIndex={0} onFocus={editorWanted.want} onPointerDown={editorWanted.want}>
      {files.initial[active]}
    </pre>
  );

  return (
    <div className={styles.workspace} data-vm-state={status.phase} data-busy={busy ?? undefined} data-runs={runs}>
      <Toolbar
        spec={spec}
        active={active}
        readyToRun={ready && runner !== null && busy === null}
        editorReady={editorReady}
        busy={busy}
        onRun={() => void run()}
        onCheck={() => void check()}
        onReset={reset}
        onDownload={() => void downloadSubmission()}
        onUpload={(f) => void upload(f)}
        onRestart={() => {
          setAnnouncement(
            translate({ id: 'lab.status.restarting', message: 'Restarting the VM; your files are kept.' }),
          );
          restart();
        }}
      />
      {conflictPaths.map((path) => (
        <div key={path} className={styles.alert} role="alert">
          <p>
            {translate(
              {
                id: 'lab.conflict',
                message:
                  'This lab is also open in another tab, which saved a different {path}. This tab does not save {path} until you choose:',
              },
              { path },
            )}
          </p>
          <button type="button" className="button button--sm button--primary" onClick={() => adopt(path, 'theirs')}>
            {translate({ id: 'lab.conflict.theirs', message: "Load the other tab's version" })}
          </button>
          <button type="button" className="button button--sm button--secondary" onClick={() => adopt(path, 'mine')}>
            {translate({ id: 'lab.conflict.mine', message: 'Keep this version' })}
          </button>
        </div>
      ))}
      {problem && (
        <div className={clsx(styles.alert, styles.error)} role="alert">
          {problem}
        </div>
      )}
      <div className={styles.tabs} role="tablist" aria-label="Lab files">
        {editorFiles.map((f) => (
          <button
            key={f.path}
            type="button"
            role="tab"
            aria-selected={f.path === active}
            className={clsx(styles.tab, f.path === active && styles.activeTab)}
            onClick={() => setActive(f.path)}
          >
            {f.path}
            {f.readOnly && <span className={styles.lock}> (read-only)</span>}
            {diagnostics.some((d) => d.file === f.path && d.severity === 'error') && (
              <span className={styles.errorDot} aria-label="has errors">
                {' '}
                ●
              </span>
            )}
          </button>
        ))}
        <span className={styles.saved}>
          {files.savedAt ? translate({ id: 'lab.saved', message: 'Saved in this browser' }) : ''}
        </span>
      </div>
      <div
        className={styles.editorPane}
        role="tabpanel"
        aria-label={translate({ id: 'lab.editorPane', message: 'Editor: {path}' }, { path: active })}
      >
        <Suspense fallback={plainCode}>
          {editorWanted.wanted ? (
            <CodeEditor
              ref={editor}
              files={editorFiles}
              active={active}
              dark={dark}
              diagnostics={diagnostics}
              ariaLabel={translate({ id: 'lab.codeEditor', message: 'Code editor: {path}' }, { path: active })}
              onChange={(path, text) => {
                files.change(path, text);
                // After further edits, "Undo reset" would undo those instead: the editor's Ctrl+Z remains.
                if (path === undoable && text !== bundle.starter[path]) setUndoable(null);
              }}
              onReady={() => setEditorReady(true)}
            />
          ) : (
            plainCode
          )}
        </Suspense>
      </div>
      <div className={styles.terminalPane}>
        <Terminal
          ref={terminal}
          console={vm?.console ?? null}
          dark={dark}
          ariaLabel="Linux terminal (serial console)"
        />
      </div>
      <div className={styles.statusBar}>
        {status.phase === 'download' && (
          <progress max={status.total || undefined} value={status.loaded} aria-label="VM download" />
        )}
        <p
          role="status"
          aria-live="polite"
          className={clsx(styles.status, status.phase === 'error' && styles.statusError)}
        >
          {announcement}
        </p>
        {undoable && (
          <button type="button" className="button button--sm button--link" onClick={undoReset}>
            {translate({ id: 'lab.undoReset', message: 'Undo reset' })}
          </button>
        )}
      </div>
      {report && <Results report={report} spec={spec} />}
    </div>
  );
}

/** How long a VM that is still loading may hold Monaco back. */
const EDITOR_WAIT_MS = 3000;

/**
 * Whether to load Monaco yet. Its code takes about a second of the page's
 * thread on a slow machine, and the VM's start needs that thread too (the
 * worker's messages, the first answer), so Monaco loads once the VM is ready
 * or failed, after EDITOR_WAIT_MS at the latest, or at once when the reader
 * focuses or clicks the code shown meanwhile.
 */
function useEditorWanted(phase: string): { wanted: boolean; want: () => void } {
  const [wanted, setWanted] = useState(false);
  // Once wanted, always wanted: a VM restart must not unload the editor (state adjusted during render).
  if (!wanted && (phase === 'ready' || phase === 'recovered' || phase === 'error')) setWanted(true);
  useEffect(() => {
    if (wanted) return undefined;
    const timer = setTimeout(() => setWanted(true), EDITOR_WAIT_MS);
    return () => clearTimeout(timer);
  }, [wanted]);
  const want = useCallback(() => setWanted(true), []);
  return { wanted, want };
}
