/**
 * What every output says of a cited work, decided once from its CSL-JSON:
 * its pages or its article number, and the markup in its titles.
 */
import type { PhrasingContent } from 'mdast'
import { articleNumber, pageRange } from '../transform/page-range.ts'
import type { CslItem, Reference } from '../types.ts'
import { RICH_FIELDS, type RichField, richText } from './rich-text.ts'

export type WorkFacts = Pick<Reference, 'pages' | 'elocationId' | 'markup'>

export function workFacts(item: CslItem): WorkFacts {
  const elocationId = articleNumber(item.page)
  const pages = elocationId ? undefined : pageRange(item.page)
  const markup: Partial<Record<RichField, PhrasingContent[]>> = {}
  for (const field of RICH_FIELDS) {
    const rich = richText(item[field])
    if (rich) markup[field] = rich
  }
  return { ...(pages ? { pages } : {}), ...(elocationId ? { elocationId } : {}), markup }
}
