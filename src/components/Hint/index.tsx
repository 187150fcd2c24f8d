import type { ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import styles from './styles.module.css';

/** A collapsed hint; the reader opens it when stuck. */
export default function Hint({ title, children }: { title?: string; children: ReactNode }): ReactNode {
  return (
    <details className={styles.hint}>
      <summary>{title ?? translate({ id: 'hint.title', message: 'Hint' })}</summary>
      <div className={styles.body}>{children}</div>
    </details>
  );
}
