// The figure's words, translated: marks, sides and the program's step names.
import { translate } from '@docusaurus/Translate';
import type { Mark } from './parse';

/** The letter drawn in a cell, so that no mark is told by its colour alone. */
export const LETTER: Record<Mark, string> = { shared: 'S', copied: 'C', new: 'N', zero: 'Z', absent: '–' };

export function markName(mark: Mark): string {
  switch (mark) {
    case 'shared':
      return translate({ id: 'pageStates.mark.shared', message: 'shared' });
    case 'copied':
      return translate({ id: 'pageStates.mark.copied', message: 'copied' });
    case 'new':
      return translate({ id: 'pageStates.mark.new', message: 'new' });
    case 'zero':
      return translate({ id: 'pageStates.mark.zero', message: 'zero page' });
    case 'absent':
      return translate({ id: 'pageStates.mark.absent', message: 'no page' });
  }
}

export function markMeaning(mark: Mark): string {
  switch (mark) {
    case 'shared':
      return translate({ id: 'pageStates.meaning.shared', message: 'main and the orbit map one frame' });
    case 'copied':
      return translate({
        id: 'pageStates.meaning.copied',
        message: 'a frame of its own, the one it already mapped at the previous step',
      });
    case 'new':
      return translate({
        id: 'pageStates.meaning.new',
        message: 'a frame of its own, new since the previous step (a copy-on-write fault or an install)',
      });
    case 'zero':
      return translate({ id: 'pageStates.meaning.zero', message: "the kernel's shared zero page (not counted)" });
    case 'absent':
      return translate({ id: 'pageStates.meaning.absent', message: 'no page mapped' });
  }
}

export function sideName(side: 'main' | 'orbit'): string {
  return side === 'main'
    ? translate({ id: 'pageStates.side.main', message: 'main' })
    : translate({ id: 'pageStates.side.orbit', message: 'orbit' });
}

/** The program prints its steps in English; the page shows them in the reader's language. */
export function stepName(step: string): string {
  switch (step) {
    case 'after orbit_create (a fork)':
      return translate({ id: 'pageStates.step.create', message: 'After orbit_create (a fork)' });
    case 'after a call':
      return translate({ id: 'pageStates.step.call', message: 'After a call' });
    case 'after main writes pages 0-2':
      return translate({ id: 'pageStates.step.write', message: 'After main writes pages 0–2' });
    case 'after the next call':
      return translate({ id: 'pageStates.step.next', message: 'After the next call' });
    default:
      return step;
  }
}
