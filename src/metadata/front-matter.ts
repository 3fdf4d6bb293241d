/**
 * What the front matter may hold (Quarto's scholarly fields where Quarto has
 * one, plus what a journal needs that Quarto lacks), and what each key
 * becomes in `ArticleMetadata`. One entry per key: its schema checks the YAML
 * and yields a typed value, its normaliser turns that into metadata. The
 * metadata's type is inferred from these entries.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Paragraph, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { didYouMean, error } from '../diagnostics/messages.ts'
import type { FrontMatter } from '../parse/front-matter.ts'
import { parseInline } from '../parse/markdown.ts'
import { pageRange } from '../transform/page-range.ts'
import { transformScripts } from '../transform/scripts.ts'
import type { Affiliation, Author, License, PartialDate, Title } from '../types.ts'
import { countryCode } from './countries.ts'
import { field, record, type RecordOf } from './record.ts'
import {
  INVALID, boolean, either, list, located, map, numberOrString, object, readDocument, required, string, to,
  type Schema,
} from './schema.ts'

/** PubMed Central's accepted article-type values (PMC Style Checker 5.31). */
export const ARTICLE_TYPES = [
  'abstract', 'addendum', 'admin', 'advert', 'announcement', 'article-commentary', 'book-review',
  'books-received', 'brief-report', 'calendar', 'case-report', 'collection', 'correction', 'cover',
  'data-paper', 'discussion', 'editorial', 'expression-of-concern', 'filler', 'in-brief', 'index',
  'introduction', 'letter', 'meeting-report', 'methods-article', 'news', 'obituary', 'oration',
  'product-review', 'protocol', 'rapid-communication', 'reply', 'report', 'research-article',
  'retraction', 'review-article', 'systematic-review', 'toc', 'tutorial', 'chapter-article', 'other',
] as const

const text = string()
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/

/** "M. Herrero-Moyano" → given "M.", family "Herrero-Moyano" (the last word is the family name). */
const personName = either('a string ("M. Herrero-Moyano") or an object with `given` and `family`',
  to(string({ nonEmpty: true, hint: 'a name like "M. Herrero-Moyano"' }), (name) => {
    const words = name.trim().split(/\s+/)
    return { family: words.pop() ?? '', given: words.join(' ') }
  }),
  to(object({ given: text, family: required(text), literal: text }), (name) => ({ given: name.given ?? '', family: name.family ?? name.literal ?? '' })),
)

const affiliationId = numberOrString()
const affiliationRef = either('an affiliation id, or an object with `ref`',
  affiliationId,
  to(object({ ref: required(affiliationId) }), (ref) => ref.ref),
)

const authorObject = object({
  name: required(personName),
  email: string({ pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, hint: 'an e-mail address' }),
  orcid: string({ pattern: /^(https:\/\/orcid\.org\/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, hint: 'an ORCID iD like 0000-0002-1825-0097' }),
  corresponding: boolean(),
  affiliations: list(affiliationRef, { single: true }),
  affiliation: list(affiliationRef, { single: true }),
})

const author: Schema<Author> = either('a name ("A. Author"), or an object with `name`',
  to(personName, (name): Author => ({ ...name, corresponding: false, affiliations: [] })),
  to(authorObject, (entry): Author => ({
    ...entry.name,
    email: entry.email,
    orcid: entry.orcid && (entry.orcid.startsWith('https://') ? entry.orcid : `https://orcid.org/${entry.orcid}`),
    corresponding: entry.corresponding === true,
    affiliations: entry.affiliations ?? entry.affiliation ?? [],
  })),
)

const affiliation = to(object({
  id: required(affiliationId),
  department: text,
  name: required(text),
  address: text,
  city: text,
  region: text,
  country: text,
  'country-code': string({ pattern: /^[A-Z]{2}$/, hint: 'an ISO 3166-1 alpha-2 code like ES' }),
  ror: text,
}), (entry): Affiliation => ({
  id: entry.id,
  department: entry.department,
  name: entry.name,
  city: entry.city,
  country: entry.country,
  countryCode: entry['country-code'] ?? (entry.country ? countryCode(entry.country) : undefined),
}))

const license = either('a licence URL or an object with `url` and `text`',
  to(text, (value): License => /^https?:\/\//.test(value) ? { url: value, text: `This article is licensed under ${value}` } : { text: value }),
  to(object({ url: text, text }), ({ url, text }): License => ({ url, text: text ?? (url ? `This article is licensed under ${url}` : '') })),
)

const copyright = object({ holder: required(text), year: numberOrString({ pattern: /^\d{4}$/, hint: 'a year like 2018' }), statement: text })

export const frontMatterFields = {
  title: field(required(string({ nonEmpty: true, hint: 'the article\'s title' })), (title) => {
    const { title: plain, markup } = parseTitle(title)
    return { title: plain, titleMarkup: markup }
  }),
  /** Translations of the title, e.g. [{ lang: 'es', title: '…', markup }]. */
  'translated-title': field(map(text, 'a map from language to title, e.g. `es: "…"`'), (titles = []) => ({
    translatedTitles: titles.map(([lang, title]) => ({ lang, ...parseTitle(title) })),
  })),
  /** JATS article-type (PMC's list), e.g. "letter". */
  'article-type': field(string({ oneOf: ARTICLE_TYPES }), (articleType = 'research-article') => ({ articleType })),
  /** The journal's own label for the article, e.g. "Scientific letter". */
  'article-heading': field(text, (heading) => ({ heading })),
  /** BCP 47 language of the article, e.g. "en". */
  lang: field(string({ pattern: /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, hint: 'a language tag like en or es' }), (lang = 'en') => ({ lang })),
  // Affiliations come before authors: an author's references are checked against them.
  affiliations: field(list(affiliation), (affiliations = []) => ({ affiliations })),
  author: field(required(list(author, { single: true, nonEmpty: 'name at least one author, e.g. `author: A. Author`' })), (authors, context) => {
    const known = ((context.values.affiliations ?? []) as Affiliation[]).map((entry) => entry.id)
    authors.forEach((entry, index) => {
      for (const ref of entry.affiliations.filter((ref) => !known.includes(ref))) {
        error(context.walk.file, `Author ${index + 1} names affiliation "${ref}", which \`affiliations\` does not define${didYouMean(ref, known)}`,
          context.walk.positions.get(`author[${index}]`) ?? context.walk.yaml.start, 'front-matter-affiliation')
      }
    })
    return { authors: authors.map((entry) => ({ ...entry, affiliations: entry.affiliations.filter((ref) => known.includes(ref)) })) }
  }),
  /** Publication date; absent in a draft (outputs then carry none, so builds stay reproducible). */
  date: field(numberOrString({ pattern: DATE, hint: 'YYYY, YYYY-MM or YYYY-MM-DD' }), (date) => ({ date: parseDate(date) })),
  volume: field(numberOrString(), (volume) => ({ volume })),
  issue: field(numberOrString(), (issue) => ({ issue })),
  /** The article's pages in the issue, from `pages: 760-762`. */
  pages: field(numberOrString({ pattern: /^\w+([-–]\w+)?$/, hint: 'a page or range like 760-762' }), (pages) => ({ pages: pageRange(pages) })),
  doi: field(string({ pattern: /^10\.\d{4,9}\/\S+$/, hint: 'a DOI like 10.1016/j.ad.2018.01.001' }), (doi) => ({ doi })),
  keywords: field(list(numberOrString()), (keywords = []) => ({ keywords })),
  abstract: field(text, (abstract) => ({ abstract })),
  license: field(license, (license) => ({ license })),
  copyright: field(copyright, (value, context): { copyright?: { year: number; holder: string; statement: string } } => {
    if (!value) return { copyright: undefined }
    const date = context.values.date as string | undefined
    const year = Number(value.year ?? date?.slice(0, 4))
    if (!Number.isFinite(year)) {
      error(context.walk.file, '`copyright` needs a `year` when the front matter has no `date`', context.point, 'front-matter-missing')
      return { copyright: undefined }
    }
    return { copyright: { holder: value.holder, year, statement: value.statement ?? `© ${year} ${value.holder}` } }
  }),
  /** Absolute paths of the bibliography files (BibTeX or CSL-JSON). */
  bibliography: field(list(located(text), { single: true }), (files = [], context) => {
    const paths = files.map(({ value, point }) => bibliographyPath(value, point, context.walk.dir, context.walk.file))
    return paths.includes(INVALID) ? INVALID : { bibliography: paths as string[] }
  }),
  /** Checked here; citations/nocite.ts reads its citations from the YAML itself. */
  nocite: field(list(text, { single: true }), () => ({})),
  /** Style name citation-js knows, or absolute path of a .csl file. */
  csl: field(string({ nonEmpty: true, hint: 'a CSL style name or a .csl file' }), (csl, context) => ({
    csl: csl && (/\.csl$/i.test(csl) ? path.resolve(context.walk.dir, csl) : csl),
  })),
  /** Template name or path as written in the front matter. */
  template: field(string({ nonEmpty: true, hint: 'a template name or folder' }), (template) => ({ template })),
}

export type ArticleMetadata = RecordOf<typeof frontMatterFields>
export const frontMatterSchema = record(frontMatterFields)

/** The front matter read into metadata, with where each value was written (`csl`, `author[0]`); undefined when it has errors. */
export function readMetadata(frontMatter: FrontMatter, file: VFile): { meta: ArticleMetadata; positions: Map<string, Point> } | undefined {
  const dir = file.dirname ? path.resolve(file.cwd, file.dirname) : file.cwd
  const { value, positions } = readDocument(frontMatter, frontMatterSchema, {
    file,
    what: 'front matter',
    rules: { type: 'front-matter-type', missing: 'front-matter-missing', empty: 'front-matter-empty', unknownKey: 'front-matter-unknown-key' },
    dir,
  })
  return value === INVALID ? undefined : { meta: value, positions }
}

/** Titles are inline Markdown, as Pandoc reads them: `*Candida auris*` is italic, `H~2~O` has a subscript. */
function parseTitle(text: string): Title {
  const root: Root = { type: 'root', children: [{ type: 'paragraph', children: parseInline(text) }] }
  transformScripts(root)
  const markup = (root.children[0] as Paragraph).children
  return { title: toString(markup), markup }
}

function parseDate(value: string | undefined): PartialDate | undefined {
  if (value === undefined) return undefined
  const [year, month, day] = value.split('-').map(Number)
  return { year, month, day }
}

/** A bibliography entry as an absolute path; an empty one or a folder is an error at its line (a missing file is the bibliography's own finding). */
function bibliographyPath(name: string, point: Point, dir: string, file: VFile): string | typeof INVALID {
  if (name.trim() === '') {
    error(file, '`bibliography` is empty: name a BibTeX (.bib) or CSL-JSON (.json) file, or remove the key', point, 'front-matter-empty')
    return INVALID
  }
  const absolute = path.resolve(dir, name)
  if (fs.statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) {
    error(file, `\`bibliography\` names the folder "${name}": name a BibTeX (.bib) or CSL-JSON (.json) file inside it`, point, 'bibliography-missing')
    return INVALID
  }
  return absolute
}
