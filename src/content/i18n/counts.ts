/**
 * Size of each edition in pages and characters of prose, for the note that
 * reports the Japanese edition's progress.
 *
 * What counts as prose: the text of paragraphs, headings, lists, tables,
 * asides and the bodies of teaching components (<Hint>, <Solution>), plus the
 * alt text of images. Not counted: front matter, import/export lines, code
 * (fenced blocks and inline `code`, identical in both languages), JSX tags
 * and their attributes (so a <Quiz>'s question and options are not counted),
 * link targets, and `{...}` expressions. Characters are Unicode code points
 * other than whitespace, since Japanese does not separate words with spaces.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { visit } from 'unist-util-visit';
import type { Node } from 'unist';
import { docFiles, readDoc } from '../docs';
import { isPlaceholder } from './placeholder';

/** Code points of `text` that are not whitespace. */
export function proseLength(text: string): number {
  return [...text.replace(/\s+/gu, '')].length;
}

/** Characters of prose in one page (see the header for what counts). */
export function pageProseLength(root: string, file: string): number {
  let total = 0;
  visit(readDoc(root, file).tree, (node: Node) => {
    const { value, alt } = node as Node & { value?: string; alt?: string | null };
    if (node.type === 'text' && value) total += proseLength(value);
    if (node.type === 'image' && alt) total += proseLength(alt);
  });
  return total;
}

export interface EditionCount {
  pages: number;
  characters: number;
}

export interface EditionReport extends EditionCount {
  /** Generated English placeholders, left out of the count. */
  placeholders: number;
  /** The counted pages, relative to `dir`. */
  files: string[];
}

/** Pages and prose characters of the pages under `dir` (all when `only` is not given), leaving out generated English placeholders. */
export function editionCount(root: string, dir: string, only?: string[]): EditionReport {
  const count: EditionReport = { pages: 0, characters: 0, placeholders: 0, files: [] };
  for (const file of docFiles(root, dir)) {
    const relative = path.relative(dir, file);
    if (only && !only.includes(relative)) continue;
    if (isPlaceholder(matter(readFileSync(path.join(root, file), 'utf8')).data)) {
      count.placeholders += 1;
      continue;
    }
    count.pages += 1;
    count.characters += pageProseLength(root, file);
    count.files.push(relative);
  }
  return count;
}
