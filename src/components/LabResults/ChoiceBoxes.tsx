import type { ReactNode } from 'react';
import type { Choice } from './choice';
import styles from './styles.module.css';

/** One checkbox per value of `choice`, in a fieldset named by its label. */
export default function ChoiceBoxes({
  choice,
  chosen,
  disabled,
  onToggle,
}: {
  choice: Choice;
  chosen: readonly string[];
  disabled: boolean;
  onToggle: (value: string) => void;
}): ReactNode {
  return (
    <fieldset className={styles.choice} disabled={disabled}>
      <legend>{choice.label}</legend>
      {choice.values.map((value) => (
        <label key={value}>
          <input type="checkbox" checked={chosen.includes(value)} onChange={() => onToggle(value)} />{' '}
          <code>{value}</code>
        </label>
      ))}
    </fieldset>
  );
}
