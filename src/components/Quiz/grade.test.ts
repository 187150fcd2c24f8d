import { describe, expect, it } from 'vitest';
import { grade, questionProblems, toggle, type QuizQuestion } from './grade';

const single: QuizQuestion = {
  id: 'single',
  question: 'Which one?',
  options: [
    { text: 'a', correct: false, explanation: 'no' },
    { text: 'b', correct: true, explanation: 'yes' },
    { text: 'c', correct: false, explanation: 'no' },
  ],
};

const multiple: QuizQuestion = {
  id: 'multi',
  question: 'Which ones?',
  multiple: true,
  options: [
    { text: 'a', correct: true, explanation: 'yes' },
    { text: 'b', correct: false, explanation: 'no' },
    { text: 'c', correct: true, explanation: 'yes' },
  ],
};

describe('toggle', () => {
  it('replaces the choice in a single-answer question', () => {
    expect(toggle([0], 2, false)).toEqual([2]);
  });

  it('adds and removes choices in a multiple-answer question, kept sorted', () => {
    expect(toggle([2], 0, true)).toEqual([0, 2]);
    expect(toggle([0, 2], 0, true)).toEqual([2]);
  });
});

describe('grade', () => {
  it('accepts exactly the right option', () => {
    expect(grade(single, [1])).toEqual({ correct: true, missed: [], wrong: [] });
  });

  it('reports a wrong choice and the missed right one', () => {
    expect(grade(single, [0])).toEqual({ correct: false, missed: [1], wrong: [0] });
  });

  it('needs every right option of a multiple-answer question', () => {
    expect(grade(multiple, [0])).toEqual({ correct: false, missed: [2], wrong: [] });
    expect(grade(multiple, [0, 2]).correct).toBe(true);
  });

  it('rejects a right set plus a wrong option', () => {
    expect(grade(multiple, [0, 1, 2])).toEqual({ correct: false, missed: [], wrong: [1] });
  });

  it('treats an empty selection as not correct', () => {
    expect(grade(single, []).correct).toBe(false);
  });
});

describe('questionProblems', () => {
  it('finds nothing wrong with good questions', () => {
    expect(questionProblems(single)).toEqual([]);
    expect(questionProblems(multiple)).toEqual([]);
  });

  it('asks for the multiple prop when several options are right', () => {
    expect(questionProblems({ ...multiple, multiple: false }).join()).toMatch(/add the multiple prop/);
  });

  it('asks for a right option, explanations, and distinct texts', () => {
    const bad: QuizQuestion = {
      id: 'Bad Id',
      question: ' ',
      options: [
        { text: 'x', correct: false, explanation: '' },
        { text: 'x', correct: false, explanation: 'e' },
      ],
    };
    const problems = questionProblems(bad).join('\n');
    expect(problems).toMatch(/lowercase words/);
    expect(problems).toMatch(/question is empty/);
    expect(problems).toMatch(/at least one option correct/);
    expect(problems).toMatch(/option 1 needs an explanation/);
    expect(problems).toMatch(/same text/);
  });
});
