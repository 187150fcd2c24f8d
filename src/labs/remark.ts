/**
 * Remark plugin behind `<Lab id="NN-slug" />`: at build time it loads the
 * lab folder and passes its spec, starter files and tests to the component
 * as the `data` attribute (JSON), so the static page already shows the
 * starter code and only the lab's own page carries that data. An unknown or
 * invalid lab fails the build with a message naming the page and the lab.
 */
import path from 'node:path';
import { visit } from 'unist-util-visit';
import type { Node } from 'unist';
import { isJsxElement, stringAttribute } from '../plugins/mdx-jsx';
import { loadLab } from './load';

export default function remarkLab(options: { root: string }) {
  const labsDir = path.join(options.root, 'labs');
  return (tree: Node, file: { path?: string }) => {
    const where = file.path ?? 'an MDX file';
    visit(tree, (el: Node) => {
      if (!isJsxElement(el, 'Lab')) return;
      const id = stringAttribute(el, 'id');
      if (typeof id !== 'string') throw new Error(`${where}: <Lab> needs id="NN-slug", the name of a folder in labs/.`);
      let data: string;
      try {
        data = JSON.stringify(loadLab(labsDir, id));
      } catch (e) {
        throw new Error(`${where}: <Lab id="${id}">: ${(e as Error).message}`);
      }
      el.attributes = el.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'data'));
      el.attributes.push({ type: 'mdxJsxAttribute', name: 'data', value: data });
    });
  };
}
