import { translate } from '@docusaurus/Translate';
import { forwardRef, useEffect, useImperativeHandle, useRef, type ReactNode } from 'react';
import * as monaco from './monaco';
import type { Diagnostic } from '../../labs/markers';
import styles from './styles.module.css';

export interface EditorFile {
  path: string;
  text: string;
  readOnly: boolean;
}

export interface CodeEditorHandle {
  /** The current text of `path`. */
  getText(path: string): string;
  /** Replaces the whole text of `path` as one undoable edit. */
  replaceText(path: string, text: string): void;
  /** Undoes the last edit of `path`. */
  undo(path: string): void;
  focus(): void;
}

export interface CodeEditorProps {
  /** The files, created once as models; later texts come through replaceText. */
  files: EditorFile[];
  active: string;
  dark: boolean;
  diagnostics: Diagnostic[];
  ariaLabel: string;
  onChange(path: string, text: string): void;
  /** Called once the editor exists (Monaco loads lazily). */
  onReady?(): void;
}

/** A language for Monaco from a file name: C for .c/.h, plain text otherwise. */
function languageOf(path: string): string {
  return /\.(c|h)$/.test(path) ? 'c' : /\.(sh)$/.test(path) ? 'shell' : 'plaintext';
}

/** Monaco with one model per file; switching files keeps each file's undo stack and cursor. */
const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(props, ref): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<string, monaco.editor.ITextModel>());
  const views = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const latest = useRef(props);
  latest.current = props;

  // Creates the editor and the models once.
  useEffect(() => {
    if (!host.current) return undefined;
    const made = new Map<string, monaco.editor.ITextModel>();
    const seed = `${Math.random().toString(36).slice(2)}`;
    for (const f of latest.current.files) {
      const model = monaco.editor.createModel(
        f.text,
        languageOf(f.path),
        monaco.Uri.parse(`file:///${seed}/${f.path}`),
      );
      model.onDidChangeContent(() => latest.current.onChange(f.path, model.getValue()));
      made.set(f.path, model);
    }
    models.current = made;
    const ed = monaco.editor.create(host.current, {
      model: made.get(latest.current.active) ?? null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      tabSize: 4,
      insertSpaces: false,
      wordWrap: 'on',
      lineNumbersMinChars: 3,
      ariaLabel: latest.current.ariaLabel,
      accessibilitySupport: 'auto',
      fixedOverflowWidgets: true,
    });
    editor.current = ed;
    latest.current.onReady?.();
    return () => {
      ed.dispose();
      for (const m of made.values()) m.dispose();
      editor.current = null;
    };
  }, []);

  // Switches the shown file, keeping the view state of the one left.
  useEffect(() => {
    const ed = editor.current;
    const model = models.current.get(props.active);
    if (!ed || !model || ed.getModel() === model) return;
    const previous = ed.getModel();
    for (const [path, m] of models.current) if (m === previous) views.current.set(path, ed.saveViewState());
    ed.setModel(model);
    const view = views.current.get(props.active);
    if (view) ed.restoreViewState(view);
  }, [props.active]);

  useEffect(() => {
    const readOnly = props.files.find((f) => f.path === props.active)?.readOnly ?? false;
    editor.current?.updateOptions({
      readOnly,
      readOnlyMessage: { value: translate({ id: 'lab.readOnly', message: 'This file is read-only in this lab.' }) },
    });
  }, [props.active, props.files]);

  useEffect(() => {
    monaco.editor.setTheme(props.dark ? 'vs-dark' : 'vs');
  }, [props.dark]);

  // Compiler diagnostics become markers on their files.
  useEffect(() => {
    for (const [path, model] of models.current) {
      const markers = props.diagnostics
        .filter((d) => d.file === path)
        .map((d) => ({
          severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: d.message,
          startLineNumber: d.line,
          endLineNumber: d.line,
          startColumn: d.column ?? model.getLineFirstNonWhitespaceColumn(Math.min(d.line, model.getLineCount())) ?? 1,
          endColumn: model.getLineMaxColumn(Math.min(d.line, model.getLineCount())),
          source: 'tcc',
        }));
      monaco.editor.setModelMarkers(model, 'tcc', markers);
    }
  }, [props.diagnostics]);

  useImperativeHandle(
    ref,
    () => ({
      getText: (path) => models.current.get(path)?.getValue() ?? '',
      replaceText(path, text) {
        const model = models.current.get(path);
        if (!model || model.getValue() === text) return;
        model.pushStackElement();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        model.pushStackElement();
      },
      undo(path) {
        const model = models.current.get(path);
        if (model) void model.undo();
      },
      focus: () => editor.current?.focus(),
    }),
    [],
  );

  return <div ref={host} className={styles.editor} data-testid="code-editor" />;
});

export default CodeEditor;
