import type { ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import styles from './styles.module.css';

/**
 * Marks the numbers of its sentence as defined by this repository's code (a
 * limit, a constant) in the file `in`, a path from the repository root.
 */
export default function Defined({ in: file }: { in: string }): ReactNode {
  return (
    <span className={styles.source}>
      {translate({ id: 'numberSource.defined', message: 'defined in' })} <code>{file}</code>
    </span>
  );
}
