/**
 * `galley refs --check`: a bibliography entry against the record its DOI or
 * PMID resolves to (title, first author, year, journal, volume, pages). Each
 * difference is a warning at the entry's field in the `.bib` (at the entry in a `.json`).
 */
import type { Point } from 'unist'
import { warn } from '../diagnostics/messages.ts'
import type { BibliographyEntry } from '../citations/bibliography.ts'
import type { CslItem, CslName } from '../types.ts'
import type { Identifier } from './identifier.ts'

interface Comparison {
  /** BibTeX field names that carry it, for pointing at the line. */
  bibtex: string[]
  /** The finding, or nothing when entry and record agree (or one of them is silent). */
  differs(entry: CslItem, record: CslItem): { resolved: string; entry: string } | undefined
}

const COMPARISONS: Record<string, Comparison> = {
  title: { bibtex: ['title'], differs: (a, b) => compare(a.title, b.title, text, quoted) },
  'first author': { bibtex: ['author'], differs: (a, b) => compare(firstAuthor(a.author), firstAuthor(b.author), text, String) },
  year: { bibtex: ['year', 'date'], differs: (a, b) => compare(year(a), year(b), String, String) },
  journal: { bibtex: ['journal', 'journaltitle'], differs: journal },
  volume: { bibtex: ['volume'], differs: (a, b) => compare(a.volume, b.volume, (value) => String(value).trim(), String) },
  pages: { bibtex: ['pages'], differs: (a, b) => compare(a.page, b.page, pages, (value) => pages(value).replace('-', '–')) },
}

export function checkEntry(key: string, entry: BibliographyEntry, identifier: Identifier, record: CslItem): number {
  let differences = 0
  const scheme = identifier.kind.toUpperCase()
  for (const [field, comparison] of Object.entries(COMPARISONS)) {
    const difference = comparison.differs(entry.csl, record)
    if (!difference) continue
    differences++
    const what = field === 'year'
      ? `the ${scheme} resolves to a ${difference.resolved} ${noun(record)}, the entry says ${difference.entry}`
      : `the ${scheme} resolves to ${noun(record) === 'article' ? 'an' : 'a'} ${noun(record)} with ${field} ${difference.resolved}, the entry says ${difference.entry}`
    warn(entry.file, `Reference "${key}" (${identifier.id}): ${what}. Correct the entry, or its ${scheme} if it names another work`, fieldPlace(entry, comparison.bibtex), 'reference-mismatch')
  }
  return differences
}

function compare<T>(entryValue: T | undefined, recordValue: T | undefined, normal: (value: T) => string, show: (value: T) => string) {
  if (entryValue === undefined || entryValue === null || recordValue === undefined || recordValue === null) return undefined
  if (normal(entryValue) === normal(recordValue)) return undefined
  return { resolved: show(recordValue), entry: show(entryValue) }
}

/** Case, accents, markup and punctuation aside: BibTeX's braces and a service's title case are not differences. */
function text(value: unknown): string {
  return String(value).replace(/<[^>]+>/g, '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/^the /, '').trim()
}

function quoted(value: unknown): string {
  return `“${String(value).replace(/<[^>]+>/g, '')}”`
}

function firstAuthor(names: CslName[] | undefined): string | undefined {
  const first = names?.[0]
  return first ? (first.family ?? first.literal) : undefined
}

function year(item: CslItem): number | undefined {
  const value = item.issued?.['date-parts']?.[0]?.[0]
  return value === undefined ? undefined : Number(value)
}

/** Journals agree when any of the entry's names (full or abbreviated) is one of the record's. */
function journal(entry: CslItem, record: CslItem) {
  const names = (item: CslItem) => [item['container-title'], item['container-title-short']].filter((name): name is string => typeof name === 'string')
  const ours = names(entry)
  const theirs = names(record)
  if (!ours.length || !theirs.length) return undefined
  if (ours.some((name) => theirs.some((other) => text(name) === text(other)))) return undefined
  return { resolved: quoted(theirs[0]), entry: quoted(ours[0]) }
}

/** "455–62" and "455-462" are one range. */
function pages(value: unknown): string {
  const [first, last] = String(value).split(/\s*[-\u2010-\u2015]+\s*/)
  if (!last) return first.trim()
  const full = last.length < first.length ? first.slice(0, first.length - last.length) + last : last
  return `${first.trim()}-${full.trim()}`
}

function noun(record: CslItem): string {
  return record.type === 'article-journal' ? 'article' : record.type === 'book' ? 'book' : record.type === 'chapter' ? 'chapter' : 'work'
}

/** The line of the field in a BibTeX entry; the entry itself otherwise. */
function fieldPlace(entry: BibliographyEntry, fields: string[]): Point {
  const text = String(entry.file.value ?? '')
  if (!/\.(bib|bibtex)$/i.test(entry.file.path)) return entry.place
  const lines = text.split('\n')
  for (let index = entry.place.line; index < lines.length && !/^\s*@/.test(lines[index]); index++) {
    const match = new RegExp(String.raw`^(\s*)(${fields.join('|')})\s*=`, 'i').exec(lines[index])
    if (match) return { line: index + 1, column: match[1].length + 1 }
  }
  return entry.place
}
