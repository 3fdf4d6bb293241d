/** Small hast queries for the HTML tests (no selector engine is installed). */
import type { Element, Nodes, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { visit } from 'unist-util-visit'

export function elements(tree: Nodes, test: (element: Element) => boolean = () => true): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (element: Element) => {
    if (test(element)) found.push(element)
  })
  return found
}

export const byTag = (tree: Nodes, tagName: string) => elements(tree, (element) => element.tagName === tagName)

export const byClass = (tree: Nodes, className: string) =>
  elements(tree, (element) => Array.isArray(element.properties.className) &&
    element.properties.className.includes(className))

/** The text as read, without the soft hyphens the page may carry. */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value.replaceAll('\u00ad', '')
  if ('children' in node) return node.children.map((child) => textOf(child as Nodes)).join('')
  return ''
}

export function html(nodes: Nodes | Nodes[]): string {
  const children = (Array.isArray(nodes) ? nodes : [nodes]) as Root['children']
  return toHtml({ type: 'root', children })
}

/** <meta name=…> values in document order. */
export function metaValues(tree: Nodes, name: string): string[] {
  return elements(tree, (element) => element.tagName === 'meta' && element.properties.name === name)
    .map((element) => String(element.properties.content))
}
