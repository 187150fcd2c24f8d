/**
 * Remark plugin behind `<Listing file="..." anchor="..." />`: at build time it
 * reads the region from the repository and passes it to the component as the
 * `code` attribute, so code shown in a chapter is always the real file. A
 * missing file or anchor fails the build with a message naming both.
 */
import { visit } from 'unist-util-visit';
import type { Node } from 'unist';
import { isJsxElement, type JsxAttribute, type JsxElement } from '../plugins/mdx-jsx';
import { resolveListing } from './resolve';

interface VFileLike {
  path?: string;
}

function literalAttribute(node: JsxElement, name: string, where: string): string | undefined {
  const attr = node.attributes.find((a): a is JsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);
  if (!attr || attr.value == null) return undefined;
  if (typeof attr.value !== 'string') {
    throw new Error(`${where}: <Listing ${name}={...}> must be a plain string, like ${name}="...".`);
  }
  return attr.value;
}

export default function remarkListing(options: { root: string }) {
  return (tree: Node, file: VFileLike) => {
    const where = file.path ?? 'an MDX file';
    visit(tree, (el: Node) => {
      if (!isJsxElement(el, 'Listing')) return;
      const src = literalAttribute(el, 'file', where);
      if (!src) throw new Error(`${where}: <Listing> needs a file="path/from/repository/root" attribute.`);
      const anchor = literalAttribute(el, 'anchor', where);
      const fn = literalAttribute(el, 'function', where);
      let code: string;
      try {
        code = resolveListing(options.root, { file: src, anchor, function: fn });
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`);
      }
      el.attributes = el.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'code'));
      el.attributes.push({ type: 'mdxJsxAttribute', name: 'code', value: code });
    });
  };
}
