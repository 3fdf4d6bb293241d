/**
 * Numbers cited works in order of first citation, once, for every output.
 * "First" is in the order a reader meets them: the title, the abstract,
 * then the body, with a footnote's citations where the note is called (as
 * Pandoc's citeproc does, except that it reads the metadata in key order,
 * so a citation in the abstract comes before one in the title). Works named only in `nocite` come after every cited one, in
 * bibliography order (as citeproc puts them); `@*` names every entry.
 * Unknown keys are errors at the citation; works never cited are warnings
 * at their entry in the bibliography file.
 */
import type { FootnoteDefinition, Nodes, Root } from 'mdast'
import type { VFile } from 'vfile'
import { didYouMean, error, warn } from '../diagnostics/messages.ts'
import type { CitationItem } from '../types.ts'
import type { Bibliography } from './bibliography.ts'

/**
 * Calls `visit` on every node in the order a reader meets it: what comes
 * before the body (the title, the abstract), then the body, a footnote's
 * content where the note is first called.
 */
export function walkInReadingOrder(tree: Root, before: readonly Nodes[], visit: (node: Nodes) => void): void {
  const definitions = new Map<string, FootnoteDefinition>()
  for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node)
  const called = new Set<string>()
  const walk = (node: Nodes) => {
    if (node.type === 'footnoteDefinition') return
    visit(node)
    if (node.type === 'footnoteReference' && !called.has(node.identifier)) {
      called.add(node.identifier)
      definitions.get(node.identifier)?.children.forEach(walk)
    }
    if ('children' in node) (node.children as Nodes[]).forEach(walk)
  }
  before.forEach(walk)
  walk(tree)
  // A note never called still prints in some outputs: its citations come last.
  for (const [identifier, definition] of definitions) {
    if (!called.has(identifier)) definition.children.forEach(walk)
  }
}

/** Every cited item, in the order a reader meets it. */
export function citationsInReadingOrder(tree: Root, before: readonly Nodes[] = []): CitationItem[] {
  const items: CitationItem[] = []
  walkInReadingOrder(tree, before, (node) => {
    if (node.type === 'citation') items.push(...node.items)
  })
  return items
}

export interface NoCite {
  items: CitationItem[]
  /** `@*`: every work in the bibliography. */
  all: boolean
}

/** Key comparisons spent on "did you mean" hints, at most (about a second under load). */
const SUGGESTION_BUDGET = 1_000_000

/** Keys in order of first citation; sets each item's number. */
export function numberCitations(items: readonly CitationItem[], bibliography: Bibliography, file: VFile, nocite: NoCite = { items: [], all: false }): string[] {
  // Numbers by key beside the order: `includes` on a list of 50,000 `@*` works was quadratic.
  const numbers = new Map<string, number>()
  const order: string[] = []
  const add = (key: string) => {
    if (numbers.has(key)) return
    order.push(key)
    numbers.set(key, order.length)
  }
  const known = [...bibliography.entries.keys()]
  const hints = new Map<string, string>()
  const unknown = (item: CitationItem) => {
    if (bibliography.entries.has(item.key)) return false
    const where = bibliography.files.length ? '' : ' (the front matter names no `bibliography:` file)'
    // Each hint compares the key with every known one: a stranger's thousands of unknown keys against a huge bibliography would take minutes.
    if (!hints.has(item.key) && hints.size * known.length < SUGGESTION_BUDGET) hints.set(item.key, didYouMean(item.key, known))
    error(file, `Unknown citation key "${item.key}"${hints.get(item.key) ?? ''}${where}`, item.position, 'citation-unknown')
    return true
  }
  for (const item of items) {
    if (unknown(item)) continue
    add(item.key)
    item.number = numbers.get(item.key)!
  }
  // As citeproc does, works only in `nocite` follow in bibliography order, not as listed.
  const uncited = new Set(nocite.items.filter((item) => !unknown(item)).map((item) => item.key))
  for (const key of known) if (nocite.all || uncited.has(key)) add(key)
  for (const [key, entry] of bibliography.entries) {
    if (!numbers.has(key)) warn(entry.file, `Reference "${key}" is never cited: cite it, list it under \`nocite\`, or remove it from the bibliography`, entry.place, 'citation-uncited')
  }
  return order
}
