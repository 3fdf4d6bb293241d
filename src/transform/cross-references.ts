/**
 * `@fig-x` / `@tbl-x` / `@eq-x` → the number of the figure, table or equation they name; `@fig-x-a`, a panel's number and letter (1A).
 * `@sec-x` → the section whose heading has `{#sec-x}`, by its title: Galley does not number sections, so
 * a reference reads "Section Methods" where Quarto, with `number-sections: true`, reads "Section 2".
 */
import type { Heading, PhrasingContent, Root, RootContent } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { didYouMean, error } from '../diagnostics/messages.ts'
import type { SectionTarget } from '../types.ts'
import type { NumberedTargets } from './figures.ts'

const WHAT = { fig: 'figure', tbl: 'table', eq: 'equation' } as const

/** The ids `@sec-x` may name: a heading's id with Quarto's `sec-` prefix. */
export const SECTION_ID = /^sec-/

export function resolveCrossReferences(tree: Root, targets: NumberedTargets, file: VFile, sections: ReadonlyMap<string, SectionTarget> = new Map()): void {
  visit(tree, 'crossReference', (node) => {
    if (node.kind === 'sec') {
      const section = sections.get(node.identifier)
      if (section) node.section = section
      else error(file, `Unknown section "@${node.identifier}"${knownSections(node.identifier, sections)}: give the section's heading the id {#${node.identifier}}`, node.position, 'xref-unknown')
      return
    }
    const panel = node.kind === 'fig' ? targets.panels.get(node.identifier) : undefined
    if (panel) {
      node.number = panel.number
      node.panel = panel.panel
      return
    }
    const numbers = targets[node.kind]
    const number = numbers.get(node.identifier)
    if (number === undefined) {
      const what = WHAT[node.kind]
      const known = node.kind === 'fig' ? [...numbers.keys(), ...targets.panels.keys()] : numbers.keys()
      error(file, `Unknown ${what} "@${node.identifier}"${didYouMean(node.identifier, known)}: give the ${what} the id {#${node.identifier}}`, node.position, 'xref-unknown')
      return
    }
    node.number = number
  })
}

/** The nearest id, else the ids there are (a few), else that there are none. */
function knownSections(identifier: string, sections: ReadonlyMap<string, SectionTarget>): string {
  const suggestion = didYouMean(identifier, sections.keys())
  if (suggestion) return suggestion
  const ids = [...sections.keys()]
  if (ids.length === 0) return ' (no heading has a {#sec-…} id)'
  const shown = ids.slice(0, 8).join(', ')
  return ` (the sections with ids: ${shown}${ids.length > 8 ? `, and ${ids.length - 8} more` : ''})`
}

/**
 * Every heading with a `sec-` id (heading-attributes.ts made them unique), in
 * the body, the declarations (still at the tree's end, transform/declarations.ts)
 * and the abstracts, with what a reference to it reads.
 */
export function sectionTargets(roots: readonly Root[]): Map<string, SectionTarget> {
  const sections = new Map<string, SectionTarget>()
  for (const root of roots) {
    let declaration: SectionTarget['declaration']
    for (const node of root.children) {
      const kind = node.type === 'heading' ? node.data?.declaration : undefined
      if (kind) declaration = { kind, heading: true }
      visit(node, 'heading', (heading) => {
        const id = heading.data?.id
        if (id === undefined || !SECTION_ID.test(id)) return
        const inside = declaration && { kind: declaration.kind, heading: heading.data?.declaration !== undefined }
        sections.set(id, { title: referenceTitle(heading), ...(inside ? { declaration: inside } : {}) })
      })
    }
  }
  return sections
}

/** Inline nodes a reference, itself a link, cannot repeat: a note would be numbered twice, a link nested. */
const LEFT_OUT = new Set<string>(['footnoteReference', 'citation', 'crossReference'])
const UNWRAPPED = new Set<string>(['link', 'linkReference', 'supplementaryLink'])

/** The heading's words, as a copy, for a reference to print. */
function referenceTitle(heading: Heading): PhrasingContent[] {
  const copy = (nodes: readonly PhrasingContent[]): PhrasingContent[] => nodes.flatMap((node): PhrasingContent[] => {
    if (LEFT_OUT.has(node.type)) return []
    if (UNWRAPPED.has(node.type)) return copy((node as Extract<RootContent, { type: 'link' }>).children)
    const { position: _position, ...rest } = node
    return ['children' in node ? { ...rest, children: copy(node.children as PhrasingContent[]) } as PhrasingContent : structuredClone(rest) as PhrasingContent]
  })
  return trimEnd(copy(heading.children))
}

/** A note or citation at the end of a heading leaves a space behind it. */
function trimEnd(nodes: PhrasingContent[]): PhrasingContent[] {
  const last = nodes.at(-1)
  if (last?.type === 'text') {
    const value = last.value.trimEnd()
    return value ? [...nodes.slice(0, -1), { ...last, value }] : nodes.slice(0, -1)
  }
  return nodes
}
