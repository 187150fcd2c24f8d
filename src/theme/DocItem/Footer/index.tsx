import type { ReactNode } from 'react';
import Footer from '@theme-original/DocItem/Footer';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import ReadMark from '@site/src/components/ReadMark';

/** The theme's doc footer, preceded by the chapter's read mark. */
export default function FooterWrapper(): ReactNode {
  const { metadata } = useDoc();
  return (
    <>
      <ReadMark docId={metadata.id} />
      <Footer />
    </>
  );
}
