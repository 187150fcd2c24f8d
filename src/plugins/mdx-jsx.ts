/**
 * The MDX JSX nodes the build-time remark plugins (src/listing/remark.ts,
 * src/labs/remark.ts) read and rewrite, typed once.
 */
import type { Node } from 'unist';

export interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value?: unknown;
}

export interface JsxElement extends Node {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: (JsxAttribute | { type: 'mdxJsxExpressionAttribute' })[];
}

/** True for a JSX element named `name` (flow or text). */
export function isJsxElement(node: Node, name: string): node is JsxElement {
  const el = node as JsxElement;
  return (el.type === 'mdxJsxFlowElement' || el.type === 'mdxJsxTextElement') && el.name === name;
}

/** The string value of attribute `name`, if it has one. */
export function stringAttribute(el: JsxElement, name: string): string | undefined {
  const attr = el.attributes.find((a): a is JsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);
  return typeof attr?.value === 'string' ? attr.value : undefined;
}
