/**
 * How a citation cluster reads, independent of any output format: the numbers
 * in order, runs of three or more collapsed to a range (as CSL's
 * `collapse="citation-number"` does), a prefix and a suffix (with its
 * locator) kept beside their number.
 * Emitters walk the parts and wrap each in their own markup.
 */
import type { PhrasingContent } from 'mdast'
import { nameList } from '../template/words.ts'
import type { CitationItem, CslItem, Words } from '../types.ts'

export type ClusterPart =
  | { type: 'number'; item: CitationItem }
  | { type: 'separator'; value: string }
  /** Pandoc's prefix ("see "), before its number. */
  | { type: 'prefix'; content: PhrasingContent[] }
  /** The locator and the rest of the suffix (", p. 5"), after its number. */
  | { type: 'suffix'; content: PhrasingContent[] }

export const RANGE_DASH = '\u2013'

export interface ClusterOptions {
  /** Collapse runs of three or more into a range (default true). */
  collapse?: boolean
}

export function clusterParts(items: readonly CitationItem[], options: ClusterOptions = {}): ClusterPart[] {
  const collapse = options.collapse ?? true
  const parts: ClusterPart[] = []
  let index = 0
  while (index < items.length) {
    let end = index
    // Words around a number pin it: it never disappears inside a range.
    while (
      collapse &&
      end + 1 < items.length &&
      items[end + 1].number === items[end].number + 1 &&
      !pinned(items[end]) &&
      !pinned(items[end + 1])
    ) end++
    // Words on either side of a comma take a space after it: "[5, p. 4, 6]", not "p. 4,6".
    if (parts.length > 0) parts.push({ type: 'separator', value: items[index].prefix || items[index - 1]?.afterNumber ? ', ' : ',' })
    if (end - index >= 2) {
      parts.push({ type: 'number', item: items[index] })
      parts.push({ type: 'separator', value: RANGE_DASH })
      parts.push({ type: 'number', item: items[end] })
      index = end + 1
      continue
    }
    const { prefix, afterNumber } = items[index]
    if (prefix) parts.push({ type: 'prefix', content: [...prefix, { type: 'text', value: ' ' }] })
    parts.push({ type: 'number', item: items[index] })
    if (afterNumber) parts.push({ type: 'suffix', content: afterNumber })
    index++
  }
  return parts
}

function pinned(item: CitationItem): boolean {
  return !!(item.prefix || item.afterNumber)
}

/** "Callen and Wortmann", "Balin et al.", or the title when there is no author. */
export function narrativeAuthors(csl: CslItem, words: Pick<Words, 'and' | 'etAl'>): string {
  const names = (csl.author ?? csl.editor ?? []).map((name) => name.family ?? name.literal ?? '')
    .filter(Boolean)
  return names.length === 0 ? csl.title ?? csl.id : nameList(names, words)
}
