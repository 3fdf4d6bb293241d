/**
 * `<back>`: the declarations that belong there (./declarations.ts), the notes, and the reference list, each work as an `<element-citation>` built
 * field by field from its CSL-JSON (no punctuation: the renderer styles it).
 */
import type { Element } from 'xast'
import { x } from 'xastscript'
import type { CslItem, CslName, PageRange } from '../types.ts'
import { backDeclarations } from './declarations.ts'
import { footnoteGroup } from './footnotes.ts'
import { type State, leaf, unlessEmpty } from './state.ts'

export function back(state: State): Element | undefined {
  const { references, words } = state.article
  const refList = references.length === 0 ? undefined : x('ref-list', {},
    x('title', {}, words.references),
    references.map((reference) =>
      x('ref', { id: reference.id }, x('label', {}, String(reference.number)), elementCitation(reference.csl, reference.pages))))
  return unlessEmpty(x('back', {}, backDeclarations(state), footnoteGroup(state), refList))
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
  return PUBLICATION_TYPES[csl.type] ?? (csl.type.startsWith('article') || csl['container-title'] ? 'journal' : 'other')
}

export function elementCitation(csl: CslItem, pages: PageRange | undefined): Element {
  const type = publicationType(csl)
  const [year, month] = issued(csl)
  return x('element-citation', { 'publication-type': type },
    personGroup('author', csl.author),
    titles(csl, type),
    leaf('edition', stringField(csl, 'edition')),
    // Crossref data adds the publisher to journal articles; the source names a journal.
    type === 'journal' ? undefined : [leaf('publisher-loc', csl['publisher-place']), leaf('publisher-name', csl.publisher)],
    leaf('year', year),
    leaf('month', month),
    leaf('volume', csl.volume),
    leaf('issue', csl.issue),
    pages
      ? [leaf('fpage', pages.first), leaf('lpage', pages.last)]
      : leaf('elocation-id', stringField(csl, 'article-number')),
    leaf('pub-id', csl.DOI, { 'pub-id-type': 'doi' }),
    leaf('pub-id', csl.PMID, { 'pub-id-type': 'pmid' }),
    leaf('pub-id', csl.PMCID, { 'pub-id-type': 'pmcid' }),
    csl.DOI ? undefined : leaf('ext-link', csl.URL, { 'ext-link-type': 'uri', 'xlink:href': csl.URL }))
}

/** The work's own title and the title of what contains it, tagged by kind. */
function titles(csl: CslItem, type: string): Array<Element | undefined> {
  const container = csl['container-title'] ?? csl['container-title-short']
  const editors = personGroup('editor', csl.editor)
  if (csl.type === 'chapter' || csl.type.startsWith('entry')) {
    return [leaf('chapter-title', csl.title), editors, leaf('source', container)]
  }
  if (type === 'data') return [leaf('data-title', csl.title), editors, leaf('source', container)]
  if (container) return [leaf('article-title', csl.title), editors, leaf('source', container)]
  return [editors, leaf('source', csl.title)]
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
