import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import useBaseUrl from '@docusaurus/useBaseUrl';
import siteConfig from '@generated/docusaurus.config';
import CodeBlock from '@theme/CodeBlock';
import { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { localTitle } from '../../labs/schema';
import type { LabBundle } from '../../labs/load';
import styles from './styles.module.css';

// Monaco, xterm.js and v86 live in this lazy chunk: only pages with a lab load them.
const LabWorkspace = lazy(() => import('../LabWorkspace'));

/** Starts restoring the VM while the workspace's code (Monaco, xterm.js) is still loading. */
function startVmEarly(vmBase: string): void {
  void import('../../vm/browser/useVm').then((m) => m.startVmEarly(vmBase));
}

// This module runs as the app starts (MDXComponents registers Lab): when the server-rendered
// page holds a lab, the VM starts restoring before React hydrates the page.
if (ExecutionEnvironment.canUseDOM && document.querySelector('[data-lab]')) {
  startVmEarly(`${siteConfig.baseUrl}vm/`);
}

export interface LabProps {
  /** The lab folder's name under labs/, e.g. "00-playground". */
  id: string;
  /** The lab's spec and files as JSON, filled in at build time by src/labs/remark.ts. */
  data?: string;
}

/** What the page shows before the lab environment has loaded: the starter code. */
function StaticLab({ bundle }: { bundle: LabBundle }): ReactNode {
  const { spec, starter } = bundle;
  return (
    <div className={styles.fallback} data-vm-state="loading">
      <p role="status" className={styles.loading}>
        {translate({
          id: 'lab.loading',
          message: 'Loading the editor and the Linux VM… Here is the starter code meanwhile.',
        })}
      </p>
      {[...spec.files, ...spec.readonly].map((path) => (
        <CodeBlock key={path} language={/\.[ch]$/.test(path) ? 'c' : 'text'} title={path}>
          {starter[path] ?? ''}
        </CodeBlock>
      ))}
    </div>
  );
}

/** A lab inside a chapter: editor, terminal on the VM, Run, Check and the rest. */
export default function Lab({ id, data }: LabProps): ReactNode {
  if (data === undefined) {
    throw new Error(`<Lab id="${id}"> has no data: is src/labs/remark.ts in the docs remarkPlugins?`);
  }
  const bundle = useMemo(() => JSON.parse(data) as LabBundle, [data]);
  const vmBase = useBaseUrl('/vm/');
  const { i18n } = useDocusaurusContext();
  // After a client-side navigation to this page (no early start above).
  useEffect(() => startVmEarly(vmBase), [vmBase]);
  const { spec } = bundle;
  const title = localTitle(spec, i18n.currentLocale);
  const points = spec.tests.reduce((sum, t) => sum + t.points, 0);
  return (
    <section
      className={styles.lab}
      aria-label={translate({ id: 'lab.heading', message: 'Lab: {title}' }, { title })}
      data-lab={spec.id}
    >
      <header className={styles.header}>
        <strong>{translate({ id: 'lab.heading', message: 'Lab: {title}' }, { title })}</strong>
        {spec.tests.length > 0 && (
          <span className={styles.meta}>
            {translate(
              { id: 'lab.meta', message: 'version {version} · {tests} tests · {points} points' },
              { version: spec.version, tests: spec.tests.length, points },
            )}
          </span>
        )}
      </header>
      <BrowserOnly fallback={<StaticLab bundle={bundle} />}>
        {() => (
          <Suspense fallback={<StaticLab bundle={bundle} />}>
            <LabWorkspace bundle={bundle} />
          </Suspense>
        )}
      </BrowserOnly>
    </section>
  );
}
