import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import { translate } from '@docusaurus/Translate';
import { useColorMode } from '@docusaurus/theme-common';
import type { CodeEditorHandle, EditorFile } from '../CodeEditor';
import Terminal, { type TerminalHandle } from '../Terminal';
import Toolbar from './Toolbar';
import Results from './Results';
import PublishLabSession from '../LabResults/PublishLabSession';
import { useLabActions } from './useLabActions';
import type { LabBundle } from '../../labs/load';
import { useLabFiles } from '../../labs/useLabFiles';
import { describeVmStatus, useVm } from '../../vm/browser/useVm';
import { usePageCompiler } from '../../tcc/usePageCompiler';
import styles from './styles.module.css';

// Monaco is the heaviest part: it loads in its own chunk while the VM restores.
const CodeEditor = lazy(() => import('../CodeEditor'));

/** The live lab: Monaco on the lab's files, xterm.js on the VM, and the lab's buttons. */
export default function LabWorkspace({ bundle }: { bundle: LabBundle }): ReactNode {
  const { spec } = bundle;
  const dark = useColorMode().colorMode === 'dark';
  const files = useLabFiles(bundle);
  const { vm, status, restart } = useVm();
  const editor = useRef<CodeEditorHandle>(null);
  const terminal = useRef<TerminalHandle>(null);
  // The compiler loads beside the VM: Run compiles in the page and the guest only runs the program.
  const { compiler, status: compilerStatus } = usePageCompiler();
  const actions = useLabActions(bundle, vm, files, { editor, terminal }, compiler);
  const { runner, busy, diagnostics, undoable } = actions;
  const [active, setActive] = useState(spec.files[0] ?? '');
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
    actions.setAnnouncement(describeVmStatus(status));
  }

  const ready = status.phase === 'ready' || status.phase === 'recovered';
  const conflictPaths = Object.keys(files.conflicts);
  // The starter code, until Monaco has loaded; focusing or clicking it asks for the editor.
  const plainCode = (
    <pre className={styles.plain} tabIndex={0} onFocus={editorWanted.want} onPointerDown={editorWanted.want}>
      {files.initial[active]}
    </pre>
  );

  return (
    <div
      className={styles.workspace}
      data-vm-state={status.phase}
      data-busy={busy ?? undefined}
      data-runs={actions.runs}
      data-compiler={compilerStatus?.phase}
      data-compile-ms={actions.compileMs === undefined ? undefined : Math.round(actions.compileMs)}
    >
      <Toolbar
        spec={spec}
        active={active}
        readyToRun={ready && runner !== null && busy === null}
        editorReady={editorReady}
        busy={busy}
        onRun={() => void actions.run()}
        onStop={actions.stop}
        onCheck={() => void actions.check()}
        onReset={actions.reset}
        onDownload={() => void actions.downloadSubmission()}
        onUpload={(f) => void actions.upload(f)}
        onRestart={() => {
          actions.setAnnouncement(
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
          <button
            type="button"
            className="button button--sm button--primary"
            onClick={() => actions.adopt(path, 'theirs')}
          >
            {translate({ id: 'lab.conflict.theirs', message: "Load the other tab's version" })}
          </button>
          <button
            type="button"
            className="button button--sm button--secondary"
            onClick={() => actions.adopt(path, 'mine')}
          >
            {translate({ id: 'lab.conflict.mine', message: 'Keep this version' })}
          </button>
        </div>
      ))}
      {actions.problem && (
        <div className={clsx(styles.alert, styles.error)} role="alert">
          {actions.problem}
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
                actions.edited(path, text);
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
          onInterrupt={actions.stop}
        />
      </div>
      <div className={styles.statusBar}>
        {status.phase === 'download' && (
          <progress max={status.total || undefined} value={status.loaded} aria-label="VM download" />
        )}
        {compilerStatus?.phase === 'download' && compilerStatus.total > 0 && (
          <progress max={compilerStatus.total} value={compilerStatus.loaded} aria-label="Compiler download" />
        )}
        <p
          role="status"
          aria-live="polite"
          className={clsx(styles.status, status.phase === 'error' && styles.statusError)}
        >
          {actions.announcement}
        </p>
        {undoable && (
          <button type="button" className="button button--sm button--link" onClick={actions.undoReset}>
            {translate({ id: 'lab.undoReset', message: 'Undo reset' })}
          </button>
        )}
      </div>
      {actions.report && <Results report={actions.report} spec={spec} />}
      {/* Other components on the page (the results matrix of lab 2) run commands in this lab's VM. */}
      <PublishLabSession id={spec.id} vm={vm} runner={runner} files={() => files.current.current} />
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
