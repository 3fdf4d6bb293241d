/**
 * Supplementary material as JATS4R and PMC place it: a
 * `<sec sec-type="supplementary-material">` in `<back>` holding one
 * `<supplementary-material>` per linked file (href, media type, caption), and
 * each link in the text an `<xref ref-type="supplementary-material">` to it.
 */
import type { Element } from 'xast'
import { x } from 'xastscript'
import type { SupplementaryLink } from '../types.ts'
import { type State, unlessEmpty } from './state.ts'

export function supplementaryLink(state: State, node: SupplementaryLink): Element {
  return state.patch(node, x('xref', { 'ref-type': 'supplementary-material', rid: node.identifier }, state.all(node)))
}

export function supplementarySection(state: State): Element | undefined {
  const files = state.article.supplementary
  if (files.length === 0) return undefined
  return x('sec', { 'sec-type': 'supplementary-material' },
    x('title', {}, state.article.words.supplementary),
    files.map((entry) => {
      const [mimetype, subtype] = entry.mediaType.split('/')
      return x('supplementary-material', { id: entry.id, 'xlink:href': entry.href, mimetype, 'mime-subtype': subtype },
        unlessEmpty(x('caption', {}, unlessEmpty(x('title', {}, state.all({ children: entry.caption }))))))
    }))
}
