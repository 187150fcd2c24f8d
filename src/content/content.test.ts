import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles, images, jsxElements, readDoc, type JsxElementInfo } from './docs';
import { resolveListing } from '../listing/resolve';
import { listingBuildProblem } from './listings';
import { unsourcedNumbers } from './numbers';
import { existsSync, readFileSync } from 'node:fs';
import { questionProblems, type QuizQuestion } from '../components/Quiz/grade';
import { backMatter, outline } from '../outline';

const root = path.resolve(__dirname, '../..');
const docs = docFiles(root, 'docs').map((f) => readDoc(root, f));

function stringAttr(el: JsxElementInfo, name: string): string | undefined {
  const v = el.attributes[name];
  return typeof v === 'string' ? v : undefined;
}

/** Turns a Quiz element's attributes back into the props the component receives. */
function quizProps(el: JsxElementInfo): QuizQuestion {
  const options = el.attributes.options;
  if (typeof options !== 'object') throw new Error('options must be a {[...]} expression');
  return {
    id: stringAttr(el, 'id') ?? '',
    question: stringAttr(el, 'question') ?? '',
    multiple: el.attributes.multiple === true,
    options: new Function(`return (${options.expression});`)() as QuizQuestion['options'],
  };
}

/** Outline entries that are written, numbered chapters (not labs). */
function numberedChapters() {
  return outline.flatMap((p) => p.entries.filter((e) => e.doc && /^\d+\./.test(e.title)));
}

describe('book content', () => {
  it('has docs to check', () => {
    expect(docs.length).toBeGreaterThan(0);
  });

  it.each(docs.map((d) => [d.file, d] as const))(
    '%s has a title and a description in its front matter',
    (file, doc) => {
      for (const key of ['title', 'description']) {
        const value = doc.data[key];
        expect(
          typeof value === 'string' && value.trim() !== '',
          `${file}: add a non-empty "${key}:" to the front matter`,
        ).toBe(true);
      }
    },
  );

  it.each(docs.map((d) => [d.file, d] as const))('%s gives every image alt text', (file, doc) => {
    for (const img of images(doc)) {
      expect(img.alt.trim(), `${file}:${img.line}: image ${img.src} needs alt text describing what it shows`).not.toBe(
        '',
      );
    }
  });

  it.each(docs.map((d) => [d.file, d] as const))('%s: every <Listing> resolves', (file, doc) => {
    for (const el of jsxElements(doc, 'Listing')) {
      const src = stringAttr(el, 'file');
      expect(src, `${file}:${el.line}: <Listing> needs file="path/from/repository/root"`).toBeDefined();
      expect(() =>
        resolveListing(root, {
          file: src ?? '',
          anchor: stringAttr(el, 'anchor'),
          function: stringAttr(el, 'function'),
        }),
      ).not.toThrow();
    }
  });

  it.each(docs.map((d) => [d.file, d] as const))('%s: every <Listing> shows code that builds', (file, doc) => {
    const files = new Set(jsxElements(doc, 'Listing').map((el) => stringAttr(el, 'file') ?? ''));
    for (const src of files) expect(listingBuildProblem(root, src), `${file}: <Listing file="${src}">`).toBeNull();
  });

  it.each(docs.map((d) => [d.file, d] as const))('%s: every <Quiz> is well formed and has a unique id', (file, doc) => {
    const ids = new Set<string>();
    for (const el of jsxElements(doc, 'Quiz')) {
      const quiz = quizProps(el);
      expect(questionProblems(quiz), `${file}:${el.line}`).toEqual([]);
      expect(ids.has(quiz.id), `${file}:${el.line}: quiz id "${quiz.id}" is used twice in this doc`).toBe(false);
      ids.add(quiz.id);
    }
  });

  it.each(docs.filter((d) => d.file !== 'docs/bibliography.mdx').map((d) => [d.file, d] as const))(
    '%s: every quantity in prose is cited or measured',
    (file, doc) => {
      const problems = unsourcedNumbers(doc).map(
        (u) =>
          `${file}:${u.line}: "${u.quantity}" has no source. Link its sentence into the bibliography, ` +
          `or add <Measured by="path/of/bench-or-lab" /> or <Defined in="path/of/code" />: ${u.sentence}`,
      );
      expect(problems).toEqual([]);
    },
  );

  it.each(docs.map((d) => [d.file, d] as const))('%s: every <Measured> and <Defined> names a file', (file, doc) => {
    for (const [name, attr] of [
      ['Measured', 'by'],
      ['Defined', 'in'],
    ] as const) {
      for (const el of jsxElements(doc, name)) {
        const src = stringAttr(el, attr) ?? '';
        expect(existsSync(path.join(root, src)), `${file}:${el.line}: <${name} ${attr}="${src}"> names no file`).toBe(
          true,
        );
      }
    }
  });

  it.each(numberedChapters().map((e) => [e.doc ?? '', e] as const))(
    'chapter %s says what you will learn and ends with a recap',
    (id) => {
      const text = readFileSync(path.join(root, 'docs', `${id}.mdx`), 'utf8');
      expect(text, `docs/${id}.mdx: add a "**You will learn**" list near the top`).toMatch(/\*\*You will learn\*\*/);
      expect(text, `docs/${id}.mdx: end with a "## Recap" section`).toMatch(/^## Recap$/m);
    },
  );

  it('lists every doc in the outline and every outline doc exists', () => {
    const inOutline = [...outline.flatMap((p) => p.entries.flatMap((e) => (e.doc ? [e.doc] : []))), ...backMatter];
    const ids = docs.map((d) =>
      typeof d.data.id === 'string' ? d.data.id : path.relative('docs', d.file).replace(/\.mdx?$/, ''),
    );
    expect([...ids].sort(), 'add new docs to src/outline.ts (or remove the outline entry)').toEqual(
      [...inOutline].sort(),
    );
  });

  it.each(outline.flatMap((p) => p.entries.filter((e) => e.doc)).map((e) => [e.doc ?? '', e] as const))(
    'chapter %s has at least three quiz questions and a figure',
    (id) => {
      const doc = docs.find((d) => d.file === `docs/${id}.mdx`);
      expect(doc, `docs/${id}.mdx`).toBeDefined();
      // A lab page teaches by doing: its <Lab> replaces the quizzes and figure.
      if (!doc || jsxElements(doc, 'Lab').length > 0) return;
      expect(jsxElements(doc, 'Quiz').length).toBeGreaterThanOrEqual(3);
      expect(images(doc).length).toBeGreaterThanOrEqual(1);
    },
  );
});
