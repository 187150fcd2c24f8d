import { forwardRef, useEffect, useImperativeHandle, useRef, type ReactNode } from 'react';
import { Terminal as XTerm, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { VmConsole } from '../../vm';
import styles from './styles.module.css';

export interface TerminalHandle {
  /** Writes host text (the lab's own messages); "\n" becomes "\r\n". */
  write(text: string): void;
  focus(): void;
}

export interface TerminalProps {
  /** The VM's serial console, or null while no VM runs. */
  console: VmConsole | null;
  dark: boolean;
  ariaLabel: string;
  className?: string;
  /** Ctrl-C goes here first; when it returns true (it stopped something), the guest does not see it. */
  onInterrupt?: () => boolean;
}

const LIGHT: ITheme = {
  background: '#fbfbfd',
  foreground: '#1c1e21',
  cursor: '#1c1e21',
  selectionBackground: '#b3d4fc',
  black: '#1c1e21',
  brightBlack: '#6a6f76',
  green: '#1b7a33',
  red: '#c0262d',
  yellow: '#8a6100',
  blue: '#1f5fbf',
};
const DARK: ITheme = {
  background: '#16171a',
  foreground: '#e3e3e3',
  cursor: '#e3e3e3',
  selectionBackground: '#3b5378',
  brightBlack: '#8b9098',
  green: '#5fd07a',
  red: '#ff6b6b',
  yellow: '#e8c15a',
  blue: '#7aa7ff',
};

/** Ctrl+Shift+C copies the selection and Ctrl+Shift+V pastes, as in desktop terminals. */
function clipboardKeys(term: XTerm): (event: KeyboardEvent) => boolean {
  return (event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC' && term.hasSelection()) {
      void navigator.clipboard?.writeText(term.getSelection());
      return false;
    }
    if (event.code === 'KeyV') {
      void navigator.clipboard?.readText().then((text) => term.paste(text));
      return false;
    }
    return true;
  };
}

/** xterm.js on the VM's serial console: fits its container, screen-reader mode on, scrollback. */
const Terminal = forwardRef<TerminalHandle, TerminalProps>(function Terminal(props, ref): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<XTerm | null>(null);

  // Creates the terminal once and keeps it fitted to its container.
  useEffect(() => {
    if (!host.current) return undefined;
    const t = new XTerm({
      screenReaderMode: true,
      scrollback: 5000,
      convertEol: false,
      fontSize: 14,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK JP", monospace',
      rightClickSelectsWord: true,
    });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.attachCustomKeyEventHandler(clipboardKeys(t));
    t.open(host.current);
    t.textarea?.setAttribute('aria-label', props.ariaLabel);
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // Not laid out yet (hidden): the next resize fits it.
      }
    };
    refit();
    const observer = new ResizeObserver(refit);
    observer.observe(host.current);
    term.current = t;
    return () => {
      observer.disconnect();
      t.dispose();
      term.current = null;
    };
    // The label is set once; later changes go through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    term.current?.textarea?.setAttribute('aria-label', props.ariaLabel);
  }, [props.ariaLabel]);

  useEffect(() => {
    if (term.current) term.current.options.theme = props.dark ? DARK : LIGHT;
  }, [props.dark]);

  // The latest interrupt handler, read when Ctrl-C arrives (not a reason to reconnect).
  const interrupt = useRef(props.onInterrupt);
  useEffect(() => {
    interrupt.current = props.onInterrupt;
  }, [props.onInterrupt]);

  // Connects the console: guest bytes to the screen, keys to the guest.
  useEffect(() => {
    const t = term.current;
    const vmConsole = props.console;
    if (!t || !vmConsole) return undefined;
    const stopOutput = vmConsole.onData((bytes) => t.write(bytes));
    const input = t.onData((data) => {
      if (data === '\x03' && interrupt.current?.()) return;
      vmConsole.send(data);
    });
    return () => {
      stopOutput();
      input.dispose();
    };
  }, [props.console]);

  useImperativeHandle(
    ref,
    () => ({
      write: (text) => term.current?.write(text.replace(/\r?\n/g, '\r\n')),
      focus: () => term.current?.focus(),
    }),
    [],
  );

  return <div ref={host} className={`${styles.terminal} ${props.className ?? ''}`} data-testid="terminal" />;
});

export default Terminal;
