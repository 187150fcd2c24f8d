import { themes as prismThemes } from 'prism-react-renderer';
import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { fileURLToPath } from 'node:url';
import remarkListing from './src/listing/remark';
import remarkLab from './src/labs/remark';
import remarkPageStates from './src/components/PageStates/remark';
import chaptersPlugin from './src/plugins/chapters';
import labRuntimePlugin from './src/plugins/lab-runtime';

// <Listing file="..."> paths are relative to the repository root, which is this directory.
const repoRoot = fileURLToPath(new URL('.', import.meta.url));

const config = {
  title: 'Orbit',
  tagline: 'Safe and efficient auxiliary execution, read, run and measured in your browser',
  favicon: 'img/favicon.svg',
  url: 'https://orbit-textbook.example.org',
  baseUrl: process.env.BASE_URL ?? '/',
  trailingSlash: true,
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',
  markdown: {
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'ja'],
    localeConfigs: {
      en: { label: 'English', htmlLang: 'en' },
      ja: { label: '日本語', htmlLang: 'ja' },
    },
  },
  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          routeBasePath: 'book',
          remarkPlugins: [
            [remarkListing, { root: repoRoot }],
            [remarkLab, { root: repoRoot }],
            [remarkPageStates, { root: repoRoot }],
          ],
          showLastUpdateTime: false,
        },
        blog: false,
        // The playground page is a lab too (src/pages/playground.mdx).
        pages: { remarkPlugins: [[remarkLab, { root: repoRoot }]] },
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  plugins: [chaptersPlugin, labRuntimePlugin],
  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        language: ['en', 'ja'],
        docsRouteBasePath: 'book',
        indexBlog: false,
        highlightSearchTermsOnTargetPage: true,
      },
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'Orbit',
      logo: { alt: 'Orbit logo: a small planet with a moon on its orbit', src: 'img/favicon.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'book', position: 'left', label: 'Book' },
        { to: '/progress/', label: 'Progress', position: 'left' },
        { type: 'localeDropdown', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Course',
          items: [
            { label: 'Start reading', to: '/book/auxiliary-tasks/' },
            { label: 'Your progress', to: '/progress/' },
            { label: 'Bibliography', to: '/book/bibliography/' },
          ],
        },
      ],
      copyright:
        'An open textbook on Jing and Huang, “Operating System Support for Safe and Efficient Auxiliary Execution”, OSDI 2022.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'c'],
    },
  } satisfies Preset.ThemeConfig,
} satisfies Config;

export default config;
