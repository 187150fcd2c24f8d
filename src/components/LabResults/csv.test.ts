import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv';

describe('parseCsv', () => {
  const out = [
    'row,mode,every,call_us',
    '# freq round 1, every 1',
    'sample,async,1,733.1',
    'summary,none,,',
    'Segmentation fault',
    'sample,fork,10',
  ].join('\n');

  it('reads rows under the header, numbers as numbers and empty fields as null', () => {
    const parsed = parseCsv(out);
    expect(parsed.header).toEqual(['row', 'mode', 'every', 'call_us']);
    expect(parsed.rows).toEqual([
      { row: 'sample', mode: 'async', every: 1, call_us: 733.1 },
      { row: 'summary', mode: 'none', every: null, call_us: null },
    ]);
    expect(parsed.skipped).toBe(3);
  });

  it('writes back what it read', () => {
    const parsed = parseCsv(out);
    expect(toCsv(parsed.header, parsed.rows)).toBe('row,mode,every,call_us\nsample,async,1,733.1\nsummary,none,,\n');
  });

  it('finds no rows without a header', () => {
    expect(parseCsv('1,2,3\n4,5,6')).toEqual({ header: [], rows: [], skipped: 2 });
  });
});
