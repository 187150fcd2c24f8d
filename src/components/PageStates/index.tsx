/**
 * `<PageStates />`: the live figure of chapter 5. A button runs
 * labs/examples/page-states.c in the VM as root; the page draws main's and
 * the orbit's pages of one area after each step, marked shared, copied or
 * new from /proc/PID/pagemap and /proc/kpagecount. v86 loads only on the
 * first press, so the chapter's first paint does not wait for it.
 */
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import { translate } from '@docusaurus/Translate';
import { Legend } from './Figure';
import styles from './styles.module.css';

const LiveRun = lazy(() => import('./LiveRun'));

export interface PageStatesProps {
  /** The program's source, filled in at build time by src/components/PageStates/remark.ts. */
  source?: string;
}

function Loading(): ReactNode {
  return (
    <p role="status" className={styles.status}>
      {translate({ id: 'pageStates.loading', message: 'Loading the Linux VM…' })}
    </p>
  );
}

export default function PageStates({ source }: PageStatesProps): ReactNode {
  if (source === undefined) {
    throw new Error('<PageStates> has no source: is src/components/PageStates/remark.ts in the docs remarkPlugins?');
  }
  const [round, setRound] = useState(0);
  const [idle, setIdle] = useState(true);
  const onIdle = useCallback((value: boolean) => setIdle(value), []);
  const start = () => {
    setIdle(false);
    setRound((r) => r + 1);
  };
  const label =
    round === 0
      ? translate({ id: 'pageStates.run', message: 'Run page-states in the VM' })
      : translate({ id: 'pageStates.again', message: 'Run it again' });
  return (
    <section
      className={styles.pageStates}
      aria-label={translate({ id: 'pageStates.label', message: "Live figure: main's and the orbit's pages" })}
    >
      <header className={styles.header}>
        <button type="button" className="button button--primary" onClick={start} disabled={!idle}>
          {label}
        </button>
        <Legend />
      </header>
      {round > 0 && (
        <BrowserOnly fallback={<Loading />}>
          {() => (
            <Suspense fallback={<Loading />}>
              <LiveRun source={source} round={round} onIdle={onIdle} />
            </Suspense>
          )}
        </BrowserOnly>
      )}
    </section>
  );
}
