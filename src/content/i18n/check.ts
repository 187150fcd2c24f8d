/**
 * The Japanese edition's check: every English page has a Japanese version
 * with the same skeleton and a current `source-revision`, and every lab has
 * Japanese titles, except what the pending list names. Messages name the
 * page and say what to do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { docFiles } from '../docs';
import { pageStructure, structureDifferences } from './structure';
import { checkRevision } from './revision';
import { PENDING_FILE, readPending, type PendingList } from './pending';
import { isPlaceholder, placeholderFor } from './placeholder';

export const JA_DOCS = 'i18n/ja/docusaurus-plugin-content-docs/current';

/** docs/x.mdx -> i18n/ja/docusaurus-plugin-content-docs/current/x.mdx */
export function jaPath(enFile: string): string {
  return path.posix.join(JA_DOCS, path.posix.relative('docs', enFile));
}

/** Everything wrong with the Japanese version of one English page (empty when it is current). */
export function pageProblems(root: string, enFile: string): string[] {
  const ja = jaPath(enFile);
  if (!existsSync(path.join(root, ja))) {
    return [`${enFile} has no Japanese version: translate it into ${ja}, or list it in ${PENDING_FILE} under "docs"`];
  }
  const problems = structureDifferences(pageStructure(root, enFile), pageStructure(root, ja)).map(
    (d) => `${ja}: ${d}; make the Japanese page keep the English one's ids (add {#id} to translated headings)`,
  );
  const { data } = matter(readFileSync(path.join(root, ja), 'utf8'));
  const revision = checkRevision(root, enFile, data['source-revision']);
  if (!revision.ok) problems.push(`${ja}: ${revision.problem}: ${revision.fix}`);
  return problems;
}

/** Labs without Japanese titles: `titleJa` on the lab and on each test. */
export function labProblems(root: string, lab: string): string[] {
  const file = `labs/${lab}/lab.json`;
  const spec = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as {
    titleJa?: string;
    tests?: { id: string; titleJa?: string }[];
  };
  const missing = [
    ...(spec.titleJa ? [] : ['the lab']),
    ...(spec.tests ?? []).filter((t) => !t.titleJa).map((t) => `test "${t.id}"`),
  ];
  if (missing.length === 0) return [];
  return [`${file}: add "titleJa" to ${missing.join(', ')}, or list "${lab}" in ${PENDING_FILE} under "labs"`];
}

/** The pages under `dir`, none when it does not exist. */
function filesUnder(root: string, dir: string): string[] {
  return existsSync(path.join(root, dir)) ? docFiles(root, dir) : [];
}

/** Lab folders (labs/NN-slug/ with a lab.json). */
export function labIds(root: string): string[] {
  if (!existsSync(path.join(root, 'labs'))) return [];
  return readdirSync(path.join(root, 'labs'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d\d-/.test(e.name) && existsSync(path.join(root, 'labs', e.name, 'lab.json')))
    .map((e) => e.name)
    .sort();
}

export interface EditionReport {
  /** Failures: each names a page or lab and what to do. */
  problems: string[];
  /** Pending entries with what is still missing for each. */
  pending: string[];
}

type JaState = 'missing' | 'placeholder' | 'stale-placeholder' | 'translation';

/** What the ja folder holds for an English page. */
function jaState(root: string, enFile: string): JaState {
  const ja = path.join(root, jaPath(enFile));
  if (!existsSync(ja)) return 'missing';
  const text = readFileSync(ja, 'utf8');
  if (!isPlaceholder(matter(text).data)) return 'translation';
  return text === placeholderFor(readFileSync(path.join(root, enFile), 'utf8')) ? 'placeholder' : 'stale-placeholder';
}

/** Sorts a page without a translation: a current placeholder of a pending page is reported, anything else fails. */
function untranslated(root: string, page: string, state: JaState, pending: PendingList, report: EditionReport): void {
  const listed = pending.docs.includes(page);
  if (!listed && state === 'missing') report.problems.push(...pageProblems(root, page));
  else if (!listed) {
    report.problems.push(`${jaPath(page)} is an English placeholder: translate it, or list ${page} in ${PENDING_FILE}`);
  } else if (state === 'placeholder') report.pending.push(`${page}: not translated yet (English placeholder)`);
  else {
    const what = state === 'missing' ? 'has no placeholder' : 'has an out-of-date placeholder';
    report.problems.push(
      `${page} is pending but ${what} in ${JA_DOCS}: run "npx tsx scripts/ja-placeholders.ts" (the ja build needs a file for every page)`,
    );
  }
}

/** The whole edition: problems fail the check, pending entries are reported. */
export function checkEdition(root: string): EditionReport {
  const pendingList = readPending(root);
  const report: EditionReport = { problems: [], pending: [] };
  const sort = (kind: 'docs' | 'labs', entry: string, open: string[]) => {
    if (!pendingList[kind].includes(entry)) return report.problems.push(...open);
    if (open.length > 0) return report.pending.push(open.join('; '));
    report.problems.push(`${PENDING_FILE}: "${entry}" is translated and current; remove it from "${kind}"`);
  };
  const enPages = filesUnder(root, 'docs');
  const labs = labIds(root);
  for (const page of enPages) {
    const state = jaState(root, page);
    if (state === 'translation') sort('docs', page, pageProblems(root, page));
    else untranslated(root, page, state, pendingList, report);
  }
  for (const lab of labs) sort('labs', lab, labProblems(root, lab));
  const unknown = [
    ...pendingList.docs.filter((e) => !enPages.includes(e)).map((e) => ['docs', e]),
    ...pendingList.labs.filter((e) => !labs.includes(e)).map((e) => ['labs', e]),
  ];
  for (const [kind, entry] of unknown) {
    report.problems.push(`${PENDING_FILE}: "${entry}" does not exist; remove it from "${kind}"`);
  }
  for (const ja of filesUnder(root, JA_DOCS)) {
    const en = path.posix.join('docs', path.posix.relative(JA_DOCS, ja));
    if (!enPages.includes(en)) report.problems.push(`${ja} translates no English page (${en}): delete it or rename it`);
  }
  return report;
}
