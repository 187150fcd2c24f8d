/** The pure logic of a quiz question: checking its definition, selecting and grading. */

export interface QuizOption {
  text: string;
  correct: boolean;
  explanation: string;
}

export interface QuizQuestion {
  id: string;
  question: string;
  multiple?: boolean;
  options: QuizOption[];
}

/** Problems with a question's definition, phrased for the chapter's author. */
export function questionProblems(q: QuizQuestion): string[] {
  const problems: string[] = [];
  const where = `<Quiz id="${q.id}">`;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(q.id)) problems.push(`${where}: id must be lowercase words joined by dashes.`);
  if (!q.question.trim()) problems.push(`${where}: question is empty.`);
  if (q.options.length < 2) problems.push(`${where}: give at least two options.`);
  const right = q.options.filter((o) => o.correct).length;
  if (right === 0) problems.push(`${where}: mark at least one option correct: true.`);
  if (!q.multiple && right > 1)
    problems.push(`${where}: ${right} options are correct; add the multiple prop or keep one.`);
  q.options.forEach((o, i) => {
    if (!o.text.trim()) problems.push(`${where}: option ${i + 1} has no text.`);
    if (!o.explanation.trim()) problems.push(`${where}: option ${i + 1} needs an explanation.`);
  });
  const texts = q.options.map((o) => o.text.trim());
  if (new Set(texts).size !== texts.length) problems.push(`${where}: two options have the same text.`);
  return problems;
}

/** The selection after the reader toggles option `index`. */
export function toggle(selection: readonly number[], index: number, multiple: boolean): number[] {
  if (!multiple) return [index];
  return selection.includes(index) ? selection.filter((i) => i !== index) : [...selection, index].sort((a, b) => a - b);
}

export interface Grade {
  correct: boolean;
  /** Right options the reader did not choose. */
  missed: number[];
  /** Wrong options the reader chose. */
  wrong: number[];
}

/** Grades a selection: correct only when exactly the right options are chosen. */
export function grade(q: QuizQuestion, selection: readonly number[]): Grade {
  const missed: number[] = [];
  const wrong: number[] = [];
  q.options.forEach((o, i) => {
    const chosen = selection.includes(i);
    if (o.correct && !chosen) missed.push(i);
    if (!o.correct && chosen) wrong.push(i);
  });
  return { correct: selection.length > 0 && missed.length === 0 && wrong.length === 0, missed, wrong };
}
