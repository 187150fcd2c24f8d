/**
 * English placeholders for pages whose translation is pending. Docusaurus
 * resolves a relative link (`./bibliography.mdx`) only inside one locale's
 * files, so a ja build that mixes translated pages with English fallbacks
 * breaks on links between them; every English page therefore needs a file in
 * the ja folder: its translation, or this generated copy of the English text.
 */
export const PLACEHOLDER_KEY = 'translation';
export const PLACEHOLDER_VALUE = 'pending';

/** Where a copy finds the English figures: from i18n/ja/docusaurus-plugin-content-docs/current/ back to docs/img/. */
const ENGLISH_IMAGES = '../../../../docs/img/';

const BANNER = `:::info[翻訳中]

このページはまだ日本語に翻訳されていません。以下は英語の原文です。

:::
`;

/** The placeholder for an English page's source text. */
export function placeholderFor(english: string): string {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(english);
  if (!match) throw new Error('an English page starts with front matter');
  const front = `---\n${match[1]}\n${PLACEHOLDER_KEY}: ${PLACEHOLDER_VALUE}\n---\n`;
  const body = english.slice(match[0].length).replaceAll('](./img/', `](${ENGLISH_IMAGES}`);
  return `${front}\n${BANNER}${body}`;
}

/** Whether a Japanese page's front matter marks it as a generated placeholder. */
export function isPlaceholder(data: Record<string, unknown>): boolean {
  return data[PLACEHOLDER_KEY] === PLACEHOLDER_VALUE;
}
