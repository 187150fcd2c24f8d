import { lazy, Suspense, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import BrowserOnly from '@docusaurus/BrowserOnly';

// Monaco, xterm.js and v86 load only here and on lab pages.
const Playground = lazy(() => import('../components/Playground'));

function Loading(): ReactNode {
  return (
    <p role="status" style={{ padding: '2rem' }}>
      Loading the editor and the Linux VM…
    </p>
  );
}

/** Free exploration: a terminal on the course VM and an editor for any file, no lab attached. */
export default function PlaygroundPage(): ReactNode {
  return (
    <Layout title="Playground" description="A Linux terminal and a C editor in your browser, on the course's VM.">
      <main>
        <h1
          className="sr-only"
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          Playground
        </h1>
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
