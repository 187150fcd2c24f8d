/**
 * Writes the English placeholder of every page listed as pending in
 * i18n/ja/pending-translation.json that has no Japanese translation yet
 * (see src/content/i18n/placeholder.ts). Run it after adding a page to the list
 * or changing a pending English page: npx tsx scripts/ja-placeholders.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { jaPath } from '../src/content/i18n/check';
import { readPending } from '../src/content/i18n/pending';
import { isPlaceholder, placeholderFor } from '../src/content/i18n/placeholder';

const root = path.resolve(import.meta.dirname, '..');
for (const page of readPending(root).docs) {
  const target = path.join(root, jaPath(page));
  if (existsSync(target) && !isPlaceholder(matter(readFileSync(target, 'utf8')).data)) {
    console.log(`${page}: has a translation, left alone`);
    continue;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, placeholderFor(readFileSync(path.join(root, page), 'utf8')));
  console.log(`${page}: placeholder written to ${jaPath(page)}`);
}
