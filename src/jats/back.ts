/**
 * `<back>`: the declarations that belong there (./declarations.ts), the notes, and the reference list, each work as an `<element-citation>` built
 * field by field from its CSL-JSON (no punctuation: the renderer styles it).
 */
import type { Element } from 'xast'
import { x } from 'xastscript'
import type { RichField } from '../citations/rich-text.ts'
import type { CslItem, CslName, Reference } from '../types.ts'
import { backDeclarations } from './declarations.ts'
import { footnoteGroup } from './footnotes.ts'
import { supplementarySection } from './supplementary.ts'
import { type State, leaf, unlessEmpty } from './state.ts'

export function back(state: State): Element | undefined {
  const { references, words } = state.article
  const refList = references.length === 0 ? undefined : x('ref-list', {},
    x('title', {}, words.references),
    references.map((reference) =>
      x('ref', { id: reference.id }, x('label', {}, String(reference.number)), elementCitation(state, reference))))
  return unlessEmpty(x('back', {}, backDeclarations(state), supplementarySection(state), footnoteGroup(state), refList))
}

// JATS4R asks for a meaningful publication-type and to avoid "other".
const PUBLICATION_TYPES: Record<string, string> = {
  article: 'preprint',
  book: 'book',
  chapter: 'book',
  dataset: 'data',
  'paper-conference': 'confproc',
  patent: 'patent',
  post: 'webpage',
  'post-weblog': 'webpage',
  report: 'report',
  software: 'software',
  standard: 'standard',
  thesis: 'thesis',
  webpage: 'webpage',
}

export function publicationType(csl: CslItem): string {
  if (csl.type.startsWith('entry')) return 'book'
  if (PUBLICATION_TYPES[csl.type]) return PUBLICATION_TYPES[csl.type]
  if (csl.type.startsWith('article') || csl['container-title']) return 'journal'
  // BibTeX's @misc with a url (citation-js: "document") is, in practice, a web page.
  return csl.URL ? 'webpage' : 'other'
}

export function elementCitation(state: State, reference: Reference): Element {
  const { csl, pages } = reference
  const type = publicationType(csl)
  const [year, month] = issued(csl)
  const rich = (name: string, field: RichField) => {
    const markup = reference.markup[field]
    return markup ? x(name, {}, state.all({ children: markup })) : leaf(name, stringField(csl, field))
  }
  // A dataset's repository is its source (JATS4R data citations); other works name their publisher.
  const repository = type === 'data' && !csl['container-title'] ? csl.publisher : undefined
  return x('element-citation', { 'publication-type': type },
    personGroup('author', csl.author),
    titles(csl, type, rich, repository),
    leaf('edition', stringField(csl, 'edition')),
    leaf('version', stringField(csl, 'version')),
    leaf('series', stringField(csl, 'collection-title')),
    conference(csl, type),
    // Crossref data adds the publisher to journal articles; the source names a journal.
    type === 'journal' ? undefined : [leaf('publisher-loc', csl['publisher-place']), leaf('publisher-name', repository ? undefined : csl.publisher)],
    leaf('year', year),
    leaf('month', month),
    leaf('volume', csl.volume),
    leaf('issue', csl.issue),
    pages
      ? [leaf('fpage', pages.first), leaf('lpage', pages.last)]
      : leaf('elocation-id', reference.elocationId ?? stringField(csl, 'article-number')),
    accessed(csl),
    leaf('pub-id', csl.DOI, { 'pub-id-type': 'doi' }),
    leaf('pub-id', csl.PMID, { 'pub-id-type': 'pmid' }),
    leaf('pub-id', csl.PMCID, { 'pub-id-type': 'pmcid' }),
    csl.DOI ? undefined : leaf('ext-link', csl.URL, { 'ext-link-type': 'uri', 'xlink:href': csl.URL }))
}

type Rich = (name: string, field: RichField) => Element | undefined

/** The work's own title and the title of what contains it, tagged by kind. */
function titles(csl: CslItem, type: string, rich: Rich, repository: string | undefined): Array<Element | undefined> {
  const container = csl['container-title'] ? rich('source', 'container-title') : leaf('source', csl['container-title-short'] ?? repository)
  const editors = personGroup('editor', csl.editor)
  if (csl.type === 'chapter' || csl.type.startsWith('entry')) return [rich('chapter-title', 'title'), editors, container]
  if (type === 'data') return [rich('data-title', 'title'), editors, container]
  if (csl['container-title'] || csl['container-title-short']) return [rich('article-title', 'title'), editors, container]
  return [editors, rich('source', 'title')]
}

/** A paper's conference: its name, place and date (CSL `event-title`, or the older `event`). */
function conference(csl: CslItem, type: string): Array<Element | undefined> | undefined {
  if (type !== 'confproc') return undefined
  const date = csl['event-date'] as CslDate | undefined
  return [
    leaf('conf-name', stringField(csl, 'event-title') ?? stringField(csl, 'event')),
    leaf('conf-loc', stringField(csl, 'event-place')),
    leaf('conf-date', date?.literal ?? isoDate(date)),
  ]
}

/** When a web page or dataset was seen: JATS4R's access date, its ISO form in the attribute. */
function accessed(csl: CslItem): Element | undefined {
  const iso = isoDate(csl.accessed as CslDate | undefined)
  return iso ? x('date-in-citation', { 'content-type': 'access-date', 'iso-8601-date': iso }, iso) : undefined
}

type CslDate = { 'date-parts'?: Array<Array<number | string>>; literal?: string }

function isoDate(date: CslDate | undefined): string | undefined {
  const [year, month, day] = date?.['date-parts']?.[0] ?? []
  if (year === undefined || !/^\d{1,4}$/.test(String(year))) return undefined
  const two = (value: number | string) => String(value).padStart(2, '0')
  return [String(year).padStart(4, '0'), month === undefined ? undefined : two(month), month === undefined || day === undefined ? undefined : two(day)]
    .filter(Boolean).join('-')
}

type FullCslName = CslName & { 'non-dropping-particle'?: string; suffix?: string }

function personGroup(role: 'author' | 'editor', names: FullCslName[] | undefined): Element | undefined {
  if (!names || names.length === 0) return undefined
  return unlessEmpty(x('person-group', { 'person-group-type': role }, names.map((name) => {
    if (name.literal) return x('collab', {}, name.literal)
    const surname = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ')
    return unlessEmpty(x('name', { 'name-style': 'western' },
      leaf('surname', surname), leaf('given-names', name.given), leaf('suffix', name.suffix)))
  })))
}

/** Year and two-digit month, from date-parts or, failing that, a year in the literal date. */
function issued(csl: CslItem): [string | undefined, string | undefined] {
  const [year, month] = csl.issued?.['date-parts']?.[0] ?? []
  if (year === undefined) return [csl.issued?.literal?.match(/\b\d{4}\b/)?.[0], undefined]
  return [String(year), month === undefined ? undefined : String(month).padStart(2, '0')]
}

function stringField(csl: CslItem, field: string): string | undefined {
  const value = csl[field]
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
}
