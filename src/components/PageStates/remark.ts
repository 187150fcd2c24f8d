/**
 * Remark plugin behind `<PageStates file="labs/examples/page-states.c" />`:
 * at build time it reads the program and passes it to the component as the
 * `source` attribute, so the page compiles in the VM exactly the file the
 * chapter's listings show. A missing file fails the build naming the page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import type { Node } from 'unist';
import { isJsxElement, stringAttribute } from '../../plugins/mdx-jsx';

export default function remarkPageStates(options: { root: string }) {
  return (tree: Node, file: { path?: string }) => {
    const where = file.path ?? 'an MDX file';
    visit(tree, (el: Node) => {
      if (!isJsxElement(el, 'PageStates')) return;
      const src = stringAttribute(el, 'file');
      if (!src) throw new Error(`${where}: <PageStates> needs file="labs/…/page-states.c", the program it runs.`);
      let source: string;
      try {
        source = readFileSync(path.join(options.root, src), 'utf8');
      } catch (e) {
        throw new Error(`${where}: <PageStates file="${src}">: ${(e as Error).message}`);
      }
      el.attributes = el.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'source'));
      el.attributes.push({ type: 'mdxJsxAttribute', name: 'source', value: source });
    });
  };
}
