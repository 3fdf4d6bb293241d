/**
 * How a citation cluster reads, independent of any output format: the numbers
 * in order, runs of three or more collapsed to a range (as CSL's
 * `collapse="citation-number"` does), locators kept beside their number.
 * Emitters walk the parts and wrap each in their own markup.
 */
import type { CitationItem, CslItem, Words } from '../types.ts'

export type ClusterPart =
  | { type: 'number'; item: CitationItem }
  | { type: 'separator'; value: string }
  | { type: 'locator'; value: string }

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
    // A locator pins its item: it never disappears inside a range.
    while (
      collapse &&
      end + 1 < items.length &&
      items[end + 1].number === items[end].number + 1 &&
      !items[end].locator &&
      !items[end + 1].locator
    ) end++
    if (parts.length > 0) parts.push({ type: 'separator', value: ',' })
    if (end - index >= 2) {
      parts.push({ type: 'number', item: items[index] })
      parts.push({ type: 'separator', value: RANGE_DASH })
      parts.push({ type: 'number', item: items[end] })
      index = end + 1
      continue
    }
    parts.push({ type: 'number', item: items[index] })
    if (items[index].locator) parts.push({ type: 'locator', value: items[index].locator! })
    index++
  }
  return parts
}

/** "Callen and Wortmann", "Balin et al.", or the title when there is no author. */
export function narrativeAuthors(csl: CslItem, words: Pick<Words, 'and' | 'etAl'>): string {
  const names = (csl.author ?? csl.editor ?? []).map((name) => name.family ?? name.literal ?? '')
    .filter(Boolean)
  if (names.length === 0) return csl.title ?? csl.id
  if (names.length === 1) return names[0]
  if (names.length === 2) return `${names[0]} ${words.and} ${names[1]}`
  return `${names[0]} ${words.etAl}`
}
