import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';
import { backMatter, outline, type OutlineEntry } from './src/outline';

// Sidebar labels of written chapters come from their front matter and are
// translated with the docs; planned entries are plain text in the build's locale.
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
