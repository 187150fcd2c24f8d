/**
 * Prints, per language, the number of pages and the characters of prose of
 * the book: docs/ (English) and the Japanese docs
 * (i18n/ja/docusaurus-plugin-content-docs/current/). Run: npx tsx scripts/i18n-counts.ts
 *
 * Counted: text of paragraphs, headings, lists, tables, asides and the bodies
 * of <Hint>/<Solution>, and image alt text, as non-whitespace Unicode code
 * points. Not counted: front matter, import/export lines, code blocks and
 * inline code, JSX tags with their attributes (quiz questions and options
 * included), link targets, expressions. English placeholders in the Japanese
 * folder (pages still pending translation) are listed apart, not counted.
 * A third row, en*, counts the English originals of the translated Japanese
 * pages only, so the two languages can be compared page for page.
 * The rules live in src/content/i18n/counts.ts.
 */
import path from 'node:path';
import { JA_DOCS } from '../src/content/i18n/check';
import { editionCount } from '../src/content/i18n/counts';

const root = path.resolve(import.meta.dirname, '..');
const en = editionCount(root, 'docs');
const ja = editionCount(root, JA_DOCS);
const enTranslated = editionCount(root, 'docs', ja.files);

const row = (lang: string, pages: number, chars: number) =>
  `${lang.padEnd(10)}${String(pages).padStart(6)}${String(chars).padStart(18)}`;
console.log(`${'language'.padEnd(10)}${'pages'.padStart(6)}${'prose characters'.padStart(18)}`);
console.log(row('en', en.pages, en.characters));
console.log(row('ja', ja.pages, ja.characters));
console.log(row('en*', enTranslated.pages, enTranslated.characters));
console.log('(en*: the English originals of the translated ja pages, to compare like with like)');
if (ja.placeholders > 0) {
  console.log(`(ja: ${ja.placeholders} more page(s) are English placeholders pending translation, not counted)`);
}
