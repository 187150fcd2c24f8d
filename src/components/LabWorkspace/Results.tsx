import type { ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type { CheckReport } from '../../labs/score';
import { localTitle, type LabSpec } from '../../labs/schema';
import styles from './styles.module.css';

/** The per-test table of the last Check; test titles in the site's language. */
export default function Results({ report, spec }: { report: CheckReport; spec: LabSpec }): ReactNode {
  const { i18n } = useDocusaurusContext();
  const titles = new Map(spec.tests.map((t) => [t.id, localTitle(t, i18n.currentLocale)]));
  return (
    <table className={styles.results} aria-label={translate({ id: 'lab.results.label', message: 'Test results' })}>
      <caption>
        {translate(
          { id: 'lab.results.caption', message: 'Check: {earned} / {total} points' },
          { earned: report.earned, total: report.total },
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
          <tr key={t.id} className={t.passed ? styles.pass : styles.fail}>
            <td>{titles.get(t.id) ?? t.title}</td>
            <td>
              {t.passed
                ? translate({ id: 'lab.results.passed', message: '✓ passed' })
                : translate({ id: 'lab.results.failed', message: '✗ failed' })}
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
