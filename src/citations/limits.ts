/**
 * How many works a manuscript may list and cite at once. Formatting the
 * reference list is the cost that grows: citeproc takes about 1.4 ms a work
 * (5,000 works ≈ 7 s, and a 10 MB bibliography under `nocite: "@*"` holds
 * 50,000), so the count is checked before anything is formatted.
 */
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { error, type Place } from '../diagnostics/messages.ts'
import type { CitationItem } from '../types.ts'

/** Works in one reference list: a hundred times a long review's. */
export const MAX_REFERENCES = 5000
/** Keys in one `[@a; @b; …]`: far past any real cluster, which a reader could not take in. */
export const MAX_CLUSTER_KEYS = 500

/** An error at each cluster with too many keys; false when there is one. */
export function checkClusterSizes(tree: Root, file: VFile): boolean {
  let ok = true
  visit(tree, 'citation', (node) => {
    if (node.items.length <= MAX_CLUSTER_KEYS) return
    ok = false
    error(file, `This citation names ${node.items.length.toLocaleString('en')} works; Galley reads at most ${MAX_CLUSTER_KEYS} in one citation: split it, or cite a review`, node.position, 'citations-too-many')
  })
  return ok
}

/**
 * An error when the reference list, `order`, is over the limit: at the
 * citation that brought in the first work too many, or at `nocite` when
 * the list grew there.
 */
export function checkReferenceCount(order: readonly string[], cited: readonly CitationItem[], file: VFile, nocitePlace: Place): boolean {
  if (order.length <= MAX_REFERENCES) return true
  const over = cited.find((item) => item.number === MAX_REFERENCES + 1)
  const place: Place = over?.position ?? nocitePlace
  error(file, `The reference list would hold ${order.length.toLocaleString('en')} works; Galley sets at most ${MAX_REFERENCES.toLocaleString('en')}${over ? ' (this citation brings in the first one over)' : ''}: cite fewer, or list fewer under \`nocite\``, place, 'citations-too-many')
  return false
}
