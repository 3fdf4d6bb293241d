/**
 * CSL rich text, the small HTML citation-js leaves in fields (`\emph{}` in
 * BibTeX becomes `<i>`, Crossref titles carry `<i>` and `<sub>`), read once
 * into mdast phrasing, so that the JATS tags a species name or a formula in
 * a title as the body would, and nothing prints a literal `<i>`.
 */
import type { ElementContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import type { PhrasingContent } from 'mdast'

/** The fields an element-citation sets as text with markup. */
export const RICH_FIELDS = ['title', 'container-title'] as const
export type RichField = (typeof RICH_FIELDS)[number]

/** The field's text as phrasing content; undefined for plain text, which needs no tree. */
export function richText(value: unknown): PhrasingContent[] | undefined {
  if (typeof value !== 'string' || !/<\/?(?:i|b|em|strong|sup|sub|span|sc)\b/i.test(value)) return undefined
  return phrasing(fromHtml(value, { fragment: true }).children as ElementContent[])
}

const WRAPPERS: Record<string, 'emphasis' | 'strong' | 'superscript' | 'subscript'> = {
  i: 'emphasis', em: 'emphasis', b: 'strong', strong: 'strong', sup: 'superscript', sub: 'subscript',
}

function phrasing(nodes: readonly ElementContent[]): PhrasingContent[] {
  return nodes.flatMap((node): PhrasingContent[] => {
    if (node.type === 'text') return [{ type: 'text', value: node.value }]
    if (node.type !== 'element') return []
    const children = phrasing(node.children)
    const wrapper = WRAPPERS[node.tagName]
    // `<span class="nocase">` and small caps only steer the CSL processor's casing: their words stay.
    return wrapper ? [{ type: wrapper, children } as PhrasingContent] : children
  })
}
