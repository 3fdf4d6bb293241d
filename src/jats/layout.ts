/**
 * Readable line breaks for the serialized XML. Whitespace is added only
 * inside elements whose DTD content model has no text (#PCDATA), where
 * parsers ignore it; mixed content such as <p> or <aff> is left untouched,
 * descendants included.
 */
import type { Element, ElementContent, Root, RootContent } from 'xast'

/** Element-only content models in JATS 1.3 Publishing (checked by tests/jats/layout.test.ts). */
export const ELEMENT_ONLY = new Set([
  'article', 'front', 'journal-meta', 'journal-title-group', 'publisher', 'article-meta',
  'article-categories', 'subj-group', 'title-group', 'trans-title-group', 'contrib-group', 'contrib',
  'name', 'author-notes', 'pub-date', 'permissions', 'license', 'abstract', 'trans-abstract', 'kwd-group',
  'body', 'sec', 'fig', 'fig-group', 'caption', 'graphic', 'table-wrap', 'table', 'thead', 'tbody', 'tr',
  'list', 'list-item', 'disp-quote', 'back', 'ref-list', 'ref', 'fn-group', 'fn',
  'ack', 'app-group', 'app', 'funding-group', 'award-group', 'institution-wrap',
])

const INDENT = '  '

/** `elementOnly`: the vocabulary's element-only names (JATS's by default; MECA's manifest has its own). */
export function indented(root: Root, elementOnly: ReadonlySet<string> = ELEMENT_ONLY): Root {
  const children = root.children.flatMap((child, index): RootContent[] => {
    const node = child.type === 'element' ? indentElement(child, 0, elementOnly) : child
    return index > 0 ? [{ type: 'text', value: '\n' }, node] : [node]
  })
  return { ...root, children }
}

/** Whitespace goes only where every ancestor is element-only too, so mixed content stays on its line. */
function indentElement(element: Element, depth: number, elementOnly: ReadonlySet<string>): Element {
  const onlyElements = element.children.length > 0 && element.children.every((child) => child.type === 'element')
  if (!elementOnly.has(element.name) || !onlyElements) return element
  const newline = (level: number): ElementContent => ({ type: 'text', value: `\n${INDENT.repeat(level)}` })
  return {
    ...element,
    children: [
      ...element.children.flatMap((child) => [newline(depth + 1), indentElement(child as Element, depth + 1, elementOnly)]),
      newline(depth),
    ],
  }
}
