/**
 * The title block: journal band, article heading, titles, byline with
 * affiliation marks, affiliations, the correspondence note, the abstracts
 * and their keywords.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { Heading, Root as MdastRoot } from 'mdast'
import type { State } from 'mdast-util-to-hast'
import { visit } from 'unist-util-visit'
import { wordsFor } from '../template/words.ts'
import { htmlInline as inline, typesetPart } from './blocks.ts'
import type { Article, Author } from '../types.ts'
import { affiliationText, authorName, journalLine } from './facts.ts'
import { lines } from './lines.ts'

export const CORRESPONDENCE_ID = 'corresp'

/** HTML id of an affiliation; prefixed so it cannot clash with a figure id. */
export function affiliationId(id: string): string {
  return `aff-${id}`
}

export function articleHeader(article: Article, abstracts: readonly AbstractSection[]): Element {
  const { meta, template } = article
  return h('header', { className: ['article-header'] }, lines([
    h('div', { className: ['journal-band'] }, [
      h('p', { className: ['journal-title'] }, template.journal.title),
      h('p', { className: ['journal-line'] }, journalLine(article)),
    ]),
    meta.heading ? h('p', { className: ['article-heading'] }, meta.heading) : undefined,
    h('h1', { className: ['title'] }, inline(article, meta.titleMarkup)),
    meta.subtitle ? h('p', { className: ['subtitle'] }, inline(article, meta.subtitle.markup)) : undefined,
    ...meta.translatedTitles.map((translated) =>
      h('p', { className: ['translated-title'], lang: translated.lang }, inline(article, translated.markup))),
    byline(article),
    affiliations(article),
    correspondence(article),
    ...abstractsWithKeywords(article, abstracts),
  ].filter((node) => node !== undefined)))
}

export interface AbstractSection {
  lang?: string
  element: Element
}

/**
 * The abstract, then its translations, each a `<section>` under an `h2` in
 * its language's word; headings inside (a structured abstract) sit one
 * level below it, whatever level the author gave them.
 */
export function abstractSections(article: Article): AbstractSection[] {
  const { meta, template } = article
  const sections: AbstractSection[] = meta.abstract ? [{ element: abstractSection(article, meta.abstract, 'abstract-title', article.words.abstract) }] : []
  for (const { lang, abstract } of meta.translatedAbstracts) {
    const word = wordsFor(lang, template.words).abstract
    sections.push({ lang, element: abstractSection(article, abstract, `abstract-title-${lang}`, word, lang) })
  }
  return sections
}

function abstractSection(article: Article, abstract: MdastRoot, titleId: string, title: string, lang?: string): Element {
  let top = 6
  visit(abstract, 'heading', (node) => { top = Math.min(top, node.depth) })
  const heading = (state: State, node: Heading): Element => {
    const result = h(`h${Math.min(node.depth - top + 3, 6)}`, state.all(node))
    state.patch(node, result)
    return result
  }
  return h('section', { className: ['abstract'], ariaLabelledBy: titleId, lang }, [
    h('h2', { id: titleId }, title),
    ...(typesetPart(article, abstract, { heading }).children as ElementContent[]),
  ])
}

/** Each abstract's keywords follow it, in its language. */
function keywordLine(keywords: readonly string[], word: string, lang?: string): Element | undefined {
  if (keywords.length === 0) return undefined
  return h('p', { className: ['keywords'], lang }, [
    h('span', { className: ['label'] }, `${word}: `),
    keywords.join('; '),
  ])
}

function abstractsWithKeywords(article: Article, abstracts: readonly AbstractSection[]): Element[] {
  const { meta, template } = article
  const keywordsIn = (lang: string | undefined) => (lang === undefined
    ? keywordLine(meta.keywords, article.words.keywords)
    : keywordLine(meta.translatedKeywords.find((entry) => entry.lang === lang)?.keywords ?? [], wordsFor(lang, template.words).keywords, lang))
  const langs = new Set(abstracts.map((section) => section.lang))
  // Keywords in a language that has no abstract still print, after the rest.
  const unpaired = meta.translatedKeywords.filter((entry) => !langs.has(entry.lang)).map((entry) => entry.lang)
  return [
    ...abstracts.flatMap((section) => [section.element, keywordsIn(section.lang)]),
    ...(langs.has(undefined) ? [] : [keywordsIn(undefined)]),
    ...unpaired.map(keywordsIn),
  ].filter((node) => node !== undefined)
}

/** Affiliation marks, as the transform stage labelled them (none when all authors share one). */
function affiliationMarks(article: Article): Map<string, string> {
  return new Map(article.meta.affiliations.flatMap((affiliation) =>
    affiliation.label ? [[affiliation.id, affiliation.label] as const] : []))
}

function byline(article: Article): Element {
  const marks = affiliationMarks(article)
  const children: ElementContent[] = []
  article.meta.authors.forEach((author, index) => {
    if (index > 0) children.push({ type: 'text', value: ', ' })
    children.push(...authorEntry(author, marks, article.words.correspondence))
  })
  return h('p', { className: ['authors'] }, children)
}

function authorEntry(author: Author, marks: Map<string, string>, correspondence: string): ElementContent[] {
  // With no visible mark the author is still tied to the affiliation, for
  // assistive technology, through aria-describedby.
  const name = h('span', {
    className: ['author'],
    ariaDescribedBy: author.affiliations.length > 0 ? author.affiliations.map(affiliationId) : undefined,
  }, authorName(author))
  const links: ElementContent[] = author.affiliations
    .filter((id) => marks.has(id))
    .map((id) => h('a', { href: `#${affiliationId(id)}` }, marks.get(id)!))
  if (author.corresponding) {
    links.push(h('a', { href: `#${CORRESPONDENCE_ID}`, ariaLabel: correspondence }, '*'))
  }
  const entry: ElementContent[] = [name]
  if (links.length > 0) entry.push(h('sup', { className: ['marks'] }, commaSeparated(links)))
  if (author.orcid) {
    entry.push({ type: 'text', value: ' ' }, h('a', { className: ['orcid'], href: author.orcid, ariaLabel: `ORCID iD of ${authorName(author)}` }, 'iD'))
  }
  return entry
}

function affiliations(article: Article): Element {
  const marks = affiliationMarks(article)
  return h('ul', { className: ['affiliations'] }, article.meta.affiliations.map((affiliation) =>
    h('li', { id: affiliationId(affiliation.id) }, [
      marks.has(affiliation.id) ? h('sup', marks.get(affiliation.id)!) : undefined,
      affiliationText(affiliation),
    ].filter((node) => node !== undefined))))
}

/** "* Corresponding author: M. Herrero-Moyano, name@host" */
function correspondence(article: Article): Element | undefined {
  const authors = article.meta.authors.filter((author) => author.corresponding)
  if (authors.length === 0) return undefined
  const entries = authors.map((author) => {
    const parts: ElementContent[] = [{ type: 'text', value: authorName(author) }]
    if (author.email) parts.push({ type: 'text', value: ', ' }, h('a', { href: `mailto:${author.email}` }, author.email))
    return parts
  })
  return h('p', { className: ['correspondence'], id: CORRESPONDENCE_ID }, [
    h('sup', '*'),
    ` ${article.words.correspondence}: `,
    ...entries.flatMap((parts, index) => (index > 0 ? [{ type: 'text' as const, value: '; ' }, ...parts] : parts)),
  ])
}

function commaSeparated(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node, index) => (index > 0 ? [{ type: 'text' as const, value: ',' }, node] : [node]))
}
