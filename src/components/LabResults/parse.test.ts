import { describe, expect, it } from 'vitest';
import { parseRow, parseRows, RowStream, toneOf, type Row } from './parse';

describe('parseRows', () => {
  it('keeps JSON objects of plain values and counts the other lines', () => {
    const out = ['{"mode":"thread","fault":"null","answered":90}', 'Segmentation fault', '', '[1,2]', '{"a":1}'].join(
      '\n',
    );
    expect(parseRows(out)).toEqual({
      rows: [{ mode: 'thread', fault: 'null', answered: 90 }, { a: 1 }],
      skipped: 2,
    });
  });

  it('refuses nested values and broken JSON', () => {
    expect(parseRow('{"a":{"b":1}}')).toBeNull();
    expect(parseRow('{"a":1')).toBeNull();
    expect(parseRow('  {"ok":true,"x":null}  ')).toEqual({ ok: true, x: null });
  });
});

describe('toneOf', () => {
  const rules = { survived: { yes: 'good', died: 'bad', '*': 'warn' }, aux: { useful: 'good' } } as const;
  it('matches the value, then its first word, then "*"', () => {
    expect(toneOf(rules, 'survived', 'yes')).toBe('good');
    expect(toneOf(rules, 'survived', 'died SEGV')).toBe('bad');
    expect(toneOf(rules, 'survived', 'hung')).toBe('warn');
  });
  it('is neutral without a rule', () => {
    expect(toneOf(rules, 'aux', 'lost')).toBe('neutral');
    expect(toneOf(rules, 'answered', 200)).toBe('neutral');
    expect(toneOf(rules, 'survived', null)).toBe('neutral');
  });
});

describe('RowStream', () => {
  it('hands over each row as soon as its line is complete, and the last line at the end', () => {
    const got: Row[][] = [];
    const stream = new RowStream((rows) => got.push(rows));
    stream.write('{"cell":1}\n{"ce');
    expect(got).toEqual([[{ cell: 1 }]]);
    stream.write('ll":2}\nKilled\n{"cell":3}');
    expect(got).toEqual([[{ cell: 1 }], [{ cell: 2 }]]);
    stream.end();
    expect(got).toEqual([[{ cell: 1 }], [{ cell: 2 }], [{ cell: 3 }]]);
    expect(stream.skipped).toBe(1);
  });
});
