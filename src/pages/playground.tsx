import { lazy, Suspense, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import BrowserOnly from '@docusaurus/BrowserOnly';
import Translate, { translate } from '@docusaurus/Translate';

// Monaco, xterm.js and v86 load only here and on lab pages.
const Playground = lazy(() => import('../components/Playground'));

function Loading(): ReactNode {
  return (
    <p role="status" style={{ padding: '2rem' }}>
      <Translate id="playground.loading">Loading the editor and the Linux VM…</Translate>
    </p>
  );
}

/** Free exploration: a terminal on the course VM and an editor for any file, no lab attached. */
export default function PlaygroundPage(): ReactNode {
  return (
    <Layout
      title={translate({ id: 'playground.title', message: 'Playground' })}
      description={translate({
        id: 'playground.description',
        message: "A Linux terminal and a C editor in your browser, on the course's VM.",
      })}
    >
      <main>
        <div className="container" style={{ paddingTop: '1rem' }}>
          <h1 style={{ marginBottom: '0.25rem' }}>
            <Translate id="playground.title">Playground</Translate>
          </h1>
          <p style={{ marginBottom: 0 }}>
            <Translate id="playground.lead">
              A shell on the course&apos;s Linux VM (right) and an editor for any file in it (left). Nothing here is
              graded or uploaded; the editor&apos;s text is kept in this browser.
            </Translate>
          </p>
        </div>
        <BrowserOnly fallback={<Loading />}>
          {() => (
            <Suspense fallback={<Loading />}>
              <Playground />
            </Suspense>
          )}
        </BrowserOnly>
      </main>
    </Layout>
  );
}
