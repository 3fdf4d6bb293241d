/**
 * The reference list: each entry as the CSL style formatted it, with its DOI,
 * PubMed, PMC and URL made into links. An identifier the style already printed
 * as text ("doi:10.…", "PMID: 123", "Available from: https://…") is linked
 * where it stands instead of being printed twice.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { Article, CslItem, Reference } from '../types.ts'
import { doiUrl } from './facts.ts'

export const REFERENCES_TITLE_ID = 'references-title'

interface Link { href: string; text: string; /** Texts that, found in the entry, become the link. */ inline: string[] }

/** The reference list; none when nothing is cited (no heading over an empty list). */
export function referenceSection(article: Article): Element[] {
  if (article.references.length === 0) return []
  return [h('section', { className: ['references'], role: 'doc-bibliography', ariaLabelledBy: REFERENCES_TITLE_ID }, [
    h('h2', { id: REFERENCES_TITLE_ID }, article.words.references),
    h('ol', { className: ['reference-list'] }, article.references.map(referenceItem)),
  ])]
}

export function referenceItem(reference: Reference): Element {
  // A copy: the same Reference feeds the other emitters.
  const content = structuredClone(reference.formatted)
  const appended: Element[] = []
  for (const link of referenceLinks(reference.csl)) {
    if (hasLink(content, link.href)) continue
    if (link.inline.some((text) => linkText(content, text, link.href))) continue
    appended.push(h('a', { href: link.href }, link.text))
  }
  const links = appended.length > 0
    ? [' ', h('span', { className: ['reference-links'] }, appended.flatMap((a, i) => (i > 0 ? [' ', a] : [a])))]
    : []
  return h('li', { id: reference.id }, [...content, ...links])
}

export function referenceLinks(csl: CslItem): Link[] {
  const links: Link[] = []
  if (csl.DOI) links.push({ href: doiUrl(csl.DOI), text: csl.DOI, inline: [doiUrl(csl.DOI), csl.DOI] })
  if (csl.PMID) {
    const inline = [`PMID: ${csl.PMID}`, `PMID ${csl.PMID}`]
    links.push({ href: `https://pubmed.ncbi.nlm.nih.gov/${csl.PMID}/`, text: `PMID ${csl.PMID}`, inline })
  }
  if (csl.PMCID) {
    const pmcid = csl.PMCID.startsWith('PMC') ? csl.PMCID : `PMC${csl.PMCID}`
    links.push({ href: `https://www.ncbi.nlm.nih.gov/pmc/articles/${pmcid}/`, text: pmcid, inline: [pmcid] })
  }
  if (csl.URL && !csl.DOI) links.push({ href: csl.URL, text: csl.URL, inline: [csl.URL] })
  return links
}

function hasLink(nodes: readonly ElementContent[], href: string): boolean {
  return nodes.some((node) => node.type === 'element' &&
    ((node.tagName === 'a' && node.properties.href === href) || hasLink(node.children, href)))
}

/** Wraps the first occurrence of `needle` (case-insensitive, outside links) in a link. */
function linkText(nodes: ElementContent[], needle: string, href: string): boolean {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]
    if (node.type === 'element') {
      if (node.tagName !== 'a' && linkText(node.children, needle, href)) return true
      continue
    }
    if (node.type !== 'text') continue
    const at = node.value.toLowerCase().indexOf(needle.toLowerCase())
    if (at === -1) continue
    const found = node.value.slice(at, at + needle.length)
    nodes.splice(index, 1,
      { type: 'text', value: node.value.slice(0, at) },
      h('a', { href }, found),
      { type: 'text', value: node.value.slice(at + needle.length) })
    return true
  }
  return false
}
