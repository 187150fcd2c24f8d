/**
 * Reading the book's MDX sources for content checks: front matter, images,
 * and the teaching components' attributes, without building the site.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import { visit } from 'unist-util-visit';
import type { Node } from 'unist';

export interface DocSource {
  /** Path relative to the repository root. */
  file: string;
  data: Record<string, unknown>;
  tree: Node;
}

export interface JsxElementInfo {
  name: string;
  line: number;
  /** Plain string attributes as strings, `{...}` expressions as their source text, bare props as true. */
  attributes: Record<string, string | { expression: string } | true>;
}

/** Every .md/.mdx file under `dir`, recursively, relative to `root`. */
export function docFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

export function readDoc(root: string, file: string): DocSource {
  const { data, content } = matter(readFileSync(path.join(root, file), 'utf8'));
  const processor = unified().use(remarkParse);
  if (file.endsWith('.mdx')) processor.use(remarkMdx);
  // Docusaurus removes explicit heading ids (`## Title {#id}`) before MDX sees them; so do we.
  const body = content.replace(/^(#{1,6} .*?)\s*\{#[\w-]+\}\s*$/gm, '$1');
  return { file, data, tree: processor.parse(body) };
}

interface RawAttribute {
  type: string;
  name?: string;
  value?: string | null | { value: string };
}

/** The JSX elements named `name` in a doc, with their attributes. */
export function jsxElements(doc: DocSource, name: string): JsxElementInfo[] {
  const found: JsxElementInfo[] = [];
  visit(doc.tree, (node: Node) => {
    const el = node as Node & { name?: string | null; attributes?: RawAttribute[] };
    if (!el.type.startsWith('mdxJsx') || el.name !== name) return;
    const attributes: JsxElementInfo['attributes'] = {};
    for (const a of el.attributes ?? []) {
      if (a.type !== 'mdxJsxAttribute' || !a.name) continue;
      if (a.value == null) attributes[a.name] = true;
      else if (typeof a.value === 'string') attributes[a.name] = a.value;
      else attributes[a.name] = { expression: a.value.value };
    }
    found.push({ name, line: el.position?.start.line ?? 0, attributes });
  });
  return found;
}

/** Alt texts of every image in a doc: Markdown images and `<img>` elements. */
export function images(doc: DocSource): { src: string; alt: string; line: number }[] {
  const found: { src: string; alt: string; line: number }[] = [];
  visit(doc.tree, 'image', (node: Node & { url?: string; alt?: string | null }) => {
    found.push({ src: node.url ?? '', alt: node.alt ?? '', line: node.position?.start.line ?? 0 });
  });
  for (const img of jsxElements(doc, 'img')) {
    const alt = img.attributes.alt;
    const src = img.attributes.src;
    found.push({ src: typeof src === 'string' ? src : '?', alt: typeof alt === 'string' ? alt : '', line: img.line });
  }
  return found;
}
