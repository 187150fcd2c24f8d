/**
 * React hook that restores the course VM in the browser from the site's
 * own files (static/vm/ and v86's wasm as a webpack asset), reports download
 * and boot progress, and restarts or destroys it with the page.
 */
import { translate } from '@docusaurus/Translate';
import { useCallback, useEffect, useState } from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { restoreVm, urlAssets, type Vm, type VmProgress } from '..';
import { machineWorker } from './browser-machine';
import { browserStateCache } from './browser-state-cache';

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

/** A restore in flight and its latest status, which a useVm can adopt. */
interface Restore {
  base: string;
  vm: Promise<Vm>;
  status: VmStatus;
  onStatus: ((status: VmStatus) => void) | null;
}

const INITIAL: VmStatus = { phase: 'download', loaded: 0, total: 0 };

/** Starts restoring the VM from the site's `base` URL ("…/vm/"). */
function startRestore(base: string): Restore {
  const holder: Omit<Restore, 'vm'> = { base, status: INITIAL, onStatus: null };
  // "ready" is reported once, by useVm, together with the Vm it refers to; the restore's own
  // "ready" progress event comes before the Vm exists (and again after a recovery).
  // After a failure, downloads still in flight keep reporting; the error must stay on screen.
  let failed = false;
  const onProgress = (p: VmProgress): void => {
    if (p.phase === 'ready' || failed) return;
    holder.status = statusOf(p);
    holder.onStatus?.(holder.status);
  };
  // v86 runs in a Worker: the page's thread stays free for the editor, and the two run in parallel.
  // The first worker is spawned now, to load v86 while the state downloads; a restart
  // after a hung guest gets a worker of its own.
  let spare: ReturnType<typeof machineWorker> | null = machineWorker();
  const vm = restoreVm({
    assets: urlAssets(base, WASM_URL, browserStateCache(base)),
    onProgress,
    startMachine: (spec) => {
      const worker = spare ?? machineWorker();
      spare = null;
      return worker.start(spec);
    },
  }).catch((error: unknown) => {
    failed = true;
    spare?.terminate();
    throw error;
  });
  return Object.assign(holder, { vm });
}

/** A restore started before any useVm mounted (see startVmEarly); the first useVm takes it. */
let early: Restore | null = null;
/** How many useVm hooks are mounted; while one is, it owns the page's VM. */
let mounted = 0;

/**
 * Starts restoring the VM now, while the lab's heavier code (Monaco, xterm.js)
 * still loads; the next useVm on the same `base` adopts it instead of starting its own.
 */
export function startVmEarly(base: string): void {
  if (mounted === 0) early ??= startRestore(base);
}

export function useVm(): { vm: Vm | null; status: VmStatus; restart: () => void } {
  const base = useBaseUrl('/vm/');
  const [generation, setGeneration] = useState(0);
  const [vm, setVm] = useState<Vm | null>(null);
  const [status, setStatus] = useState<VmStatus>(INITIAL);

  useEffect(() => {
    let live = true;
    let made: Vm | null = null;
    mounted++;
    const restore = generation === 0 && early?.base === base ? early : startRestore(base);
    early = null;
    restore.onStatus = (s) => live && setStatus(s);
    // Catch up with what an early restore reported before this hook took it over.
    queueMicrotask(() => live && setStatus(restore.status));
    restore.vm
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
      mounted--;
      live = false;
      restore.onStatus = null;
      void made?.destroy();
    };
  }, [base, generation]);

  const restart = useCallback(() => {
    setVm(null);
    setStatus(INITIAL);
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
      return translate(
        { id: 'vm.download', message: 'Downloading the Linux VM: {size}' },
        { size: megabytes(s.loaded, s.total) },
      );
    case 'start':
      return translate({ id: 'vm.start', message: 'Starting the emulator…' });
    case 'restore':
      return translate({ id: 'vm.restore', message: 'Restoring the saved machine…' });
    case 'ready':
      return translate({ id: 'vm.ready', message: 'Linux is ready.' });
    case 'recovered':
      return translate({
        id: 'vm.recovered',
        message: 'The VM stopped answering and was restored; your files are untouched.',
      });
    case 'error':
      return translate({ id: 'vm.error', message: 'The VM could not start: {message}' }, { message: s.message });
  }
}
