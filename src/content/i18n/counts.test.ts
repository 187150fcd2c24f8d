import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editionCount, pageProseLength, proseLength } from './counts';

/** A folder holding `files`, paths relative to it. */
function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'i18n-counts-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const PAGE = `---
title: Not counted
---

import X from './x';

## Head {#head}

Two words and \`code\` [link](./target.mdx).

\`\`\`c
int not_counted;
\`\`\`

<Quiz id="q" question="not counted" options={[]} />

<Hint>
In hint.
</Hint>

![alt](./img/a.svg)
`;

describe('prose counts', () => {
  it('counts code points other than whitespace', () => {
    expect(proseLength('a b\n c')).toBe(3);
    expect(proseLength('日本語 です')).toBe(5);
  });

  it('counts text, alt text and component bodies, not front matter, imports, code, tags or link targets', () => {
    const root = fixture({ 'docs/p.mdx': PAGE });
    // "Head" 4 + "Twowordsand" 11 + "link" 4 + "." 1 + "Inhint." 7 + "alt" 3
    expect(pageProseLength(root, 'docs/p.mdx')).toBe(30);
  });

  it('leaves generated placeholders out of an edition and reports them', () => {
    const root = fixture({
      'ja/a.mdx': '---\ntitle: A\n---\n\n日本語。\n',
      'ja/b.mdx': '---\ntitle: B\ntranslation: pending\n---\n\nEnglish text.\n',
    });
    expect(editionCount(root, 'ja')).toEqual({ pages: 1, characters: 4, placeholders: 1, files: ['a.mdx'] });
    expect(editionCount(root, 'ja', ['b.mdx'])).toMatchObject({ pages: 0, characters: 0, placeholders: 1 });
  });
});
