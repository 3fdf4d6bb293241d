/**
 * Machine-readable description of the letter for the page's <head>: Highwire
 * Press `citation_*` tags (read by Google Scholar and Zotero) and schema.org
 * JSON-LD. Order matters for Highwire: an author's institution and email
 * follow that author's `citation_author`.
 */
import type { Element } from 'hast'
import { h } from 'hastscript'
import type { Article, CslItem, Reference } from '../types.ts'
import { affiliationText, authorName, doiUrl, formatDate } from './facts.ts'

/** The PDF beside the page: outputs are named after the manuscript (letter.md → letter.pdf). */
export function pdfFile(article: Article): string {
  return `${article.file.stem ?? 'article'}.pdf`
}

/** `abstract`: the abstract as plain text, as the page sets it. */
export function metaTags(article: Article, abstract?: string): Element[] {
  const { meta, template, references } = article
  const { journal } = template
  const tags: Array<[string, string | undefined]> = [['citation_title', meta.title]]
  for (const author of meta.authors) {
    tags.push(['citation_author', [author.family, author.given].filter(Boolean).join(', ')])
    for (const id of author.affiliations) {
      const affiliation = meta.affiliations.find((candidate) => candidate.id === id)
      if (affiliation) tags.push(['citation_author_institution', affiliationText(affiliation)])
    }
    if (author.corresponding) tags.push(['citation_author_email', author.email])
    tags.push(['citation_author_orcid', author.orcid])
  }
  tags.push(
    ['citation_publication_date', meta.date && formatDate(meta.date, '/')],
    ['citation_journal_title', journal.title],
    ['citation_journal_abbrev', journal.abbreviation],
    ['citation_issn', journal.issnPrint],
    ['citation_issn', journal.issnElectronic],
    ['citation_publisher', journal.publisher],
    ['citation_volume', meta.volume],
    ['citation_issue', meta.issue],
    ['citation_firstpage', meta.elocationId ?? meta.pages?.first],
    ['citation_lastpage', meta.pages?.last],
    ['citation_language', meta.lang],
    ['citation_doi', meta.doi],
    ['citation_pdf_url', pdfFile(article)],
    ['citation_keywords', meta.keywords.length > 0 ? meta.keywords.join('; ') : undefined],
  )
  for (const reference of references) tags.push(['citation_reference', highwireReference(reference)])
  if (abstract) tags.push(['description', abstract])
  return tags
    .filter((tag): tag is [string, string] => Boolean(tag[1]))
    .map(([name, content]) => h('meta', { name, content }))
}

/** "citation_title=…; citation_author=…; …" with `;` kept out of the values. */
export function highwireReference({ csl, pages, elocationId }: Reference): string {
  const clean = (value: unknown) => String(value).replace(/;/g, ',').trim()
  const fields: Array<[string, unknown]> = [['citation_title', csl.title]]
  for (const name of csl.author ?? []) {
    fields.push(['citation_author', name.literal ?? [name.family, name.given].filter(Boolean).join(', ')])
  }
  fields.push(
    ['citation_journal_title', csl['container-title']],
    ['citation_year', cslYear(csl)],
    ['citation_volume', csl.volume],
    ['citation_issue', csl.issue],
    ['citation_firstpage', pages?.first ?? elocationId],
    ['citation_lastpage', pages?.last],
    ['citation_doi', csl.DOI],
  )
  return fields.filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${clean(value)}`).join('; ')
}

function cslYear(csl: CslItem): string | undefined {
  const year = csl.issued?.['date-parts']?.[0]?.[0]
  return year === undefined ? undefined : String(year)
}

/** schema.org ScholarlyArticle, as a <script type="application/ld+json">. */
export function jsonLd(article: Article, abstract?: string): Element {
  return h('script', { type: 'application/ld+json' },
    // `<` escaped so no "</script>" inside a title can end the element early.
    JSON.stringify(scholarlyArticle(article, abstract), null, 2).replace(/</g, '\\u003c'))
}

export function scholarlyArticle(article: Article, abstract?: string): Record<string, unknown> {
  const { meta, template } = article
  const { journal } = template
  const issns = [journal.issnPrint, journal.issnElectronic].filter(Boolean)
  const license = meta.license ?? journal.license
  return prune({
    '@context': 'https://schema.org',
    '@type': 'ScholarlyArticle',
    headline: meta.title,
    alternativeHeadline: meta.translatedTitles.map((translated) => translated.title),
    inLanguage: meta.lang,
    author: meta.authors.map((author) => ({
      '@type': 'Person',
      '@id': author.orcid,
      name: authorName(author),
      givenName: author.given,
      familyName: author.family,
      email: author.email,
      affiliation: author.affiliations
        .map((id) => meta.affiliations.find((candidate) => candidate.id === id))
        .filter((affiliation) => affiliation !== undefined)
        .map((affiliation) => ({ '@type': 'Organization', name: affiliationText(affiliation) })),
    })),
    datePublished: meta.date && formatDate(meta.date, '-'),
    isPartOf: {
      '@type': 'PublicationIssue',
      issueNumber: meta.issue,
      isPartOf: {
        '@type': 'PublicationVolume',
        volumeNumber: meta.volume,
        isPartOf: { '@type': 'Periodical', name: journal.title, alternateName: journal.abbreviation, issn: issns },
      },
    },
    pageStart: meta.pages?.first,
    pageEnd: meta.pages?.last,
    publisher: { '@type': 'Organization', name: journal.publisher },
    sameAs: meta.doi ? doiUrl(meta.doi) : undefined,
    abstract,
    keywords: meta.keywords,
    license: license?.url,
    copyrightYear: meta.copyright?.year,
    copyrightHolder: meta.copyright?.holder ? { '@type': 'Organization', name: meta.copyright.holder } : undefined,
    encoding: { '@type': 'MediaObject', contentUrl: pdfFile(article), encodingFormat: 'application/pdf' },
    citation: article.references.map((reference) => ({
      '@type': 'CreativeWork',
      name: reference.csl.title,
      sameAs: reference.csl.DOI ? doiUrl(reference.csl.DOI) : undefined,
      url: reference.csl.DOI ? undefined : reference.csl.URL,
    })),
  }) as Record<string, unknown>
}

/** Drops undefined values and empty arrays, so absent facts leave no key. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value)
    .map(([key, inner]) => [key, prune(inner)] as const)
    .filter(([, inner]) => inner !== undefined && !(Array.isArray(inner) && inner.length === 0))
  return Object.fromEntries(entries)
}
