import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsIn, dedent, extractFunction, extractRegion, ListingError } from './extract';
import { resolveListing } from './resolve';

const root = path.resolve(__dirname, '../..');
const sample = readFileSync(path.join(__dirname, 'fixtures/sample.c'), 'utf8');

describe('extractRegion', () => {
  it('returns a region dedented, without marker lines of nested anchors', () => {
    expect(extractRegion(sample, 'sample.c', 'main')).toBe(
      'int main(void)\n{\n\tprintf("hello, orbit\\n");\n\treturn 0;\n}',
    );
  });

  it('returns a nested region on its own', () => {
    expect(extractRegion(sample, 'sample.c', 'greet')).toBe('printf("hello, orbit\\n");');
  });

  it('returns the whole file without markers when no anchor is given', () => {
    const whole = extractRegion(sample, 'sample.c');
    expect(whole).toContain('#include <stdio.h>');
    expect(whole).not.toContain('ANCHOR');
  });

  it('names the file, the anchor and the anchors that exist when one is missing', () => {
    expect(() => extractRegion(sample, 'sample.c', 'nope')).toThrow(/sample\.c has no anchor "nope".*main, greet/);
  });

  it('rejects an anchor that is never closed', () => {
    expect(() => extractRegion('// ANCHOR: a\nx\n', 'f.c', 'a')).toThrow(/never closed/);
  });

  it('rejects an empty region', () => {
    expect(() => extractRegion('// ANCHOR: a\n\n// ANCHOR_END: a\n', 'f.c', 'a')).toThrow(ListingError);
  });

  it('lists anchors in order of appearance', () => {
    expect(anchorsIn(sample)).toEqual(['main', 'greet']);
  });

  it('dedents by the smallest indentation of non-blank lines', () => {
    expect(dedent(['    a', '', '      b'])).toEqual(['a', '', '  b']);
  });
});

describe('resolveListing', () => {
  it('reads a region by path from the repository root', () => {
    expect(resolveListing(root, { file: 'src/listing/fixtures/sample.c', anchor: 'greet' })).toContain('hello, orbit');
  });

  it('names the missing file and anchor', () => {
    expect(() => resolveListing(root, { file: 'labs/missing.c', anchor: 'x' })).toThrow(
      /labs\/missing\.c \(anchor "x"\): file not found/,
    );
  });

  it('refuses paths that leave the repository', () => {
    expect(() => resolveListing(root, { file: '../etc/passwd' })).toThrow(/relative to the repository root/);
    expect(() => resolveListing(root, { file: '/etc/passwd' })).toThrow(/relative to the repository root/);
  });
});

describe('extractFunction', () => {
  const patch = [
    '+/* not this one */',
    '+int add(int a, int b);',
    '+',
    '+/*',
    '+ * add - sum two numbers',
    '+ */',
    '+int add(int a, int b)',
    '+{',
    '+\treturn a + b;',
    '+}',
    '+static void other(void)',
    '+{',
    '+}',
  ].join('\n');

  it("returns a patch's function with its comment, without the diff's '+'", () => {
    expect(extractFunction(patch, 'x.patch', 'add')).toBe(
      '/*\n * add - sum two numbers\n */\nint add(int a, int b)\n{\n\treturn a + b;\n}',
    );
  });

  it('names the function when it is missing', () => {
    expect(() => extractFunction(patch, 'x.patch', 'sub')).toThrow(/no definition of function "sub"/);
  });

  it('finds the functions chapter 5 shows in the kernel patches', () => {
    const mm = 'kernel/patches/0002-mm-add-orbit-snapshots-of-anonymous-memory-areas.patch';
    expect(resolveListing(root, { file: mm, function: 'orbit_share_pte' })).toMatch(/^\/\*[\s\S]*\n}$/);
  });
});
