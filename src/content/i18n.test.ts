import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEdition, JA_DOCS, jaPath } from './i18n/check';
import { docFiles, images, jsxElements, readDoc } from './docs';
import { questionProblems, type QuizQuestion } from '../components/Quiz/grade';
import { pageStructure, structureDifferences } from './i18n/structure';
import { checkRevision, lastChange } from './i18n/revision';
import { PENDING_FILE } from './i18n/pending';
import { placeholderFor } from './i18n/placeholder';

const root = path.resolve(__dirname, '../..');
/** Fixture tests run git several times; a loaded machine makes that slow. */
const FIXTURE_TIMEOUT = { timeout: 60_000 };

/** A throwaway git repository holding `files`, committed once. */
function fixtureRepo(files: Record<string, string>): {
  dir: string;
  write(f: string, t: string): void;
  commit(): string;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'i18n-check-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' }).trim();
  const write = (f: string, t: string) => {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), t);
  };
  const commit = () => {
    git('add', '-A');
    git('commit', '-q', '-m', 'change');
    return git('rev-parse', 'HEAD');
  };
  git('init', '-q');
  mkdirSync(path.join(dir, 'labs'));
  for (const [f, t] of Object.entries(files)) write(f, t);
  commit();
  return { dir, write, commit };
}

const EN = `---
title: T
---

## First part

<Quiz id="q1" question="?" options={[]} />

## Second part {#second}

<Listing file="labs/x.c" anchor="a" />
`;

function ja(revision: string, headings = ['## 第一部 {#first-part}', '## 第二部 {#second}']): string {
  return `---
title: T
source-revision: ${revision}
---

${headings[0]}

<Quiz id="q1" question="?" options={[]} />

${headings[1]}

<Listing file="labs/x.c" anchor="a" />
`;
}

describe('page structure', FIXTURE_TIMEOUT, () => {
  it('computes heading ids like Docusaurus: explicit {#id}, else the slug of the text', () => {
    const repo = fixtureRepo({ 'docs/p.mdx': EN });
    expect(pageStructure(repo.dir, 'docs/p.mdx')).toEqual({
      quizIds: ['q1'],
      listings: ['labs/x.c#a'],
      labIds: [],
      headingIds: ['first-part', 'second'],
    });
  });

  it('names what differs between the English and the Japanese skeleton', () => {
    const en = { quizIds: ['a', 'b'], listings: [], labIds: [], headingIds: ['x', 'y'] };
    expect(structureDifferences(en, { ...en })).toEqual([]);
    const diff = structureDifferences(en, { ...en, quizIds: ['a'], headingIds: ['y', 'x'] });
    expect(diff).toHaveLength(2);
    expect(diff[0]).toMatch(/<Quiz> ids differ \(missing b\)/);
    expect(diff[1]).toMatch(/heading ids differ \(same items in a different order\)/);
  });
});

describe('source-revision marker', FIXTURE_TIMEOUT, () => {
  it('accepts the last change of the English page and rejects a marker the page changed after', () => {
    const repo = fixtureRepo({ 'docs/p.mdx': EN });
    const first = lastChange(repo.dir, 'docs/p.mdx') ?? '';
    expect(checkRevision(repo.dir, 'docs/p.mdx', first.slice(0, 10))).toEqual({ ok: true });
    repo.write('other.txt', 'unrelated');
    repo.commit();
    expect(checkRevision(repo.dir, 'docs/p.mdx', first)).toEqual({ ok: true });
    repo.write('docs/p.mdx', EN + '\nMore.\n');
    const second = repo.commit();
    const stale = checkRevision(repo.dir, 'docs/p.mdx', first);
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.fix).toContain(`git diff ${first.slice(0, 12)} HEAD -- docs/p.mdx`);
    expect(!stale.ok && stale.fix).toContain(`source-revision: ${second.slice(0, 12)}`);
  });

  it('rejects a missing marker and one that is no commit', () => {
    const repo = fixtureRepo({ 'docs/p.mdx': EN });
    expect(checkRevision(repo.dir, 'docs/p.mdx', undefined)).toMatchObject({
      ok: false,
      problem: /no "source-revision"/,
    });
    expect(checkRevision(repo.dir, 'docs/p.mdx', 'deadbeef00')).toMatchObject({ ok: false, problem: /not a commit/ });
  });
});

describe('the edition check on a fixture', FIXTURE_TIMEOUT, () => {
  it('fails on a missing translation, accepts it when pending, and fails on a stale pending entry', () => {
    const repo = fixtureRepo({ 'docs/p.mdx': EN });
    expect(checkEdition(repo.dir).problems).toEqual([
      `docs/p.mdx has no Japanese version: translate it into ${jaPath('docs/p.mdx')}, or list it in ${PENDING_FILE} under "docs"`,
    ]);
    repo.write(PENDING_FILE, JSON.stringify({ docs: ['docs/p.mdx', 'docs/gone.mdx'], labs: [] }));
    expect(checkEdition(repo.dir).problems).toEqual([
      expect.stringMatching(/^docs\/p.mdx is pending but has no placeholder .*ja-placeholders/),
      `${PENDING_FILE}: "docs/gone.mdx" does not exist; remove it from "docs"`,
    ]);
    repo.write(jaPath('docs/p.mdx'), placeholderFor(EN));
    const pending = checkEdition(repo.dir);
    expect(pending.pending).toEqual(['docs/p.mdx: not translated yet (English placeholder)']);
    expect(pending.problems).toEqual([`${PENDING_FILE}: "docs/gone.mdx" does not exist; remove it from "docs"`]);
    repo.write('docs/p.mdx', EN + '\nMore.\n');
    expect(checkEdition(repo.dir).problems[0]).toMatch(/has an out-of-date placeholder/);
    repo.write('docs/p.mdx', EN);

    repo.write(jaPath('docs/p.mdx'), ja(lastChange(repo.dir, 'docs/p.mdx') ?? ''));
    expect(checkEdition(repo.dir).problems).toContain(
      `${PENDING_FILE}: "docs/p.mdx" is translated and current; remove it from "docs"`,
    );
    repo.write(PENDING_FILE, JSON.stringify({ docs: [], labs: [] }));
    expect(checkEdition(repo.dir)).toEqual({ problems: [], pending: [] });
  });

  it('fails on a translated heading without the English id, and on an orphan Japanese page', () => {
    const repo = fixtureRepo({ 'docs/p.mdx': EN });
    const rev = lastChange(repo.dir, 'docs/p.mdx') ?? '';
    repo.write(jaPath('docs/p.mdx'), ja(rev, ['## 第一部', '## 第二部 {#second}']));
    repo.write(jaPath('docs/old.mdx'), ja(rev));
    const { problems } = checkEdition(repo.dir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /p\.mdx: heading ids differ \(missing first-part; not in English 第一部\).*add \{#id\}/,
    );
    expect(problems[1]).toMatch(/old\.mdx translates no English page/);
  });

  it('asks for Japanese lab and test titles unless the lab is pending', () => {
    const repo = fixtureRepo({
      'labs/01-x/lab.json': JSON.stringify({ titleJa: 'ラボ', tests: [{ id: 'a', titleJa: 'あ' }, { id: 'b' }] }),
    });
    expect(checkEdition(repo.dir).problems).toEqual([
      `labs/01-x/lab.json: add "titleJa" to test "b", or list "01-x" in ${PENDING_FILE} under "labs"`,
    ]);
    repo.write(PENDING_FILE, JSON.stringify({ docs: [], labs: ['01-x'] }));
    expect(checkEdition(repo.dir)).toMatchObject({
      problems: [],
      pending: [expect.stringMatching(/^labs\/01-x\/lab.json: add/)],
    });
  });
});

describe('the Japanese edition of this book', () => {
  const report = checkEdition(root);
  it('has a current Japanese version of every page and lab not listed as pending', () => {
    expect(report.problems).toEqual([]);
  });
  it('reports what is pending (the edition is complete when this list is empty)', () => {
    if (report.pending.length > 0) {
      console.warn(`Japanese translation pending (${PENDING_FILE}):\n  ${report.pending.join('\n  ')}`);
    }
    expect(report.pending.every((p) => /^(docs|labs)\//.test(p))).toBe(true);
  });
});

describe('Japanese pages are well formed', () => {
  const pages = docFiles(root, JA_DOCS).map((f) => readDoc(root, f));
  it.each(pages.map((d) => [d.file, d] as const))('%s: title, alt texts and quizzes', (file, doc) => {
    expect(typeof doc.data.title === 'string' && doc.data.title !== '', `${file}: add a "title:"`).toBe(true);
    for (const img of images(doc)) expect(img.alt.trim(), `${file}:${img.line}: translate the alt text`).not.toBe('');
    for (const el of jsxElements(doc, 'Quiz')) {
      const { id, question, options } = el.attributes;
      if (typeof options !== 'object') throw new Error(`${file}:${el.line}: options must be a {[...]} expression`);
      const quiz: QuizQuestion = {
        id: typeof id === 'string' ? id : '',
        question: typeof question === 'string' ? question : '',
        multiple: el.attributes.multiple === true,
        options: new Function(`return (${options.expression});`)() as QuizQuestion['options'],
      };
      expect(questionProblems(quiz), `${file}:${el.line}`).toEqual([]);
    }
  });
});
