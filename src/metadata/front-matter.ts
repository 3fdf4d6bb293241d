/**
 * What the front matter may hold (Quarto's scholarly fields where Quarto has
 * one, plus what a journal needs that Quarto lacks), and what each key
 * becomes in `ArticleMetadata`. One entry per key: its schema checks the YAML
 * and yields a typed value, its normaliser turns that into metadata. The
 * metadata's type is inferred from these entries.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Paragraph, PhrasingContent, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { didYouMean, error, warn } from '../diagnostics/messages.ts'
import type { FrontMatter } from '../parse/front-matter.ts'
import { parseBlocks, parseInline } from '../parse/markdown.ts'
import { type Placement, scalarPlacement } from '../parse/yaml-scalar.ts'
import { pageRange } from '../transform/page-range.ts'
import { transformScripts } from '../transform/scripts.ts'
import type { Affiliation, Author, Copyright, Funding, FundingAward, FundingSource, License, PartialDate, Role, Title } from '../types.ts'
import { countryCode } from './countries.ts'
import { CREDIT_DEGREES, CREDIT_TERMS, creditSlug, nearestCreditTerm } from './credit.ts'
import { field, type FieldContext, record, type RecordOf } from './record.ts'
import {
  INVALID, type At, type Invalid, boolean, either, list, located, map, numberOrString, object, readDocument, required, string, to,
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

/**
 * A title: one line of inline Markdown in a YAML string, parsed here with
 * the manuscript's lines and columns where the string keeps them (see
 * scalarPlacement), so that what later transforms read and report in it is
 * placed.
 */
function inlineMarkdown(base: Schema<string>): Schema<Title> {
  return {
    ...base,
    read(node, at) {
      const value = base.read(node, at)
      if (value === INVALID) return INVALID
      const file = location(at.walk.file)
      return parseTitle(value, scalarPlacement(node, at.walk.yaml, (point) => file.toOffset(point)))
    },
  }
}

/** Markdown blocks in a YAML scalar (an abstract), parsed once here with the manuscript's lines; blank text is none. */
const markdownBlocks: Schema<Root | undefined> = {
  expected: 'text',
  shape: 'scalar',
  read(node, at) {
    const value = text.read(node, at)
    if (value === INVALID || value.trim() === '') return value === INVALID ? INVALID : undefined
    const file = location(at.walk.file)
    return parseBlocks(value, scalarPlacement(node, at.walk.yaml, (point) => file.toOffset(point)))
  },
}
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

const affiliationFields = {
  id: affiliationId,
  department: text,
  name: required(text),
  address: text,
  city: text,
  region: text,
  country: text,
  'country-code': string({ pattern: /^[A-Z]{2}$/, hint: 'an ISO 3166-1 alpha-2 code like ES' }),
  ror: text,
}
type AffiliationEntry = Omit<Affiliation, 'id'> & { id?: string }
const toAffiliation = (entry: { id?: string; department?: string; name: string; city?: string; country?: string; 'country-code'?: string }): AffiliationEntry => ({
  id: entry.id,
  department: entry.department,
  name: entry.name,
  city: entry.city,
  country: entry.country,
  countryCode: entry['country-code'] ?? (entry.country ? countryCode(entry.country) : undefined),
})

/** Under an author, Quarto's three shapes: `ref: id`, an affiliation written inline, or a plain string (an id Galley knows, else a name). */
type AffiliationUse = { ref: string } | { inline: AffiliationEntry } | { text: string }
const affiliationUse: Schema<AffiliationUse> = either('an affiliation id, `ref: id`, or an affiliation written inline with a `name`',
  to(affiliationId, (text): AffiliationUse => ({ text })),
  to(object({ ref: required(affiliationId) }), (ref): AffiliationUse => ({ ref: ref.ref })),
  to(object(affiliationFields), (entry): AffiliationUse => ({ inline: toAffiliation(entry) })),
)

/** Quarto's `attributes`: a list of flags (`[corresponding]`) or a map of them (`{corresponding: true}`). */
const attributes = either('a list such as [corresponding, equal-contributor] or a map such as {corresponding: true}',
  list(text, { single: true }),
  to(map(boolean(), 'a map of flags'), (flags) => flags.filter(([, on]) => on).map(([flag]) => flag)),
)

/**
 * Quarto's `roles`: a role (`investigation`), or a role with its degree
 * (`conceptualization: lead`). CRediT terms are recognised however they are
 * spelt; any other role is kept in the author's words, with a hint.
 */
/** CRediT's degree, in any case (`Lead` as Pandoc's examples write it). */
const degree = to(string(), (value, at): Role['degree'] | Invalid => {
  const level = CREDIT_DEGREES.find((known) => known === value.trim().toLowerCase())
  return level ?? at.fail(`\`${at.path}\` must be one of ${CREDIT_DEGREES.join(', ')}; got "${value}"${didYouMean(value, CREDIT_DEGREES)}`)
})
const role: Schema<Role[]> = either('a role such as conceptualization, or a role with its degree such as `conceptualization: lead`',
  to(string({ nonEmpty: true, hint: 'a role such as conceptualization' }), (written, at) => [toRole(written, undefined, at)]),
  to(map(degree, 'a role with its degree, such as `conceptualization: lead`'), (entries, at) =>
    entries.map(([written, level]) => toRole(written, level, at))),
)

function toRole(written: string, level: Role['degree'], at: At): Role {
  const credit = creditSlug(written)
  if (credit) return { name: CREDIT_TERMS[credit], credit, ...(level ? { degree: level } : {}) }
  if (at.walk.report) {
    const nearest = nearestCreditTerm(written)
    warn(at.walk.file, `"${written}" is not one of CRediT's 14 contributor roles, so it is kept as written without the vocabulary${nearest ? ` (did you mean "${nearest}"?)` : ' (the terms are listed at https://credit.niso.org/)'}`,
      at.point, 'author-role-unknown')
  }
  return { name: written.trim(), ...(level ? { degree: level } : {}) }
}

const roles = to(list(role, { single: true }), (lists) => lists.flat())

const authorObject = object({
  name: required(personName),
  email: string({ pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, hint: 'an e-mail address' }),
  orcid: string({ pattern: /^(https:\/\/orcid\.org\/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, hint: 'an ORCID iD like 0000-0002-1825-0097' }),
  corresponding: boolean(),
  attributes,
  affiliations: list(affiliationUse, { single: true }),
  affiliation: list(affiliationUse, { single: true }),
  roles,
  role: roles,
})

/** An author as written, before inline affiliations get their ids. */
type AuthorEntry = Omit<Author, 'affiliations'> & { uses: AffiliationUse[] }

const author: Schema<AuthorEntry> = either('a name ("A. Author"), or an object with `name`',
  to(personName, (name): AuthorEntry => ({ ...name, corresponding: false, uses: [] })),
  to(authorObject, (entry): AuthorEntry => ({
    ...entry.name,
    email: entry.email,
    orcid: entry.orcid && (entry.orcid.startsWith('https://') ? entry.orcid : `https://orcid.org/${entry.orcid}`),
    corresponding: entry.corresponding === true || (entry.attributes ?? []).includes('corresponding'),
    ...(entry.roles ?? entry.role ? { roles: entry.roles ?? entry.role } : {}),
    uses: entry.affiliations ?? entry.affiliation ?? [],
  })),
)

const affiliation = to(object({ ...affiliationFields, id: required(affiliationId) }), (entry): Affiliation => toAffiliation(entry) as Affiliation)

/**
 * Authors with their affiliations as ids: inline ones join the list (an
 * equal one is shared, a new one gets `aff-N` as in Quarto), references are
 * checked against it. Returns the affiliations too, since inline ones add to them.
 */
function resolveAuthors(entries: AuthorEntry[], declared: Affiliation[], key: string, context: FieldContext): { authors: Author[]; affiliations: Affiliation[] } {
  const affiliations = [...declared]
  const known = () => affiliations.map((entry) => entry.id)
  const same = (a: AffiliationEntry, b: AffiliationEntry) =>
    a.name === b.name && a.department === b.department && a.city === b.city && a.country === b.country
  const authors = entries.map(({ uses, ...entry }, index): Author => {
    const ids: string[] = []
    for (const use of uses) {
      if ('inline' in use) {
        const existing = affiliations.find((other) => (use.inline.id ? other.id === use.inline.id : same(other, use.inline)))
        if (existing) ids.push(existing.id)
        else {
          const added = { ...use.inline, id: use.inline.id ?? `aff-${affiliations.length + 1}` }
          affiliations.push(added)
          ids.push(added.id)
        }
        continue
      }
      const ref = 'ref' in use ? use.ref : use.text
      if (known().includes(ref)) { ids.push(ref); continue }
      if ('text' in use && !/^[\w-]+$/.test(ref)) {
        // A plain string that is no id is an affiliation's name, as Quarto reads it.
        const existing = affiliations.find((other) => other.name === ref && !other.department && !other.city)
        const added = existing ?? { id: `aff-${affiliations.length + 1}`, name: ref }
        if (!existing) affiliations.push(added)
        ids.push(added.id)
        continue
      }
      error(context.walk.file, `Author ${index + 1} names affiliation "${ref}", which \`affiliations\` does not define${didYouMean(ref, known())}`,
        context.walk.positions.get(`${key}[${index}]`) ?? context.walk.yaml.start, 'front-matter-affiliation')
    }
    return { ...entry, affiliations: ids }
  })
  return { authors, affiliations }
}

const license = either('a licence URL or an object with `url` and `text`',
  to(text, (value): License => /^https?:\/\//.test(value) ? { url: value, text: `This article is licensed under ${value}` } : { text: value }),
  to(object({ url: text, text }), ({ url, text }): License => ({ url, text: text ?? (url ? `This article is licensed under ${url}` : '') })),
)

/** Quarto's three forms: a statement string, `{ statement }` alone, or `{ holder, year, statement }`. */
const copyright = either('a statement ("© 2018 The Authors") or an object with `holder`, `year` and `statement`',
  to(text, (statement) => ({ statement } as { holder?: string; year?: string; statement?: string })),
  object({ holder: text, year: numberOrString({ pattern: /^\d{4}$/, hint: 'a year like 2018' }), statement: text }),
)

/** Quarto's `funding`: a statement, or groups of awards with their sources and recipients (JATS `<funding-group>`). */
const names = list(either('a name, or an object with `name`, `text` or `institution`',
  text,
  to(object({ name: personName, text, institution: text, ref: text }), (entry) =>
    entry.text ?? entry.institution ?? entry.ref ?? (entry.name ? `${entry.name.given} ${entry.name.family}`.trim() : '')),
), { single: true })
/** A funder: Quarto's `text` (and `country`), or `name`, with its ROR or Crossref Funder Registry DOI (Galley's, for JATS4R). */
const fundingSources = list(either('a funder\'s name, or an object with `text` (or `name`), `ror` and `doi`',
  to(text, (name): FundingSource => ({ name })),
  to(object({
    text, name: text, country: text,
    ror: string({ pattern: /^(https:\/\/ror\.org\/)?0[a-z0-9]{6}\d{2}$/, hint: 'a ROR id like https://ror.org/02mhbdp94' }),
    doi: string({ pattern: /^(https:\/\/doi\.org\/)?10\.13039\/\S+$/, hint: 'a Funder Registry DOI like 10.13039/501100004837' }),
  }), (entry, at): FundingSource | Invalid => {
    const name = entry.text ?? entry.name
    if (!name) return at.fail(`\`${at.path}\` needs the funder's name as \`text\` or \`name\``, at.walk.rules.missing)
    return {
      name,
      ...(entry.ror ? { ror: entry.ror.startsWith('https://') ? entry.ror : `https://ror.org/${entry.ror}` } : {}),
      ...(entry.doi ? { doi: entry.doi.startsWith('https://') ? entry.doi : `https://doi.org/${entry.doi}` } : {}),
    }
  }),
), { single: true })
const award = to(object({ id: numberOrString(), name: text, description: text, source: fundingSources, recipient: names, investigator: names }),
  (entry): FundingAward => ({ id: entry.id, name: entry.name, description: entry.description, sources: entry.source ?? [], recipients: entry.recipient ?? [], investigators: entry.investigator ?? [] }))
const funding = list(either('a funding statement, or an object with `statement` and `awards`',
  to(text, (statement): Funding => ({ statement, awards: [] })),
  to(object({ statement: text, 'open-access': text, awards: list(award, { single: true }) }),
    (entry): Funding => ({ statement: entry.statement, openAccess: entry['open-access'], awards: entry.awards ?? [] })),
), { single: true })

export const frontMatterFields = {
  title: field(required(inlineMarkdown(string({ nonEmpty: true, hint: 'the article\'s title' }))), (title) => ({ title: title.title, titleMarkup: title.markup })),
  /** Pandoc's and Quarto's `subtitle`, inline Markdown like the title. */
  subtitle: field(inlineMarkdown(string({ nonEmpty: true, hint: 'the article\'s subtitle' })), (subtitle) => ({ subtitle: subtitle as Title | undefined })),
  /** Quarto's `shorttitle`: the running head. */
  shorttitle: field(string({ nonEmpty: true, hint: 'a short title for the running head' }), (shortTitle) => ({ shortTitle })),
  /** Translations of the title, e.g. [{ lang: 'es', title: '…', markup }]. */
  'translated-title': field(map(inlineMarkdown(text), 'a map from language to title, e.g. `es: "…"`'), (titles = []) => ({
    translatedTitles: titles.map(([lang, title]) => ({ lang, ...title })),
  })),
  /** JATS article-type (PMC's list), e.g. "letter". */
  'article-type': field(string({ oneOf: ARTICLE_TYPES }), (articleType = 'research-article') => ({ articleType })),
  /** The journal's own label for the article, e.g. "Scientific letter". */
  'article-heading': field(text, (heading) => ({ heading })),
  /** BCP 47 language of the article, e.g. "en". */
  lang: field(string({ pattern: /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, hint: 'a language tag like en or es' }), (lang = 'en') => ({ lang })),
  // Affiliations come before authors: an author's references are checked against them.
  affiliations: field(list(affiliation), () => ({})),
  /**
   * Quarto's `authors` (its other spelling, which Quarto prefers): the full
   * shape, when `author` holds only the names that Pandoc's templates print.
   */
  authors: field(list(author, { single: true }), () => ({})),
  author: field(list(author, { single: true, nonEmpty: 'name at least one author, e.g. `author: A. Author`' }), (plain, context) => {
    const declared = (context.values.affiliations ?? []) as Affiliation[]
    const full = context.values.authors as AuthorEntry[] | undefined
    if (!plain && !full) return context.fail('Missing required front matter key `author`', context.walk.rules.missing)
    if (full && plain) {
      const names = (list: Array<{ given: string; family: string }>) => list.map((entry) => `${entry.given} ${entry.family}`.trim())
      if (names(plain).join('; ') !== names(full).join('; ')) {
        warn(context.walk.file, `\`author\` (${names(plain).join(', ')}) and \`authors\` (${names(full).join(', ')}) name different people: Quarto and Galley read \`authors\`, Pandoc prints \`author\`; give the same names in both`,
          context.point, 'front-matter-authors-differ')
      }
    }
    return resolveAuthors(full ?? plain!, declared, full ? 'authors' : 'author', context)
  }),
  /** Publication date;  /** Publication date; absent in a draft (outputs then carry none, so builds stay reproducible). */
  date: field(numberOrString({ pattern: DATE, hint: 'YYYY, YYYY-MM or YYYY-MM-DD' }), (date) => ({ date: parseDate(date) })),
  volume: field(numberOrString(), (volume) => ({ volume })),
  issue: field(numberOrString(), (issue) => ({ issue })),
  /** The article's pages in the issue, from `pages: 760-762`. */
  pages: field(numberOrString({ pattern: /^\w+([-–]\w+)?$/, hint: 'a page or range like 760-762' }), (pages) => ({ pages: pageRange(pages) })),
  /** An article number (`e205`) printed and archived instead of pages (JATS `<elocation-id>`). */
  'elocation-id': field(string({ pattern: /^\S+$/, hint: 'an article number like e205' }), (elocationId) => ({ elocationId })),
  doi: field(string({ pattern: /^10\.\d{4,9}\/\S+$/, hint: 'a DOI like 10.1016/j.ad.2018.01.001' }), (doi) => ({ doi })),
  keywords: field(list(numberOrString()), (keywords = []) => ({ keywords })),
  /** Block Markdown, plain or structured (`## Background` …), as Pandoc and Quarto read it. */
  abstract: field(markdownBlocks, (abstract) => ({ abstract })),
  /** Translations of the abstract, by language, each Markdown like the abstract (JATS `<trans-abstract>`). */
  'translated-abstract': field(map(markdownBlocks, 'a map from language to abstract, e.g. `es: |` and the text below'), (abstracts = []) => ({
    translatedAbstracts: abstracts.flatMap(([lang, abstract]) => (abstract ? [{ lang, abstract }] : [])),
  })),
  /** Keywords in other languages, by language (JATS `<kwd-group xml:lang>`). */
  'translated-keywords': field(map(list(numberOrString()), 'a map from language to a list of keywords, e.g. `es: [Tiña, Dermatofitos]`'), (lists = []) => ({
    translatedKeywords: lists.filter(([, keywords]) => keywords.length > 0).map(([lang, keywords]) => ({ lang, keywords })),
  })),
  license: field(license, (license) => ({ license })),
  copyright: field(copyright, (value, context): { copyright?: Copyright } | Invalid => {
    if (!value) return { copyright: undefined }
    if (!value.holder) {
      if (!value.statement) return context.fail('`copyright` needs a `holder` or a `statement`', context.walk.rules.missing)
      const year = Number(value.year ?? (context.values.date as string | undefined)?.slice(0, 4))
      return { copyright: { statement: value.statement, ...(Number.isFinite(year) ? { year } : {}) } }
    }
    const date = context.values.date as string | undefined
    const year = Number(value.year ?? date?.slice(0, 4))
    if (!Number.isFinite(year)) {
      error(context.walk.file, '`copyright` needs a `year` when the front matter has no `date`', context.point, 'front-matter-missing')
      return { copyright: undefined }
    }
    return { copyright: { holder: value.holder, year, statement: value.statement ?? `© ${year} ${value.holder}` } }
  }),
  /** JATS `<funding-group>` in article-meta; HTML and PDF print the statements with the funding section. */
  funding: field(funding, (funding) => ({ funding })),
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

/** The abstract and its translations, in reading order: what the transforms read besides the body. */
export function abstractsOf(meta: Pick<ArticleMetadata, 'abstract' | 'translatedAbstracts'>): Root[] {
  return [meta.abstract, ...meta.translatedAbstracts.map((translated) => translated.abstract)].filter((root) => root !== undefined)
}

/**
 * The title, subtitle and translated titles, each as a root holding one
 * paragraph of its markup, for the inline transforms the body goes through
 * (spans, attributes, math); `keep` puts what they made of them back.
 */
export function titleRoots(meta: ArticleMetadata): { roots: Root[]; keep: () => void } {
  const paragraph = (markup: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children: markup })
  const title = paragraph(meta.titleMarkup)
  const others = [meta.subtitle, ...meta.translatedTitles].filter((one) => one !== undefined).map((one) => ({ one, paragraph: paragraph(one.markup) }))
  return {
    roots: [title, ...others.map(({ paragraph }) => paragraph)].map((node) => ({ type: 'root', children: [node] })),
    keep() {
      meta.titleMarkup = title.children
      meta.title = toString(title)
      for (const { one, paragraph } of others) Object.assign(one, { markup: paragraph.children, title: toString(paragraph) })
    },
  }
}

/** Titles are inline Markdown, as Pandoc reads them: `*Candida auris*` is italic, `H~2~O` has a subscript. */
function parseTitle(text: string, place: Placement): Title {
  const root: Root = { type: 'root', children: [{ type: 'paragraph', children: parseInline(text, place) }] }
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
