/**
 * Publishes the written chapters (doc id, title, link, number of quiz
 * questions, in outline order) as global data, so the progress page can list
 * them without a doc context.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { LoadedContent } from '@docusaurus/plugin-content-docs';
import { outline } from '../outline';

export interface ChapterInfo {
  id: string;
  title: string;
  permalink: string;
  quizzes: number;
}

/** Number of `<Quiz` elements in an MDX source. */
export function countQuizzes(source: string): number {
  return (source.match(/<Quiz\b/g) ?? []).length;
}

export default function chaptersPlugin(context: LoadContext): Plugin {
  return {
    name: 'orbit-chapters',
    async allContentLoaded({ allContent, actions }) {
      const docs = allContent['docusaurus-plugin-content-docs']?.default as LoadedContent | undefined;
      const version = docs?.loadedVersions[0];
      if (!version) throw new Error('orbit-chapters: the docs plugin loaded no version.');
      const byId = new Map(version.docs.map((d) => [d.id, d]));
      const chapters: ChapterInfo[] = outline
        .flatMap((part) => part.entries)
        .flatMap(({ doc: id }) => {
          const doc = id === undefined ? undefined : byId.get(id);
          if (!id || !doc) return [];
          const file = path.join(context.siteDir, doc.source.replace(/^@site\//, ''));
          return [
            { id, title: doc.title, permalink: doc.permalink, quizzes: countQuizzes(readFileSync(file, 'utf8')) },
          ];
        });
      actions.setGlobalData({ chapters });
    },
  };
}
