import type { ReactNode } from 'react';
import { withoutTimings, type GradeReport } from '../../grader';
import styles from './styles.module.css';

const LABEL = {
  passed: '✓ passed',
  failed: '✗ failed',
  timeout: '✗ timed out',
  crashed: '✗ crashed the VM',
  error: '! not run',
} as const;

/** The per-test table of the last Check. */
export default function Results({ report }: { report: GradeReport }): ReactNode {
  return (
    // data-report: the whole report, so a browser test can compare it with the CLI's.
    <table className={styles.results} aria-label="Test results" data-report={JSON.stringify(withoutTimings(report))}>
      <caption>
        Check: {report.score} / {report.maxScore} points
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
          <tr key={t.id} className={t.status === 'passed' ? styles.pass : styles.fail} data-status={t.status}>
            <td>{t.title}</td>
            <td>
              {LABEL[t.status]}
              {t.reason && <div className={styles.reason}>{t.reason}</div>}
              {t.status !== 'passed' && diagnostics(t.output) && (
                <pre className={styles.diag}>{diagnostics(t.output)}</pre>
              )}
            </td>
            <td>
              {t.points} / {t.maxPoints}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The checker's "#" diagnostic lines, without the "#". */
function diagnostics(output: string): string {
  return output
    .split('\n')
    .filter((line) => line.startsWith('#') && !/^# ?TAP version/.test(line))
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n');
}
