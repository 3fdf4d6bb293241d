/** `@fig-x` / `@tbl-x` / `@eq-x` → the number of the figure, table or equation they name; `@fig-x-a`, a panel's number and letter (1A). */
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { didYouMean, error } from '../diagnostics/messages.ts'
import type { NumberedTargets } from './figures.ts'

const WHAT = { fig: 'figure', tbl: 'table', eq: 'equation' } as const

export function resolveCrossReferences(tree: Root, targets: NumberedTargets, file: VFile): void {
  visit(tree, 'crossReference', (node) => {
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
