/**
 * Plain-text facts the page prints in several places (journal band, running
 * head, meta tags): built once here so they always agree.
 */
import { nameList } from '../template/words.ts'
import type { Affiliation, Article, Author, PartialDate, Words } from '../types.ts'

/** "Actas Dermosifiliogr. 2018;109(8):760–762", or ":e205" for an article number (NLM abbreviation style). */
export function journalLine(article: Article): string {
  const { meta, template } = article
  let line = `${template.journal.abbreviation.replace(/\.$/, '')}.`
  if (meta.date) line += ` ${meta.date.year}`
  if (meta.volume) line += `;${meta.volume}`
  if (meta.issue) line += `(${meta.issue})`
  // Where the journal prints pages, an article number (e205) stands in their place.
  if (meta.elocationId) line += `:${meta.elocationId}`
  else if (meta.pages) line += `:${meta.pages.display}`
  return line
}

/** "M. Herrero-Moyano et al." for the running head. */
export function runningAuthors(authors: readonly Author[], words: Words): string {
  return nameList(authors.map(authorName), words)
}

/** "M. Herrero-Moyano": given names first, as the byline prints them. */
export function authorName(author: Author): string {
  return [author.given, author.family].filter(Boolean).join(' ')
}

/** "Servicio de Dermatología, Hospital Universitario de La Princesa, Madrid, Spain". */
export function affiliationText(affiliation: Affiliation): string {
  return [affiliation.department, affiliation.name, affiliation.city, affiliation.country]
    .filter(Boolean).join(', ')
}

/** "2018/10" (Highwire) or "2018-10" (ISO 8601, schema.org). */
export function formatDate(date: PartialDate, separator: '/' | '-'): string {
  return [date.year, date.month, date.month ? date.day : undefined]
    .filter((part): part is number => part !== undefined)
    .map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, '0')))
    .join(separator)
}

export function doiUrl(doi: string): string {
  return `https://doi.org/${doi}`
}
