/**
 * Pandoc's subscripts and superscripts in text: `H~2~O`, `10^6^`, `m^2^`.
 * Like Pandoc, the marked run holds no spaces, so prose tildes and carets
 * stay, and an escaped `\~` or `\^` is a literal character. The pieces keep
 * their places in the manuscript, so later transforms still know where
 * (and in what order) everything was written.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { type SourceChar, sourceChars, spanOf, textOf } from './source-chars.ts'

const SCRIPT = /~([^\s~]+)~|\^([^\s^]+)\^/y

export function transformScripts(tree: Root, file?: VFile): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'yaml') return SKIP
    if (node.type !== 'text' || !parent || index === undefined || !/[~^]/.test(node.value)) return
    const parts = split(node, sourceChars(node, file))
    if (parts.length === 1) return
    ;(parent as Parent).children.splice(index, 1, ...parts)
    return index + parts.length
  })
}

function split(text: Text, chars: readonly SourceChar[]): PhrasingContent[] {
  const parts: PhrasingContent[] = []
  const value = text.value
  let offset = 0
  for (let at = 0; at < value.length; at++) {
    if ((value[at] !== '~' && value[at] !== '^') || chars[at].escaped) continue
    SCRIPT.lastIndex = at
    const match = SCRIPT.exec(value)
    if (!match) continue
    const end = at + match[0].length
    // Pandoc reads an escaped character inside, but not an escaped closing mark.
    if (chars[end - 1].escaped) continue
    if (at > offset) parts.push(textOf(chars, offset, at))
    const children: PhrasingContent[] = [textOf(chars, at + 1, end - 1)]
    const script: PhrasingContent = match[1] !== undefined ? { type: 'subscript', children } : { type: 'superscript', children }
    const position = spanOf(chars, at, end)
    if (position) script.position = position
    parts.push(script)
    offset = end
    at = end - 1
  }
  if (parts.length === 0) return [text]
  if (offset < value.length) parts.push(textOf(chars, offset, value.length))
  return parts
}
