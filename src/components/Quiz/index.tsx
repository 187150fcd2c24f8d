import { useId, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import { translate } from '@docusaurus/Translate';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import { grade, questionProblems, toggle, type Grade, type QuizQuestion } from './grade';
import { progressStore, useProgress } from '../../progress/useProgress';
import styles from './styles.module.css';

type Phase = 'answering' | 'checked' | 'revealed';

function verdictText(q: QuizQuestion, g: Grade): string {
  if (g.correct) return translate({ id: 'quiz.correct', message: 'Correct. The explanations are below each option.' });
  if (g.wrong.length > 0) {
    return translate(
      { id: 'quiz.wrong', message: 'Not quite: {count} of your choices is wrong. Read why, then try again.' },
      { count: g.wrong.length },
    );
  }
  const right = q.options.filter((o) => o.correct).length;
  return translate(
    { id: 'quiz.incomplete', message: 'Not yet: you found {found} of {total} right answers. Try again.' },
    { found: right - g.missed.length, total: right },
  );
}

/** One quiz question with per-option explanations; its last result is kept in the reader's progress. */
export default function Quiz(props: QuizQuestion): ReactNode {
  const { metadata } = useDoc();
  const progress = useProgress();
  const uid = useId();
  const [selection, setSelection] = useState<number[]>([]);
  const [phase, setPhase] = useState<Phase>('answering');
  const [status, setStatus] = useState('');
  const problems = questionProblems(props);
  if (problems.length > 0) throw new Error(`${metadata.source}: ${problems.join(' ')}`);

  const multiple = props.multiple ?? false;
  const result = grade(props, selection);
  const previous = progress.chapters[metadata.id]?.quizzes[props.id];

  const check = () => {
    setPhase('checked');
    setStatus(verdictText(props, result));
    progressStore().recordQuiz(metadata.id, props.id, result.correct);
  };
  const retry = () => {
    setSelection([]);
    setPhase('answering');
    setStatus('');
  };
  const reveal = () => {
    setPhase('revealed');
    setStatus(translate({ id: 'quiz.revealed', message: 'The right answers are marked, each with its explanation.' }));
  };

  const showExplanation = (i: number) =>
    phase === 'revealed' || (phase === 'checked' && (result.correct || selection.includes(i)));

  return (
    <section className={styles.quiz} aria-labelledby={`${uid}-legend`}>
      <fieldset className={styles.fieldset}>
        <legend id={`${uid}-legend`} className={styles.question}>
          {props.question}
        </legend>
        <p className={styles.instructions}>
          {multiple
            ? translate({ id: 'quiz.multiple', message: 'Select all that apply.' })
            : translate({ id: 'quiz.single', message: 'Choose one answer.' })}
        </p>
        {props.options.map((option, i) => {
          const chosen = selection.includes(i);
          const judged = phase !== 'answering' && (chosen || phase === 'revealed' || result.correct);
          return (
            <div
              key={option.text}
              className={clsx(styles.option, judged && (option.correct ? styles.right : chosen && styles.wrong))}
            >
              <input
                type={multiple ? 'checkbox' : 'radio'}
                id={`${uid}-${i}`}
                name={`${uid}-options`}
                checked={chosen}
                disabled={phase !== 'answering'}
                onChange={() => setSelection(toggle(selection, i, multiple))}
              />
              <label htmlFor={`${uid}-${i}`}>{option.text}</label>
              {showExplanation(i) && (
                <p className={styles.explanation}>
                  <strong>
                    {option.correct
                      ? translate({ id: 'quiz.optionRight', message: 'Right.' })
                      : translate({ id: 'quiz.optionWrong', message: 'Wrong.' })}
                  </strong>{' '}
                  {option.explanation}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
      <div className={styles.actions}>
        {phase === 'answering' ? (
          <button type="button" className="button button--primary" disabled={selection.length === 0} onClick={check}>
            {translate({ id: 'quiz.check', message: 'Check answer' })}
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={retry}>
            {translate({ id: 'quiz.retry', message: 'Try again' })}
          </button>
        )}
        {phase === 'checked' && !result.correct && (
          <button type="button" className="button button--link" onClick={reveal}>
            {translate({ id: 'quiz.reveal', message: 'Show the answer' })}
          </button>
        )}
        {phase === 'answering' && previous && (
          <span className={styles.previous}>
            {previous.correct
              ? translate({ id: 'quiz.previousRight', message: 'You answered this correctly before.' })
              : translate({ id: 'quiz.previousWrong', message: 'Your last answer was not right.' })}
          </span>
        )}
      </div>
      <p role="status" aria-live="polite" className={styles.status}>
        {status}
      </p>
    </section>
  );
}
