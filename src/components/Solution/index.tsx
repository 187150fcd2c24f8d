import { useId, useState, type ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import styles from './styles.module.css';

type State = 'closed' | 'warning' | 'open';

/** A worked solution that stays hidden until the reader confirms they want to see it. */
export default function Solution({ children }: { children: ReactNode }): ReactNode {
  const [state, setState] = useState<State>('closed');
  const bodyId = useId();
  return (
    <div className={styles.solution}>
      {state === 'closed' && (
        <button
          type="button"
          className="button button--outline button--secondary"
          aria-expanded={false}
          aria-controls={bodyId}
          onClick={() => setState('warning')}
        >
          {translate({ id: 'solution.show', message: 'Show solution' })}
        </button>
      )}
      {state === 'warning' && (
        <div className={styles.warning} role="alertdialog" aria-labelledby={`${bodyId}-warn`}>
          <p id={`${bodyId}-warn`}>
            {translate({
              id: 'solution.warning',
              message: 'You learn the most by working the exercise out yourself first. Open the solution anyway?',
            })}
          </p>
          <div className={styles.buttons}>
            <button type="button" className="button button--primary" autoFocus onClick={() => setState('open')}>
              {translate({ id: 'solution.confirm', message: 'Yes, show it' })}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setState('closed')}>
              {translate({ id: 'solution.cancel', message: 'Not yet' })}
            </button>
          </div>
        </div>
      )}
      {state === 'open' && (
        <button
          type="button"
          className="button button--link"
          aria-expanded
          aria-controls={bodyId}
          onClick={() => setState('closed')}
        >
          {translate({ id: 'solution.hide', message: 'Hide solution' })}
        </button>
      )}
      <div id={bodyId} className={styles.body} hidden={state !== 'open'}>
        {children}
      </div>
    </div>
  );
}
