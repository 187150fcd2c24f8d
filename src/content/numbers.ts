/**
 * Every number in the book is cited or measured here. This check finds the
 * quantities in a doc's prose (a number with a unit: time, size, percent,
 * rate, "x"/"times") whose sentence has no source mark. A sentence is
 * sourced when it links into the bibliography (cited), or holds
 * <Measured by="..."/> (measured by a bench, lab or test here) or
 * <Defined in="..."/> (a limit or constant of this repository's code).
 * Code, listings and component attributes are not prose and are skipped.
 */
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { DocSource } from './docs';

export interface UnsourcedNumber {
  line: number;
  quantity: string;
  sentence: string;
}

/** A number followed by a unit that makes it a claim about the world. */
const QUANTITY =
  /\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|[nµu]s\b|ms\b|s\b|seconds?\b|minutes?\b|[KMGT]i?B\b|bytes?\b|ops\/s\b|x\b|×|times (?:faster|slower|more|less|as)\b)/g;
const MARK = '\u2691'; // a flag character that MDX prose never holds

interface Parent extends Node {
  children?: Node[];
  value?: string;
  url?: string;
  name?: string | null;
}

/** The prose of a paragraph or table cell, with source marks replaced by MARK. */
function flatten(node: Parent): string {
  if (node.type === 'text') return node.value ?? '';
  if (node.type === 'inlineCode') return 'code';
  if (node.type === 'link' && /bibliography(\.mdx?)?#/.test(node.url ?? '')) return MARK + childText(node);
  if (node.type.startsWith('mdxJsx')) return node.name === 'Measured' || node.name === 'Defined' ? MARK : '';
  if (node.type === 'mdxTextExpression') return '';
  return childText(node);
}

function childText(node: Parent): string {
  return (node.children ?? []).map((c) => flatten(c as Parent)).join('');
}

/** Splits prose into sentences (and table rows); a mark right after a full stop belongs to the sentence before it. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?][)"”]?\s*\u2691?)\s+(?=[A-Z(“"])|\n(?=\|)/);
}

/** The quantities in `doc`'s prose that no citation or mark sources. */
export function unsourcedNumbers(doc: DocSource): UnsourcedNumber[] {
  const found: UnsourcedNumber[] = [];
  visit(doc.tree, (node: Node) => {
    if (node.type !== 'paragraph' && node.type !== 'tableCell') return;
    for (const sentence of sentences(flatten(node as Parent))) {
      if (sentence.includes(MARK)) continue;
      for (const m of sentence.matchAll(QUANTITY)) {
        found.push({ line: node.position?.start.line ?? 0, quantity: m[0], sentence: sentence.trim() });
      }
    }
  });
  return found;
}
