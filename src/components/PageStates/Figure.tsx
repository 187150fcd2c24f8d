import type { ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import { MARKS, type Mark, type PageStep } from './parse';
import { LETTER, markMeaning, markName, sideName, stepName } from './labels';
import styles from './styles.module.css';

const SIDES = ['main', 'orbit'] as const;
const CELL = 34;
const LABEL = 56;
const HEAD = 18;

/** One cell: the mark's colour and its letter. */
function Cell({ x, y, mark, side, page }: { x: number; y: number; mark: Mark; side: string; page: number }) {
  return (
    <g data-side={side} data-page={page} data-mark={mark}>
      <rect x={x + 1} y={y + 1} width={CELL - 2} height={CELL - 2} rx={3} className={styles[mark]} />
      <text x={x + CELL / 2} y={y + CELL / 2} className={styles.letter}>
        {LETTER[mark]}
      </text>
    </g>
  );
}

/** Main's and the orbit's pages of the area at one step, as two rows of cells. */
function Grid({ step }: { step: PageStep }): ReactNode {
  const width = LABEL + step.pages.length * CELL;
  return (
    <svg viewBox={`0 0 ${width} ${HEAD + 2 * CELL}`} width={width} className={styles.grid} aria-hidden="true">
      {step.pages.map((_, i) => (
        <text key={i} x={LABEL + i * CELL + CELL / 2} y={HEAD / 2} className={styles.head}>
          {i}
        </text>
      ))}
      {SIDES.map((side, row) => (
        <g key={side}>
          <text x={0} y={HEAD + row * CELL + CELL / 2} className={styles.side}>
            {sideName(side)}
          </text>
          {step.pages.map((pair, i) => (
            <Cell key={i} x={LABEL + i * CELL} y={HEAD + row * CELL} mark={pair[side].mark} side={side} page={i} />
          ))}
        </g>
      ))}
    </svg>
  );
}

function frameText(frame: number, count: number): string {
  return frame ? `0x${frame.toString(16)} (×${count})` : '–';
}

/** The same step as a table: the accessible text form, with frames and mapping counts. */
function StepTable({ step }: { step: PageStep }): ReactNode {
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">{translate({ id: 'pageStates.table.page', message: 'Page' })}</th>
          {SIDES.map((side) => (
            <th key={side} scope="col">
              {translate(
                { id: 'pageStates.table.side', message: '{side}: frame (mappings), mark' },
                { side: sideName(side) },
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {step.pages.map((pair, i) => (
          <tr key={i}>
            <th scope="row">{i}</th>
            {SIDES.map((side) => (
              <td key={side}>
                {frameText(pair[side].frame, pair[side].count)}, {markName(pair[side].mark)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What each colour and letter means. */
export function Legend(): ReactNode {
  return (
    <dl className={styles.legend}>
      {MARKS.map((mark) => (
        <div key={mark}>
          <dt>
            <span className={`${styles.swatch} ${styles[mark]}`} aria-hidden="true">
              {LETTER[mark]}
            </span>
            {markName(mark)}
          </dt>
          <dd>{markMeaning(mark)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Every step so far: a grid each, and its table behind a disclosure. */
export default function Figure({ steps }: { steps: PageStep[] }): ReactNode {
  return (
    <ol className={styles.steps}>
      {steps.map((step, n) => (
        <li key={n} data-step={step.step}>
          <figure className={styles.figure}>
            <figcaption>{stepName(step.step)}</figcaption>
            <Grid step={step} />
            <details>
              <summary>{translate({ id: 'pageStates.table.summary', message: 'Frames and marks as a table' })}</summary>
              <StepTable step={step} />
            </details>
          </figure>
        </li>
      ))}
    </ol>
  );
}
