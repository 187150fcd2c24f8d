import type { ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import styles from '../Defined/styles.module.css';

/**
 * Marks the numbers of its sentence as measured in this repository, by the
 * bench, lab or test at `by` (a path from the repository root). The content
 * check accepts a number in prose only when its sentence is cited or marked.
 */
export default function Measured({ by }: { by: string }): ReactNode {
  return (
    <span className={styles.source}>
      {translate({ id: 'numberSource.measured', message: 'measured:' })} <code>{by}</code>
    </span>
  );
}
