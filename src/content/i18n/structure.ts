/**
 * The parts of a page a translation must keep: quiz ids, <Listing>s, <Lab>s
 * and heading ids. Prose changes between languages; these are the page's
 * skeleton, which links, progress records and the build rely on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { createSlugger } from '@docusaurus/utils';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Node } from 'unist';
import { jsxElements, readDoc, type DocSource } from '../docs';

export interface PageStructure {
  quizIds: string[];
  /** `file#anchor` of every <Listing>, in page order. */
  listings: string[];
  labIds: string[];
  /** Heading ids as Docusaurus computes them: the explicit `{#id}`, else the slug of the text. */
  headingIds: string[];
}

export type StructureKey = keyof PageStructure;

function stringAttr(doc: DocSource, name: string, attr: string): string[] {
  return jsxElements(doc, name).map((el) => {
    const v = el.attributes[attr];
    return typeof v === 'string' ? v : '?';
  });
}

/** The explicit id of a heading, which `headingIds` turns into a trailing MDX comment expression. */
function explicitId(heading: Node & { children?: (Node & { value?: string })[] }): string | undefined {
  const last = heading.children?.at(-1);
  if (last?.type !== 'mdxTextExpression') return undefined;
  return /^\/\* #([\w-]+) \*\/$/.exec(last.value ?? '')?.[1];
}

/** Heading ids in page order, computed the way Docusaurus's heading plugin does. */
function headingIds(body: string): string[] {
  // `{#id}` is not valid MDX; Docusaurus reads it before MDX does. Keep it as a comment instead.
  const mdx = body.replace(/^(#{1,6} .*?)\s*\{#([\w-]+)\}\s*$/gm, '$1 {/* #$2 */}');
  const tree = unified().use(remarkParse).use(remarkMdx).parse(mdx);
  const slugger = createSlugger();
  const ids: string[] = [];
  visit(tree, 'heading', (node: Node) => {
    ids.push(explicitId(node) ?? slugger.slug(toString(node).trim()));
  });
  return ids;
}

/** The skeleton of `file` (relative to `root`). */
export function pageStructure(root: string, file: string): PageStructure {
  const doc = readDoc(root, file);
  const body = matter(readFileSync(path.join(root, file), 'utf8')).content;
  return {
    quizIds: stringAttr(doc, 'Quiz', 'id'),
    listings: jsxElements(doc, 'Listing').map((el) => {
      const { file: f, anchor } = el.attributes;
      return `${typeof f === 'string' ? f : '?'}#${typeof anchor === 'string' ? anchor : ''}`;
    }),
    labIds: stringAttr(doc, 'Lab', 'id'),
    headingIds: headingIds(body),
  };
}

const describeKey: Record<StructureKey, string> = {
  quizIds: '<Quiz> ids',
  listings: '<Listing> file#anchor',
  labIds: '<Lab> ids',
  headingIds: 'heading ids',
};

/** One message per part that differs between the English and the Japanese skeleton. */
export function structureDifferences(en: PageStructure, ja: PageStructure): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(describeKey) as StructureKey[]) {
    if (JSON.stringify(en[key]) === JSON.stringify(ja[key])) continue;
    const missing = en[key].filter((x) => !ja[key].includes(x));
    const extra = ja[key].filter((x) => !en[key].includes(x));
    const detail = [
      missing.length > 0 ? `missing ${missing.join(', ')}` : '',
      extra.length > 0 ? `not in English ${extra.join(', ')}` : '',
      missing.length + extra.length === 0 ? 'same items in a different order' : '',
    ].filter(Boolean);
    problems.push(
      `${describeKey[key]} differ (${detail.join('; ')}): English [${en[key].join(', ')}], Japanese [${ja[key].join(', ')}]`,
    );
  }
  return problems;
}
