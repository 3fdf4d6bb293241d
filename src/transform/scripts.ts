/**
 * Pandoc's subscripts and superscripts in text: `H~2~O`, `10^6^`, `m^2^`.
 * Like Pandoc, the marked run holds no spaces, so prose tildes and carets stay.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'

const SCRIPT = /~([^\s~]+)~|\^([^\s^]+)\^/g

export function transformScripts(tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'yaml') return SKIP
    if (node.type !== 'text' || !parent || index === undefined || !/[~^]/.test(node.value)) return
    const parts = split(node)
    if (parts.length === 1) return
    ;(parent as Parent).children.splice(index, 1, ...parts)
    return index + parts.length
  })
}

function split(text: Text): PhrasingContent[] {
  const parts: PhrasingContent[] = []
  let offset = 0
  for (const match of text.value.matchAll(SCRIPT)) {
    if (match.index! > offset) parts.push({ type: 'text', value: text.value.slice(offset, match.index) })
    const children: PhrasingContent[] = [{ type: 'text', value: match[1] ?? match[2] }]
    parts.push(match[1] !== undefined ? { type: 'subscript', children } : { type: 'superscript', children })
    offset = match.index! + match[0].length
  }
  if (parts.length === 0) return [text]
  if (offset < text.value.length) parts.push({ type: 'text', value: text.value.slice(offset) })
  return parts
}
