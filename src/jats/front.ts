/**
 * `<front>`: journal-meta from the template, article-meta from the front
 * matter, children in the order the Journal Publishing 1.3 DTD fixes.
 */
import type { Element } from 'xast'
import { x } from 'xastscript'
import type { Affiliation, ArticleMetadata, Author, Journal, License, PartialDate, Words } from '../types.ts'
import { authorNoteDeclarations, fundingGroup, roles } from './declarations.ts'
import { type JatsContent, type State, leaf, text, unlessEmpty } from './state.ts'

export function front(state: State): Element {
  const { meta, template, words } = state.article
  return x('front', {}, journalMeta(template.journal), articleMeta(state, meta, words, template.journal.license))
}

function journalMeta(journal: Journal): Element | undefined {
  const issns = [
    leaf('issn', journal.issnPrint, { 'pub-type': 'ppub' }),
    leaf('issn', journal.issnElectronic, { 'pub-type': 'epub' }),
  ].filter((issn) => issn !== undefined)
  // The Publishing DTD requires journal-meta and an ISSN in it; the template
  // loader refuses a journal without one, so this is only a guard.
  if (issns.length === 0) return undefined
  return x('journal-meta', {},
    leaf('journal-id', journal.abbreviation || journal.title, { 'journal-id-type': 'publisher-id' }),
    x('journal-title-group', {},
      leaf('journal-title', journal.title),
      leaf('abbrev-journal-title', journal.abbreviation, { 'abbrev-type': 'publisher' })),
    issns,
    journal.publisher ? x('publisher', {}, x('publisher-name', {}, journal.publisher)) : undefined)
}

function articleMeta(state: State, meta: ArticleMetadata, words: Words, journalLicense: License | undefined): Element {
  const correspIds = new Map(
    meta.authors.filter((author) => author.corresponding && author.email)
      .map((author, index) => [author, `cor${index + 1}`] as const),
  )
  return x('article-meta', {},
    leaf('article-id', meta.doi, { 'pub-id-type': 'doi' }),
    meta.heading
      ? x('article-categories', {},
        x('subj-group', { 'subj-group-type': 'heading' }, x('subject', {}, meta.heading)))
      : undefined,
    x('title-group', {},
      x('article-title', {}, state.all({ children: meta.titleMarkup })),
      meta.subtitle ? x('subtitle', {}, state.all({ children: meta.subtitle.markup })) : undefined,
      meta.translatedTitles.filter(({ title }) => title.trim()).map(({ lang, markup }) =>
        x('trans-title-group', { 'xml:lang': lang }, x('trans-title', {}, state.all({ children: markup })))),
      leaf('alt-title', meta.shortTitle, { 'alt-title-type': 'running-head' })),
    contribGroup(meta, correspIds),
    unlessEmpty(x('author-notes', {},
      [...correspIds].map(([author, id]) => x('corresp', { id }, `${words.correspondence}. `, x('email', {}, author.email!))),
      authorNoteDeclarations(state))),
    meta.date ? pubDate(meta.date) : x('pub-date-not-available'),
    leaf('volume', meta.volume),
    leaf('issue', meta.issue),
    // An article number stands instead of pages; a single page is its own last page (PMC wants both).
    meta.elocationId
      ? leaf('elocation-id', meta.elocationId)
      : meta.pages ? [leaf('fpage', meta.pages.first), leaf('lpage', meta.pages.last ?? meta.pages.first)] : undefined,
    permissions(meta, meta.license ?? journalLicense),
    // Headings inside an abstract open its <sec>s, as in the body: a structured abstract.
    meta.abstract ? unlessEmpty(x('abstract', {}, state.one(meta.abstract))) : undefined,
    meta.translatedAbstracts.map(({ lang, abstract }) => unlessEmpty(x('trans-abstract', { 'xml:lang': lang }, state.one(abstract)))),
    keywordGroup(meta.keywords),
    meta.translatedKeywords.map(({ lang, keywords }) => keywordGroup(keywords, lang)),
    fundingGroup(state))
}

function keywordGroup(keywords: readonly string[], lang?: string): Element | undefined {
  if (keywords.length === 0) return undefined
  return x('kwd-group', { 'xml:lang': lang }, keywords.map((keyword) => x('kwd', {}, keyword)))
}

/**
 * Affiliation ids are ours (`aff1`…, in front-matter order): the front
 * matter's own ids need not be valid XML IDs. Labels (decided by the
 * transform stage) show as `<label>` and as xrefs from each author.
 */
function contribGroup(meta: ArticleMetadata, correspIds: ReadonlyMap<Author, string>): Element | undefined {
  // contrib-group needs a contrib; affiliations of nobody have nothing to attach to.
  if (meta.authors.length === 0) return undefined
  const affIds = new Map(meta.affiliations.map((aff, index) => [aff.id, `aff${index + 1}`]))
  const labels = new Map(meta.affiliations.map((aff) => [aff.id, aff.label]))
  const contrib = (author: Author) => {
    const correspId = correspIds.get(author)
    return x('contrib', { 'contrib-type': 'author', corresp: author.corresponding ? 'yes' : undefined },
      leaf('contrib-id', author.orcid, { 'contrib-id-type': 'orcid' }),
      unlessEmpty(x('name', { 'name-style': 'western' }, leaf('surname', author.family), leaf('given-names', author.given))),
      roles(author),
      author.affiliations.filter((id) => labels.get(id)).map((id) =>
        x('xref', { 'ref-type': 'aff', rid: affIds.get(id) }, x('sup', {}, labels.get(id)!))),
      correspId ? x('xref', { 'ref-type': 'corresp', rid: correspId }, x('sup', {}, '*')) : undefined)
  }
  return x('contrib-group', {},
    meta.authors.map(contrib),
    meta.affiliations.map((aff) => affiliation(aff, affIds.get(aff.id)!)))
}

function affiliation(aff: Affiliation, id: string): Element {
  const parts = [
    leaf('institution', aff.department, { 'content-type': 'dept' }),
    leaf('institution', aff.name),
    leaf('city', aff.city),
    leaf('country', aff.country ?? aff.countryCode, { country: aff.countryCode }),
  ].filter((part) => part !== undefined)
  // aff is mixed content: the separators are text, as typeset.
  const separated = parts.flatMap((part, index): JatsContent[] => (index > 0 ? [text(', '), part] : [part]))
  return x('aff', { id }, leaf('label', aff.label), separated)
}

function pubDate(date: PartialDate): Element {
  const twoDigits = (value: number) => String(value).padStart(2, '0')
  const month = date.month === undefined ? undefined : twoDigits(date.month)
  // A day without a month has no ISO 8601 form.
  const day = month && date.day !== undefined ? twoDigits(date.day) : undefined
  const year = String(date.year).padStart(4, '0')
  return x('pub-date', {
    'publication-format': 'print',
    'date-type': 'pub',
    'iso-8601-date': [year, month, day].filter(Boolean).join('-'),
  }, leaf('day', day), leaf('month', month), x('year', {}, year))
}

function permissions(meta: ArticleMetadata, license: License | undefined): Element | undefined {
  const { copyright } = meta
  if (!copyright && !license) return undefined
  return x('permissions', {},
    copyright
      ? [
        leaf('copyright-statement', copyright.statement),
        leaf('copyright-year', copyright.year),
        leaf('copyright-holder', copyright.holder),
      ]
      : undefined,
    license
      ? x('license', {}, leaf('ali:license_ref', license.url), leaf('license-p', license.text))
      : undefined)
}
