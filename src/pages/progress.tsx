import { useState, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ChapterInfo } from '../plugins/chapters';
import { chapterSummary } from '../progress/store';
import { progressStore, useProgress } from '../progress/useProgress';
import styles from './progress.module.css';

function ResetButton(): ReactNode {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button button--outline button--danger" onClick={() => setConfirming(true)}>
        <Translate id="progress.reset">Reset my progress</Translate>
      </button>
    );
  }
  return (
    <div className={styles.confirm} role="alertdialog" aria-labelledby="reset-question">
      <p id="reset-question">
        <Translate id="progress.resetQuestion">
          Forget every read mark and quiz result stored in this browser? This cannot be undone.
        </Translate>
      </p>
      <button
        type="button"
        className="button button--danger"
        autoFocus
        onClick={() => {
          progressStore().reset();
          setConfirming(false);
        }}
      >
        <Translate id="progress.resetConfirm">Yes, reset</Translate>
      </button>{' '}
      <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
        <Translate id="progress.resetCancel">Keep it</Translate>
      </button>
    </div>
  );
}

/** The reader's progress through the book, kept only in this browser. */
export default function ProgressPage(): ReactNode {
  const { chapters } = usePluginData('orbit-chapters') as { chapters: ChapterInfo[] };
  const progress = useProgress();
  const rows = chapters.map((c) => ({ ...c, ...chapterSummary(progress, c.id) }));
  const read = rows.filter((r) => r.read).length;
  return (
    <Layout
      title={translate({ id: 'progress.title', message: 'Your progress' })}
      description={translate({
        id: 'progress.description',
        message: 'Chapters read and quiz results, stored in your browser.',
      })}
    >
      <main className="container margin-vert--lg">
        <h1>
          <Translate id="progress.title">Your progress</Translate>
        </h1>
        <p>
          <Translate id="progress.privacy">
            Your progress is stored only in this browser (localStorage). Nothing is sent anywhere.
          </Translate>
        </p>
        <p className={styles.summary} aria-live="polite">
          <Translate id="progress.summary" values={{ read, total: rows.length }}>
            {'{read} of {total} chapters read'}
          </Translate>
        </p>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">
                <Translate id="progress.chapter">Chapter</Translate>
              </th>
              <th scope="col">
                <Translate id="progress.readColumn">Read</Translate>
              </th>
              <th scope="col">
                <Translate id="progress.quizColumn">Quiz questions right</Translate>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={r.permalink}>{r.title}</Link>
                </td>
                <td>{r.read ? '✓' : '–'}</td>
                <td>{r.quizzes === 0 ? '–' : `${r.correct} / ${r.quizzes}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ResetButton />
      </main>
    </Layout>
  );
}
