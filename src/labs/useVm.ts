/**
 * React hook that restores the course VM in the browser from the site's
 * own files (static/vm/ and v86's wasm as a webpack asset), reports download
 * and boot progress, and restarts or destroys it with the page.
 */
import { useCallback, useEffect, useState } from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { restoreVm, urlAssets, type Vm, type VmProgress } from '../vm';
import { browserStateCache } from '../vm/browser-state-cache';

export type VmStatus =
  | { phase: 'download'; loaded: number; total: number }
  | { phase: 'start' | 'restore' | 'ready' | 'recovered' }
  | { phase: 'error'; message: string };

/** v86's WebAssembly module, emitted by webpack into the build. */
const WASM_URL = new URL('v86/build/v86.wasm', import.meta.url).href;

function statusOf(p: VmProgress): VmStatus {
  if (p.phase === 'download') return { phase: 'download', loaded: p.loaded, total: p.total };
  return { phase: p.phase === 'boot' ? 'start' : p.phase };
}

export function useVm(): { vm: Vm | null; status: VmStatus; restart: () => void } {
  const base = useBaseUrl('/vm/');
  const [generation, setGeneration] = useState(0);
  const [vm, setVm] = useState<Vm | null>(null);
  const [status, setStatus] = useState<VmStatus>({ phase: 'download', loaded: 0, total: 0 });

  useEffect(() => {
    let live = true;
    let made: Vm | null = null;
    // "ready" is reported once, below, together with the Vm it refers to; the restore's own
    // "ready" progress event comes before the Vm exists (and again after a recovery).
    const onProgress = (p: VmProgress): void => {
      if (live && p.phase !== 'ready') setStatus(statusOf(p));
    };
    restoreVm({ assets: urlAssets(base, WASM_URL, browserStateCache(base)), onProgress })
      .then((v) => {
        made = v;
        if (!live) return void v.destroy();
        setVm(v);
        setStatus({ phase: 'ready' });
      })
      .catch((error: unknown) => {
        if (live) setStatus({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
      void made?.destroy();
    };
  }, [base, generation]);

  const restart = useCallback(() => {
    setVm(null);
    setStatus({ phase: 'download', loaded: 0, total: 0 });
    setGeneration((g) => g + 1);
  }, []);
  return { vm, status, restart };
}

/** "1.2 of 4.0 MB" */
function megabytes(loaded: number, total: number): string {
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  return total > 0 ? `${mb(loaded)} of ${mb(total)} MB` : `${mb(loaded)} MB`;
}

/** One line for the status bar. */
export function describeVmStatus(s: VmStatus): string {
  switch (s.phase) {
    case 'download':
      return `Downloading the Linux VM: ${megabytes(s.loaded, s.total)}`;
    case 'start':
      return 'Starting the emulator…';
    case 'restore':
      return 'Restoring the saved machine…';
    case 'ready':
      return 'Linux is ready.';
    case 'recovered':
      return 'The VM stopped answering and was restored; your files are untouched.';
    case 'error':
      return `The VM could not start: ${s.message}`;
  }
}
