/** `@fig-x` / `@tbl-x` / `@eq-x` → the number of the figure, table or equation they name. */
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { didYouMean, error } from '../diagnostics/messages.ts'
import type { NumberedTargets } from './figures.ts'

const WHAT = { fig: 'figure', tbl: 'table', eq: 'equation' } as const

export function resolveCrossReferences(tree: Root, targets: NumberedTargets, file: VFile): void {
  visit(tree, 'crossReference', (node) => {
    const numbers = targets[node.kind]
    const number = numbers.get(node.identifier)
    if (number === undefined) {
      const what = WHAT[node.kind]
      error(file, `Unknown ${what} "@${node.identifier}"${didYouMean(node.identifier, numbers.keys())}: give the ${what} the id {#${node.identifier}}`, node.position, 'xref-unknown')
      return
    }
    node.number = number
  })
}
