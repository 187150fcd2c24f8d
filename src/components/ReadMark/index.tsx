import type { ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import Link from '@docusaurus/Link';
import { chapterSummary } from '../../progress/store';
import { progressStore, useProgress } from '../../progress/useProgress';
import styles from './styles.module.css';

/** The "I have read this chapter" toggle at the end of every chapter. */
export default function ReadMark({ docId }: { docId: string }): ReactNode {
  const progress = useProgress();
  const { read } = chapterSummary(progress, docId);
  return (
    <div className={styles.readMark}>
      <button
        type="button"
        className={read ? 'button button--success' : 'button button--outline button--primary'}
        aria-pressed={read}
        onClick={() => progressStore().setRead(docId, !read)}
      >
        {read
          ? translate({ id: 'progress.read', message: '✓ Marked as read' })
          : translate({ id: 'progress.markRead', message: 'Mark this chapter as read' })}
      </button>
      <Link to="/progress/">{translate({ id: 'progress.seeAll', message: 'See your progress' })}</Link>
    </div>
  );
}
