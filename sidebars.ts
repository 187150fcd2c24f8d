import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';
import { backMatter, outline, type OutlineEntry } from './src/outline';

// Part titles and planned entries come from src/outline.ts in the build's
// locale (so i18n/ja has no sidebar category strings); written chapters take
// their labels from their own front matter.
const ja = process.env.DOCUSAURUS_CURRENT_LOCALE === 'ja';

function item(entry: OutlineEntry) {
  if (entry.doc) return entry.doc;
  const title = ja ? entry.titleJa : entry.title;
  const soon = ja ? '準備中' : 'coming soon';
  return {
    type: 'html' as const,
    value: `<span class="sidebar-planned">${title} <small>${soon}</small></span>`,
    defaultStyle: true,
  };
}

export default {
  book: [
    ...outline.map((part) => ({
      type: 'category' as const,
      label: ja ? part.titleJa : part.title,
      collapsible: false,
      items: part.entries.map(item),
    })),
    ...backMatter,
  ],
} satisfies SidebarsConfig;
