import { describe, expect, it } from 'vitest';
import { parseTap, tapFailure } from './tap';

describe('parseTap', () => {
  it('reads plan, asserts, directives and diagnostics', () => {
    const tap = parseTap(
      [
        'TAP version 13',
        '# setting up',
        '1..3',
        'ok 1 - first',
        'not ok 2 second # TODO later',
        '# why',
        'ok 3 # SKIP no fork',
      ].join('\n'),
    );
    expect(tap.planned).toBe(3);
    expect(tap.diagnostics).toEqual(['setting up']);
    expect(tap.asserts).toEqual([
      { ok: true, number: 1, description: 'first', diagnostics: [] },
      { ok: false, number: 2, description: 'second', directive: 'todo', diagnostics: ['why'] },
      { ok: true, number: 3, description: '', directive: 'skip', diagnostics: [] },
    ]);
    expect(tapFailure(tap)).toBeUndefined();
  });

  it('ignores program output and YAML blocks between TAP lines', () => {
    const tap = parseTap('hello\n1..1\nnot ok 1 - x\n  ---\n  ok: 5\n  ...\nokay then\n');
    expect(tap.asserts).toHaveLength(1);
    expect(tap.asserts[0]?.ok).toBe(false);
  });

  it('numbers asserts that carry no number', () => {
    expect(parseTap('ok\nok - b\n').asserts.map((a) => a.number)).toEqual([1, 2]);
  });

  it('explains every way a run fails', () => {
    expect(tapFailure(parseTap('ok 1\n'))).toMatch(/no TAP plan/);
    expect(tapFailure(parseTap('1..2\nok 1\n'))).toMatch(/planned 2 asserts but ran 1/);
    expect(tapFailure(parseTap('1..1\nnot ok 1 - greets\n'))).toBe('not ok 1 greets');
    expect(tapFailure(parseTap('1..1\nBail out! no compiler\n'))).toBe('bailed out: no compiler');
  });
});
