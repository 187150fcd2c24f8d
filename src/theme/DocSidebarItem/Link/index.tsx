import type { ComponentProps, ReactNode } from 'react';
import clsx from 'clsx';
import Link from '@theme-original/DocSidebarItem/Link';
import { translate } from '@docusaurus/Translate';
import { chapterSummary } from '@site/src/progress/store';
import { useProgress } from '@site/src/progress/useProgress';
import styles from './styles.module.css';

type Props = ComponentProps<typeof Link>;

/** A sidebar link that shows a check mark once its chapter is marked read. */
export default function LinkWrapper(props: Props): ReactNode {
  const progress = useProgress();
  const { item } = props;
  if (item.docId === undefined || !chapterSummary(progress, item.docId).read) return <Link {...props} />;
  const label = translate({ id: 'progress.sidebarRead', message: '{title} (read)' }, { title: item.label });
  return <Link {...props} item={{ ...item, className: clsx(item.className, styles.read) }} aria-label={label} />;
}
