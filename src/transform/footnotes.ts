/**
 * Footnotes (`[^1]` … `[^1]: text`) numbered once, for every output: in
 * order of first reference in the text, then references made inside notes,
 * in the order those notes are set (as mdast-util-to-hast would number them).
 * A definition nothing refers to gets no number and is set nowhere.
 */
import type { FootnoteDefinition, Nodes, Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { Footnote } from '../types.ts'

export function numberFootnotes(tree: Root): Footnote[] {
  const definitions = new Map<string, FootnoteDefinition>()
  visit(tree, 'footnoteDefinition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  const footnotes: Footnote[] = []
  const numbered = new Set<string>()
  const collect = (node: Nodes) => visit(node, (child) => {
    if (child.type === 'footnoteDefinition' && child !== node) return SKIP
    if (child.type !== 'footnoteReference' || numbered.has(child.identifier)) return
    const definition = definitions.get(child.identifier)
    if (!definition) return
    numbered.add(child.identifier)
    const number = footnotes.length + 1
    footnotes.push({ identifier: child.identifier, number, id: `fn${number}`, definition })
  })
  collect(tree)
  // Notes referred to only from other notes come after, as each note is set.
  for (let index = 0; index < footnotes.length; index++) collect(footnotes[index].definition)
  return footnotes
}
