// Browser-only: the compiler in a Worker of its own (compiler.worker.ts), as a
// LabCompiler for LabRunner. One Worker per page, started by the first lab.
import type { LabCompiler } from '../labs/runner';
import type { CompileRequest, CompileResult } from './compiler';
import type { FromCompiler, ToCompiler } from './protocol';

export type CompilerStatus =
  { phase: 'download'; loaded: number; total: number } | { phase: 'ready' } | { phase: 'error'; message: string };

export interface PageCompiler extends LabCompiler {
  readonly status: CompilerStatus;
  /** Calls `listener` with every change of status; returns the unsubscribe function. */
  subscribe(listener: (status: CompilerStatus) => void): () => void;
}

/** Starts the compiler's Worker, which loads the compiler from `base` (absolute URL of static/tcc/). */
export function startPageCompiler(base: string): PageCompiler {
  const listeners = new Set<(status: CompilerStatus) => void>();
  const pending = new Map<number, { resolve: (r: CompileResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let status: CompilerStatus = { phase: 'download', loaded: 0, total: 0 };
  let settle: { resolve: () => void; reject: (e: Error) => void } = { resolve: () => {}, reject: () => {} };
  const ready = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Unhandled until a Run waits for it.
  ready.catch(() => undefined);

  const setStatus = (next: CompilerStatus): void => {
    status = next;
    for (const listener of listeners) listener(next);
  };
  const fail = (message: string): void => {
    if (status.phase !== 'error') setStatus({ phase: 'error', message });
    settle.reject(new Error(message));
    for (const { reject } of pending.values()) reject(new Error(message));
    pending.clear();
  };

  let worker: Worker;
  try {
    worker = new Worker(new URL('./compiler.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return handle(() => Promise.reject(new Error(`the in-page compiler did not start`)));
  }
  worker.onmessage = ({ data }: MessageEvent<FromCompiler>) => {
    if (data.type === 'progress') setStatus({ phase: 'download', loaded: data.loaded, total: data.total });
    else if (data.type === 'ready') {
      setStatus({ phase: 'ready' });
      settle.resolve();
    } else if (data.type === 'load-failed') fail(data.message);
    else {
      const waiting = pending.get(data.id);
      pending.delete(data.id);
      if (data.type === 'result') waiting?.resolve(data.result);
      else waiting?.reject(new Error(data.message));
    }
  };
  worker.onerror = (event) => fail(event.message || 'the compiler Worker failed to start');
  worker.postMessage({ type: 'load', base } satisfies ToCompiler);

  return handle(async (request) => {
    await ready;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'compile', id, request } satisfies ToCompiler);
    });
  });

  function handle(compile: (request: CompileRequest) => Promise<CompileResult>): PageCompiler {
    return {
      get status() {
        return status;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      compile,
    };
  }
}
