import type { ReactNode } from 'react';
import clsx from 'clsx';
import { toneOf, type Row, type ToneRules } from './parse';
import styles from './styles.module.css';

export interface Column {
  /** The row field shown in this column. */
  key: string;
  label: string;
}

const SYMBOL = { good: '✓ ', warn: '◐ ', bad: '✗ ', neutral: '' } as const;

/** Rows as a table; a cell's colour (and symbol, for those who do not see colour) comes from the tone rules. */
export default function ResultsTable({
  caption,
  columns,
  rows,
  tones,
}: {
  caption: string;
  columns: Column[];
  rows: Row[];
  tones: ToneRules;
}): ReactNode {
  return (
    <table className={styles.table} data-rows={rows.length}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {columns.map((c) => {
              const value = row[c.key] ?? null;
              const tone = toneOf(tones, c.key, value);
              return (
                <td key={c.key} className={clsx(styles[tone])} data-tone={tone}>
                  {SYMBOL[tone]}
                  {value === null ? '–' : String(value)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
