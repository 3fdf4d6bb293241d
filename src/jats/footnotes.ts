/**
 * Footnotes (`[^1]` … `[^1]: text`): numbered in order of first reference,
 * as mdast-util-to-hast numbers them for HTML, and set as `<fn-group>` in back.
 */
import type { FootnoteDefinition, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { Element } from 'xast'
import { x } from 'xastscript'
import { unlessEmpty } from './elements.ts'
import type { State } from './state.ts'

export interface Footnote {
  number: number
  id: string
  definition: FootnoteDefinition
}

export function collectFootnotes(tree: Root): Map<string, Footnote> {
  const definitions = new Map<string, FootnoteDefinition>()
  visit(tree, 'footnoteDefinition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  const footnotes = new Map<string, Footnote>()
  visit(tree, 'footnoteReference', (node) => {
    const definition = definitions.get(node.identifier)
    if (!definition || footnotes.has(node.identifier)) return
    const number = footnotes.size + 1
    footnotes.set(node.identifier, { number, id: `fn${number}`, definition })
  })
  return footnotes
}

export function footnoteGroup(state: State): Element | undefined {
  const notes = [...state.footnotes.values()].map((footnote) =>
    x('fn', { id: footnote.id }, x('label', {}, String(footnote.number)), state.all(footnote.definition)))
  return unlessEmpty(x('fn-group', {}, notes))
}
