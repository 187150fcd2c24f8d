import type { ReactNode } from 'react';
import type { CheckReport } from '../../labs/score';
import styles from './styles.module.css';

/** The per-test table of the last Check. */
export default function Results({ report }: { report: CheckReport }): ReactNode {
  return (
    <table className={styles.results} aria-label="Test results">
      <caption>
        Check: {report.earned} / {report.total} points
      </caption>
      <thead>
        <tr>
          <th scope="col">Test</th>
          <th scope="col">Result</th>
          <th scope="col">Points</th>
        </tr>
      </thead>
      <tbody>
        {report.tests.map((t) => (
          <tr key={t.id} className={t.passed ? styles.pass : styles.fail}>
            <td>{t.title}</td>
            <td>
              {t.passed ? '✓ passed' : '✗ failed'}
              {t.reason && <div className={styles.reason}>{t.reason}</div>}
              {t.asserts.flatMap((a) => a.diagnostics).length > 0 && (
                <pre className={styles.diag}>{t.asserts.flatMap((a) => a.diagnostics).join('\n')}</pre>
              )}
            </td>
            <td>
              {t.earned} / {t.points}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
