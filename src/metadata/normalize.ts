/**
 * Checked front matter → ArticleMetadata: names split, affiliations resolved,
 * pages split, paths made absolute. Runs only on front matter that passed
 * the schema, so it can trust shapes.
 */
import path from 'node:path'
import type { Paragraph, Root } from 'mdast'
import { transformScripts } from '../transform/scripts.ts'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { parseInline } from '../parse/markdown.ts'
import { didYouMean, error } from '../diagnostics/messages.ts'
import type { FrontMatter } from '../parse/front-matter.ts'
import type { Affiliation, ArticleMetadata, Author, License, PartialDate, Title } from '../types.ts'
import { pageRange } from '../transform/page-range.ts'
import { countryCode } from './countries.ts'

type Plain = Record<string, any>

export function normalizeMetadata(frontMatter: FrontMatter, file: VFile): ArticleMetadata {
  const data = frontMatter.document.toJS() as Plain
  const baseDir = file.dirname ? path.resolve(file.cwd, file.dirname) : file.cwd
  const affiliations = asList(data.affiliations).map(toAffiliation)
  const authors = asList(data.author).map((entry, index) => toAuthor(entry, index, affiliations, frontMatter, file))
  const year = data.date === undefined ? undefined : Number(String(data.date).slice(0, 4))
  const title = parseTitle(String(data.title))
  return {
    title: title.title,
    titleMarkup: title.markup,
    translatedTitles: Object.entries((data['translated-title'] ?? {}) as Record<string, string>)
      .map(([lang, text]) => ({ lang, ...parseTitle(String(text)) })),
    articleType: data['article-type'] ?? 'research-article',
    heading: data['article-heading'],
    lang: data.lang ?? 'en',
    authors,
    affiliations,
    date: parseDate(data.date),
    volume: optionalString(data.volume),
    issue: optionalString(data.issue),
    pages: pageRange(data.pages),
    doi: data.doi,
    keywords: asList(data.keywords).map(String),
    abstract: data.abstract,
    copyright: toCopyright(data.copyright, year, frontMatter, file),
    license: toLicense(data.license),
    bibliography: asList(data.bibliography).map((file) => path.resolve(baseDir, String(file))),
    csl: data.csl && (/\.csl$/i.test(data.csl) ? path.resolve(baseDir, data.csl) : data.csl),
    template: data.template,
  }
}

/** Titles are inline Markdown, as Pandoc reads them: `*Candida auris*` is italic, `H~2~O` has a subscript. */
function parseTitle(text: string): Title {
  const root: Root = { type: 'root', children: [{ type: 'paragraph', children: parseInline(text) }] }
  transformScripts(root)
  const markup = (root.children[0] as Paragraph).children
  return { title: toString(markup), markup }
}

function asList(value: unknown): any[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value)
}

function parseDate(value: unknown): PartialDate | undefined {
  if (value === undefined) return undefined
  const [year, month, day] = String(value).split('-').map(Number)
  return { year, month, day }
}

function toCopyright(value: Plain | undefined, dateYear: number | undefined, fm: FrontMatter, file: VFile): ArticleMetadata['copyright'] {
  if (!value) return undefined
  const year = Number(value.year ?? dateYear)
  if (!Number.isFinite(year)) {
    const node = fm.document.get('copyright', true) as { range?: number[] } | undefined
    error(file, '`copyright` needs a `year` when the front matter has no `date`', fm.pointAt(node?.range?.[0] ?? 0), 'front-matter-missing')
    return undefined
  }
  return { holder: value.holder, year, statement: value.statement ?? `© ${year} ${value.holder}` }
}

function toLicense(value: unknown): License | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') {
    return /^https?:\/\//.test(value) ? { url: value, text: `This article is licensed under ${value}` } : { text: value }
  }
  const { url, text } = value as Plain
  return { url, text: text ?? (url ? `This article is licensed under ${url}` : '') }
}

function toAffiliation(entry: Plain): Affiliation {
  return {
    id: String(entry.id),
    department: entry.department,
    name: entry.name,
    city: entry.city,
    country: entry.country,
    countryCode: entry['country-code'] ?? (entry.country ? countryCode(entry.country) : undefined),
  }
}

function toAuthor(entry: unknown, index: number, affiliations: Affiliation[], fm: FrontMatter, file: VFile): Author {
  const record: Plain = typeof entry === 'string' ? { name: entry } : (entry as Plain)
  const name = typeof record.name === 'string' ? splitName(record.name) : record.name
  const refs = asList(record.affiliations ?? record.affiliation).map((ref) => String(typeof ref === 'string' ? ref : ref.ref))
  const known = affiliations.map((affiliation) => affiliation.id)
  for (const ref of refs) {
    if (!known.includes(ref)) {
      const node = fm.document.getIn(['author', index], true) as { range?: number[] } | undefined
      error(file, `Author ${index + 1} names affiliation "${ref}", which \`affiliations\` does not define${didYouMean(ref, known)}`,
        fm.pointAt(node?.range?.[0] ?? 0), 'front-matter-affiliation')
    }
  }
  const orcid = record.orcid && (String(record.orcid).startsWith('https://') ? record.orcid : `https://orcid.org/${record.orcid}`)
  return {
    given: name.given ?? '',
    family: name.family ?? name.literal ?? '',
    email: record.email,
    orcid,
    corresponding: record.corresponding === true,
    affiliations: refs.filter((ref) => known.includes(ref)),
  }
}

/** "M. Herrero-Moyano" → given "M.", family "Herrero-Moyano" (the last word is the family name). */
function splitName(name: string): { given: string; family: string } {
  const words = name.trim().split(/\s+/)
  return { family: words.pop() ?? '', given: words.join(' ') }
}
