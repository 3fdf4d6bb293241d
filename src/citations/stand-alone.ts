/**
 * Whether a CSL style formats each bibliography entry by itself: the entry's text, less the
 * number in its left margin (which the emitters write themselves), is then the same whatever else
 * is cited and in what order, and entries can be kept one by one (format.ts). A style is not
 * stand-alone where the CSL specification lets one entry shape another: a subsequent author
 * substituted by a dash, a year suffix or a name made longer to tell works apart, a citation
 * number printed anywhere but the margin. Unsure (a dependent style, a parse failure): not.
 */
import type { Element, Root } from 'xast'
import { fromXml } from 'xast-util-from-xml'

const verdicts = new Map<string, boolean>()

/** By the style's XML; kept per content (watch mode asks for the same style every rebuild). */
export function entriesStandAlone(xml: string): boolean {
  let verdict = verdicts.get(xml)
  if (verdict === undefined) verdicts.set(xml, (verdict = judge(xml)))
  return verdict
}

function judge(xml: string): boolean {
  let tree: Root
  try {
    tree = fromXml(xml)
  } catch {
    return false
  }
  const style = tree.children.find((node): node is Element => node.type === 'element')
  if (!style) return false
  const all = descendants(style)
  if (all.some((node) => local(node) === 'link' && node.attributes.rel === 'independent-parent')) return false
  // disambiguate-add-year-suffix and the like, and a condition on disambiguation.
  if (all.some((node) => Object.entries(node.attributes).some(([name, value]) => name.startsWith('disambiguate') && value === 'true'))) return false
  const bibliography = all.find((node) => local(node) === 'bibliography')
  if (!bibliography) return false
  if (bibliography.attributes['subsequent-author-substitute'] !== undefined) return false
  const layout = childElements(bibliography).find((node) => local(node) === 'layout')
  if (!layout) return false
  // The number may be the layout's first part, set in the margin; nowhere else (a macro may be
  // called from the layout, so none of them either).
  const [first, ...rest] = childElements(layout)
  const numbered = (nodes: Element[]) => nodes.some((node) => [node, ...descendants(node)].some(mentionsNumber))
  const macros = all.filter((node) => local(node) === 'macro')
  if (numbered(rest) || numbered(macros)) return false
  if (first && numbered([first])) {
    return bibliography.attributes['second-field-align'] !== undefined && local(first) === 'text' && childElements(first).length === 0
  }
  return true
}

function mentionsNumber(node: Element): boolean {
  return Object.values(node.attributes).some((value) => typeof value === 'string' && value.split(/\s+/).includes('citation-number'))
}

function local(node: Element): string {
  return node.name.slice(node.name.indexOf(':') + 1)
}

function childElements(node: Element): Element[] {
  return node.children.filter((child): child is Element => child.type === 'element')
}

function descendants(node: Element): Element[] {
  return childElements(node).flatMap((child) => [child, ...descendants(child)])
}
