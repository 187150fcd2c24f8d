/**
 * What the lab's buttons do: Run (output streamed into the terminal, Stop
 * and Ctrl-C interrupt it), Check (the grader core, as instructors grade),
 * reset and undo, Download and Upload. The workspace renders the state.
 */
import { useMemo, useRef, useState, type RefObject } from 'react';
import { translate } from '@docusaurus/Translate';
import siteConfig from '@generated/docusaurus.config';
import { gradeSubmission, type GradeReport } from '../../grader';
import type { LabBundle } from '../../labs/load';
import type { Diagnostic } from '../../labs/markers';
import { LabRunner, type BuildOutcome, type LabCompiler } from '../../labs/runner';
import { localTitle } from '../../labs/schema';
import { createSubmission, submissionFileName, validateSubmission } from '../../labs/submission';
import type { LabFiles } from '../../labs/useLabFiles';
import type { Vm } from '../../vm';
import type { CodeEditorHandle } from '../CodeEditor';
import type { TerminalHandle } from '../Terminal';
import {
  buildTranscript,
  checkTranscript,
  endLine,
  fallbackNotice,
  header,
  runSummary,
  runTranscript,
} from './transcript';

export type Busy = 'run' | 'check' | null;

/** Saves `text` as a file download named `name`. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Refs {
  editor: RefObject<CodeEditorHandle | null>;
  terminal: RefObject<TerminalHandle | null>;
}

/**
 * `compiler`: the page's compiler (src/tcc), which Run uses while it works; when
 * it fails, Run builds in the VM and the terminal says so once.
 */
export function useLabActions(
  bundle: LabBundle,
  vm: Vm | null,
  files: LabFiles,
  { editor, terminal }: Refs,
  compiler: LabCompiler | null = null,
) {
  const { spec } = bundle;
  const runner = useMemo(() => (vm ? new LabRunner(vm, bundle, undefined, compiler) : null), [vm, bundle, compiler]);
  const fallbackSaid = useRef(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [report, setReport] = useState<GradeReport | null>(null);
  const [undoable, setUndoable] = useState<string | null>(null);
  /** Finished Runs, exposed as data-runs so tests and benchmarks can wait for one. */
  const [runs, setRuns] = useState(0);
  /** How long the last Run's compile took in the page's compiler (absent: it built in the VM). */
  const [compileMs, setCompileMs] = useState<number | undefined>(undefined);
  const stopper = useRef<AbortController | null>(null);

  /** The student's editable files as they are now. */
  const editable = () => Object.fromEntries(spec.files.map((f) => [f, files.current.current[f] ?? '']));

  /** Runs a VM action with the buttons disabled and any failure reported. */
  async function act(kind: Exclude<Busy, null>, work: (r: LabRunner, vm: Vm) => Promise<void>): Promise<void> {
    if (!runner || !vm || busy) return;
    setBusy(kind);
    setProblem(null);
    try {
      await work(runner, vm);
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
      const controller = new AbortController();
      stopper.current = controller;
      const decoder = new TextDecoder();
      let streamed = false;
      const onBuild = (build: BuildOutcome) => {
        streamed = true;
        setDiagnostics(build.diagnostics);
        setCompileMs(build.compileMs);
        terminal.current?.write(buildTranscript(build));
        if (build.result.exitCode === 0) {
          terminal.current?.write(header('run', spec.run.command));
          setAnnouncement(
            translate({
              id: 'lab.status.runningProgram',
              message: 'Running… (Stop or Ctrl-C in the terminal interrupts it)',
            }),
          );
        }
      };
      const onOutput = (bytes: Uint8Array) => terminal.current?.write(decoder.decode(bytes, { stream: true }));
      try {
        const onFallback = (error: unknown) => {
          if (!fallbackSaid.current) terminal.current?.write(fallbackNotice(error));
          fallbackSaid.current = true;
        };
        const outcome = await r.run(editable(), { onBuild, onOutput, onFallback, signal: controller.signal });
        setDiagnostics(outcome.build?.diagnostics ?? []);
        if (!streamed) terminal.current?.write(runTranscript(outcome));
        else if (outcome.run) {
          const tail = decoder.decode();
          const output = outcome.run.result.output;
          terminal.current?.write(
            `${tail}${output && !output.endsWith('\n') ? '\n' : ''}${endLine(outcome.run.result)}`,
          );
        }
        setAnnouncement(runSummary(outcome));
        setRuns((n) => n + 1);
      } finally {
        stopper.current = null;
      }
    });

  /** Stops the running program; true when a Run was there to stop. */
  const stop = (): boolean => {
    if (!stopper.current) return false;
    stopper.current.abort();
    setAnnouncement(translate({ id: 'lab.status.stopping', message: 'Stopping the program…' }));
    return true;
  };

  const check = () =>
    act('check', async (r, v) => {
      setAnnouncement(translate({ id: 'lab.status.checking', message: 'Checking your work…' }));
      await r.prepare();
      const result = await gradeSubmission(bundle, editable(), v, {
        onTest: (t) =>
          setAnnouncement(
            translate({ id: 'lab.status.test', message: 'Running test {id}…' }, { id: localTitle(t, currentLocale()) }),
          ),
      });
      if (result.build.status !== 'passed' && result.build.status !== 'skipped' && spec.build) {
        terminal.current?.write(header('build', spec.build.command) + result.build.output);
      }
      terminal.current?.write(checkTranscript(result));
      setReport(result);
      setAnnouncement(
        translate(
          { id: 'lab.status.checked', message: 'Check: {earned} of {total} points.' },
          { earned: result.score, total: result.maxScore },
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

  /** The locale of the page being shown (the html element's lang, set by Docusaurus). */
  function currentLocale(): string {
    return document.documentElement.lang || siteConfig.i18n.defaultLocale;
  }

  /** Forgets an "Undo reset" once the student has edited the file further. */
  const edited = (path: string, text: string) => {
    if (path === undoable && text !== bundle.starter[path]) setUndoable(null);
  };

  return {
    runner,
    busy,
    announcement,
    setAnnouncement,
    problem,
    diagnostics,
    report,
    undoable,
    runs,
    compileMs,
    run,
    stop,
    check,
    reset,
    undoReset,
    downloadSubmission,
    upload,
    adopt,
    edited,
  };
}
