/**
 * The live part of the figure, in its own chunk with v86: restores the VM,
 * runs page-states in it as root and draws each step as it arrives.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import { describeVmStatus, useVm } from '../../vm/browser/useVm';
import Figure from './Figure';
import type { PageStep } from './parse';
import { runPageStates } from './run';
import styles from './styles.module.css';

type RunState = { phase: 'running' } | { phase: 'done' } | { phase: 'error'; message: string };

interface Result {
  round: number;
  steps: PageStep[];
  run: RunState;
}

/** Runs the program once per `round` on the page's VM; steps arrive as the guest prints them. */
function usePageStates(source: string, round: number) {
  const { vm, status, restart } = useVm();
  const [result, setResult] = useState<Result | null>(null);

  useEffect(() => {
    if (!vm) return undefined;
    let live = true;
    const report = (steps: PageStep[], run: RunState) => live && setResult({ round, steps, run });
    runPageStates(vm, source, (steps) => report(steps, { phase: 'running' }))
      .then(({ steps }) => report(steps, { phase: 'done' }))
      .catch((e: unknown) => report([], { phase: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [vm, source, round]);
  // Until this round reports, it is running (once the VM is there).
  const current = result?.round === round ? result : null;
  const run: RunState | null = current?.run ?? (vm ? { phase: 'running' } : null);
  return { status, steps: current?.steps ?? [], run, restart };
}

function statusLine(vmStatus: ReturnType<typeof useVm>['status'], run: RunState | null): string {
  if (!run) return describeVmStatus(vmStatus);
  switch (run.phase) {
    case 'running':
      return translate({
        id: 'pageStates.running',
        message: 'Compiling page-states with tcc and running it as root in the VM…',
      });
    case 'done':
      return translate({ id: 'pageStates.done', message: 'Done: four steps, read from pagemap and kpagecount.' });
    case 'error':
      return translate({ id: 'pageStates.error', message: 'page-states failed: {message}' }, { message: run.message });
  }
}

export default function LiveRun({
  source,
  round,
  onIdle,
}: {
  source: string;
  round: number;
  onIdle: (idle: boolean) => void;
}): ReactNode {
  const { status, steps, run, restart } = usePageStates(source, round);
  const failed = status.phase === 'error' || run?.phase === 'error';
  const state = failed ? 'error' : (run?.phase ?? 'loading');
  useEffect(() => onIdle(state === 'done' || state === 'error'), [state, onIdle]);
  return (
    <div data-page-states={state}>
      <p role={failed ? 'alert' : 'status'} className={failed ? styles.error : styles.status}>
        {statusLine(status, status.phase === 'error' ? null : run)}
      </p>
      {status.phase === 'error' && (
        <button type="button" className="button button--secondary button--sm" onClick={restart}>
          {translate({ id: 'pageStates.retry', message: 'Try to start the VM again' })}
        </button>
      )}
      <Figure steps={steps} />
    </div>
  );
}
