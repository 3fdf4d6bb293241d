/**
 * Pandoc's inline notes, `text.^[The note, with [@citations].]`, become a
 * footnote reference where they stand and a footnote definition at the end
 * of the document, as if written `[^n]` … `[^n]: …`, so that every output
 * and the citation order treat them like any other footnote.
 */
import type { FootnoteDefinition, Parent, PhrasingContent, Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { isChar, rebuild, spanOf, type SourceChar, type Token, tokensOf } from './source-chars.ts'

export function transformInlineNotes(tree: Root, file: VFile): void {
  const definitions: FootnoteDefinition[] = []
  visit(tree, (node) => {
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'yaml' || node.type === 'html') return SKIP
    if (!('children' in node) || !(node.children as PhrasingContent[]).some((child) => child.type === 'text' && child.value.includes('^['))) return
    const parent = node as Parent
    const tokens = tokensOf(parent.children as PhrasingContent[], file)
    const children: PhrasingContent[] = []
    let from = 0
    for (let at = 0; at < tokens.length; at++) {
      if (!isChar(tokens[at], '^') || !isChar(tokens[at + 1], '[')) continue
      const end = closing(tokens, at + 1)
      if (end === undefined) continue
      const identifier = `inline-note-${definitions.length + 1}`
      const position = spanOf(tokens.slice(at, end + 1).filter((token): token is SourceChar => 'value' in token), 0, 2)
      children.push(...rebuild(tokens.slice(from, at)), { type: 'footnoteReference', identifier, label: identifier, ...(position ? { position } : {}) })
      definitions.push({ type: 'footnoteDefinition', identifier, label: identifier, children: [{ type: 'paragraph', children: rebuild(tokens.slice(at + 2, end)) }] })
      from = end + 1
      at = end
    }
    if (from === 0) return
    parent.children = [...children, ...rebuild(tokens.slice(from))]
  })
  tree.children.push(...definitions)
}

/** The `]` that balances the `[` at `open`. */
function closing(tokens: readonly Token[], open: number): number | undefined {
  let depth = 0
  for (let index = open; index < tokens.length; index++) {
    if (isChar(tokens[index], '[')) depth++
    if (isChar(tokens[index], ']') && --depth === 0) return index
  }
  return undefined
}
