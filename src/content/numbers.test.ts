import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDoc } from './docs';
import { unsourcedNumbers } from './numbers';

/** The quantities the check flags in an MDX body. */
function flagged(body: string): string[] {
  const root = mkdtempSync(path.join(tmpdir(), 'numbers-'));
  writeFileSync(path.join(root, 'x.mdx'), `---\ntitle: x\n---\n\n${body}\n`);
  return unsourcedNumbers(readDoc(root, 'x.mdx')).map((u) => u.quantity);
}

describe('unsourcedNumbers', () => {
  it('flags a quantity with no source', () => {
    expect(flagged('A call takes 40 ms. Chapter 3 says so.')).toEqual(['40 ms']);
  });

  it('accepts a sentence that links into the bibliography', () => {
    expect(flagged('The overhead is 3.3% ([Jing](./bibliography.mdx#jing2022)).')).toEqual([]);
  });

  it('accepts marked sentences, and a mark covers only its own sentence', () => {
    expect(flagged('Restore takes 180 ms <Measured by="scripts/bench.ts" />. Boot takes 4 s.')).toEqual(['4 s']);
    expect(flagged('At most 16 MB <Defined in="kernel/README.md" />.')).toEqual([]);
  });

  it('ignores numbers without units, code and component attributes', () => {
    expect(flagged('Round 10 of chapter 3 in Linux 6.1.')).toEqual([]);
    expect(flagged('Set `cpu.max` to `20000 100000`.')).toEqual([]);
    expect(flagged('<Quiz id="q" question="A 2 GB heap?" options={[]} />')).toEqual([]);
  });

  it('checks table rows one by one', () => {
    expect(flagged('| a | b |\n| --- | --- |\n| x | 64 KB <Defined in="k" /> |\n| y | 5 MB |')).toEqual(['5 MB']);
  });
});
