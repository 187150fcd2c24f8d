import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useColorMode } from '@docusaurus/theme-common';
import { translate } from '@docusaurus/Translate';
import CodeEditor, { type CodeEditorHandle } from '../CodeEditor';
import Terminal, { type TerminalHandle } from '../Terminal';
import { LabStore, newTabId } from '../../labs/storage';
import { describeVmStatus, useVm } from '../../labs/useVm';
import { shellQuote } from '../../vm/protocol';
import styles from './styles.module.css';

const STARTER = `#include <stdio.h>

int main(void)
{
\tprintf("Hello from the playground\\n");
\treturn 0;
}
`;

/** The guest command that runs `path`: C is compiled with tcc, anything else goes to sh. */
function runCommand(path: string): string {
  const file = shellQuote(path);
  return path.endsWith('.c') ? `tcc -Wall -o /tmp/a.out ${file} && /tmp/a.out` : `sh ${file}`;
}

const notReady = () => translate({ id: 'playground.notReady', message: 'The VM is not ready yet.' });

/** A full-size terminal on the VM plus an editor for any guest file; no lab attached. */
export default function Playground(): ReactNode {
  const dark = useColorMode().colorMode === 'dark';
  const { vm, status, restart } = useVm();
  const store = useMemo(() => new LabStore(window.localStorage, 'playground', newTabId()), []);
  const initial = useMemo(() => store.load('scratch')?.text ?? STARTER, [store]);
  const files = useMemo(() => [{ path: 'scratch.c', text: initial, readOnly: false }], [initial]);
  const editor = useRef<CodeEditorHandle>(null);
  const terminal = useRef<TerminalHandle>(null);
  const [path, setPath] = useState('/tmp/main.c');
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (vm) vm.console.send('\n');
  }, [vm]);

  /** Runs `work` and reports failures in the status line. */
  async function guard(work: () => Promise<string>): Promise<void> {
    try {
      setMessage(await work());
    } catch (error) {
      setMessage(
        translate(
          { id: 'playground.failed', message: 'Failed: {error}' },
          { error: error instanceof Error ? error.message : String(error) },
        ),
      );
    }
  }

  const open = () =>
    guard(async () => {
      if (!vm) return notReady();
      const text = new TextDecoder().decode(await vm.readFile(path));
      editor.current?.replaceText('scratch.c', text);
      return translate({ id: 'playground.opened', message: 'Opened {path}.' }, { path });
    });
  const save = () =>
    guard(async () => {
      if (!vm) return notReady();
      await vm.writeFile(path, editor.current?.getText('scratch.c') ?? '');
      return translate({ id: 'playground.saved', message: 'Saved {path} in the VM.' }, { path });
    });
  const run = () =>
    guard(async () => {
      if (!vm) return notReady();
      await vm.writeFile(path, editor.current?.getText('scratch.c') ?? '');
      const command = runCommand(path);
      const r = await vm.exec(['sh', '-c', command], { timeoutMs: 20_000, user: 'student', cwd: '/tmp' });
      terminal.current?.write(`\n\x1b[2m── ${command}\x1b[0m\n${r.output}${r.timedOut ? '(stopped: too long)\n' : ''}`);
      return translate(
        { id: 'playground.ran', message: '{path} ran: exit status {status}.' },
        { path, status: r.exitCode },
      );
    });

  const ready = vm !== null;
  return (
    <div className={styles.playground} data-vm-state={status.phase}>
      <div className={styles.side}>
        <div className={styles.bar}>
          <label className={styles.pathLabel}>
            {translate({ id: 'playground.file', message: 'File in the VM' })}
            <input className={styles.path} value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
          </label>
          <button
            type="button"
            className="button button--sm button--secondary"
            disabled={!ready}
            onClick={() => void open()}
          >
            {translate({ id: 'playground.open', message: 'Open' })}
          </button>
          <button
            type="button"
            className="button button--sm button--secondary"
            disabled={!ready}
            onClick={() => void save()}
          >
            {translate({ id: 'playground.save', message: 'Save to VM' })}
          </button>
          <button
            type="button"
            className="button button--sm button--primary"
            disabled={!ready}
            onClick={() => void run()}
          >
            {translate({ id: 'lab.run', message: 'Run' })}
          </button>
          <button type="button" className="button button--sm button--outline button--secondary" onClick={restart}>
            {translate({ id: 'lab.restart', message: 'Restart VM' })}
          </button>
        </div>
        <div className={styles.editor}>
          <CodeEditor
            ref={editor}
            files={files}
            active="scratch.c"
            dark={dark}
            diagnostics={[]}
            ariaLabel={translate({ id: 'playground.editor', message: 'Code editor' })}
            onChange={(_, text) => store.save('scratch', text, true)}
          />
        </div>
        <p role="status" aria-live="polite" className={styles.status}>
          {message || describeVmStatus(status)}
        </p>
      </div>
      <div className={styles.terminal}>
        <Terminal
          ref={terminal}
          console={vm?.console ?? null}
          dark={dark}
          ariaLabel={translate({ id: 'playground.terminal', message: 'Linux terminal (serial console)' })}
        />
      </div>
    </div>
  );
}
