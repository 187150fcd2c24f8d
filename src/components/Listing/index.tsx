import type { ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';

export interface ListingProps {
  /** Path from the repository root. */
  file: string;
  /** Region between `ANCHOR: name` and `ANCHOR_END: name`; the whole file when absent. */
  anchor?: string;
  /** A C function shown by name (for kernel patches, which cannot hold anchors). */
  function?: string;
  lang?: string;
  title?: string;
  /** Filled in at build time by src/listing/remark.ts; never written by hand. */
  code?: string;
}

/** A region of a real source file of this repository, shown as a code block. */
export default function Listing({ file, lang, title, code }: ListingProps): ReactNode {
  if (code === undefined) {
    throw new Error(`<Listing file="${file}"> has no code: is src/listing/remark.ts in the docs remarkPlugins?`);
  }
  const language = lang ?? /\.([a-z0-9]+)$/i.exec(file)?.[1] ?? 'text';
  return (
    <CodeBlock language={language} title={title ?? file}>
      {code}
    </CodeBlock>
  );
}
