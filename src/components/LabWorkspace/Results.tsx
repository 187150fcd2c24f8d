import type { ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { withoutTimings, type GradeReport, type TestStatus } from '../../grader';
import { localTitle, type LabSpec } from '../../labs/schema';
import styles from './styles.module.css';

/** The result column's words for each test status, in the site's language. */
function statusLabel(status: TestStatus): string {
  switch (status) {
    case 'passed':
      return translate({ id: 'lab.results.passed', message: '✓ passed' });
    case 'failed':
      return translate({ id: 'lab.results.failed', message: '✗ failed' });
    case 'timeout':
      return translate({ id: 'lab.results.timeout', message: '✗ timed out' });
    case 'crashed':
      return translate({ id: 'lab.results.crashed', message: '✗ crashed the VM' });
    case 'error':
      return translate({ id: 'lab.results.error', message: '! not run' });
  }
}

/** The per-test table of the last Check; test titles in the site's language. */
export default function Results({ report, spec }: { report: GradeReport; spec: LabSpec }): ReactNode {
  const { i18n } = useDocusaurusContext();
  const titles = new Map(spec.tests.map((t) => [t.id, localTitle(t, i18n.currentLocale)]));
  return (
    // data-report: the whole report, so a browser test can compare it with the CLI's.
    <table
      className={styles.results}
      aria-label={translate({ id: 'lab.results.label', message: 'Test results' })}
      data-report={JSON.stringify(withoutTimings(report))}
    >
      <caption>
        {translate(
          { id: 'lab.results.caption', message: 'Check: {earned} / {total} points' },
          { earned: report.score, total: report.maxScore },
        )}
      </caption>
      <thead>
        <tr>
          <th scope="col">{translate({ id: 'lab.results.test', message: 'Test' })}</th>
          <th scope="col">{translate({ id: 'lab.results.result', message: 'Result' })}</th>
          <th scope="col">{translate({ id: 'lab.results.points', message: 'Points' })}</th>
        </tr>
      </thead>
      <tbody>
        {report.tests.map((t) => (
          <tr key={t.id} className={t.status === 'passed' ? styles.pass : styles.fail} data-status={t.status}>
            <td>{titles.get(t.id) ?? t.title}</td>
            <td>
              {statusLabel(t.status)}
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
