/**
 * Formats the cited works with a CSL style through citation-js, in citation
 * order, and returns them as `Reference`s every emitter shares.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { cachedOnDisk, keep, packageVersions, readKept } from '../cache/disk.ts'
import { containedFile } from '../prepare/contained.ts'
import { Cite, plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { Element, ElementContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { didYouMean, error, type Place } from '../diagnostics/messages.ts'
import { cslProblem, fileStyleName, knownStyles } from './csl-check.ts'
import { workFacts } from './facts.ts'
import { entriesStandAlone } from './stand-alone.ts'
import type { CslItem, CslName, Reference } from '../types.ts'
import type { Bibliography } from './bibliography.ts'
import { ContentMemo } from './memo.ts'

interface CslConfig {
  styles: { add(name: string, xml: string): void; get(name: string): string | undefined; has(name: string): boolean; list(): string[] }
  locales: { add(name: string, xml: string): void; has(name: string): boolean }
}
const csl = plugins.config.get('@csl') as CslConfig

/**
 * Make `style` (a name citation-js knows, or a .csl path) usable; returns
 * its registered name, or undefined after reporting why not.
 */
/** A .csl file must lie in `folder` (the manuscript's) when one is given; a template's style was checked where it was loaded. */
export function registerStyle(style: string, file: VFile, place?: Place, folder?: string): string | undefined {
  if (!/\.csl$/i.test(style)) {
    if (csl.styles.has(style)) return style
    const known = knownStyles()
    error(file, `Unknown CSL style "${style}"${didYouMean(style, known)}: name one of ${known.join(', ')} or give a path to a .csl file`, place, 'csl-unknown')
    return undefined
  }
  const contained = containedFile(style, folder ? [folder] : [path.dirname(style)])
  if (!contained.ok) {
    if (contained.missing) error(file, `CSL style file not found: ${style}`, place, 'csl-missing')
    else error(file, `CSL style ${style} ${contained.reason}`, place, contained.rule)
    return undefined
  }
  const xml = fs.readFileSync(contained.path, 'utf8')
  const problem = cslProblem(xml, 'style')
  if (problem) {
    error(file, `${style} is ${problem}`, place, 'csl-invalid')
    return undefined
  }
  // Registered by the check, under a name for its content (an edited file gets a new engine).
  return fileStyleName(xml)
}

/** Make a CSL locale file usable (e.g. a template's locales-es-ES.xml); a later edit replaces it. */
export function registerLocale(localeFile: string): void {
  const name = /locales-([\w-]+)\.xml$/.exec(localeFile)?.[1]
  if (!name) return
  const xml = fs.readFileSync(localeFile, 'utf8')
  csl.locales.add(name, xml)
  localeVersions.set(name, contentHash(xml))
}

/**
 * What else the processor's output depends on: its code and citation-js's
 * (with the styles and locales it ships) and ICU's collation, by version.
 */
const PROCESSOR = [
  ...packageVersions('citeproc', '@citation-js/core', '@citation-js/plugin-csl'),
  // Styles that sort compare names with Intl.Collator.
  `icu@${process.versions.icu}`,
]

/** Content hash of each locale a template registered: part of what formatted references depend on. */
const localeVersions = new Map<string, string>()

function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12)
}

export function cslLocale(lang: string): string {
  const full: Record<string, string> = { en: 'en-US', es: 'es-ES', pt: 'pt-PT', fr: 'fr-FR', de: 'de-DE', it: 'it-IT' }
  return lang.includes('-') ? lang : full[lang] ?? lang
}

/** Whether the CSL processor has terms in `lang` ("Available from", "et al."): citation-js's own locales, or a template's. */
export function hasCslLocale(lang: string): boolean {
  return csl.locales.has(cslLocale(lang))
}

/** Reference lists by style, locale and the works in citation order. */
const formatted = new ContentMemo<Reference[]>(32)

export function formatReferences(order: readonly string[], bibliography: Bibliography, style: string, lang: string): Reference[] {
  if (order.length === 0) return []
  const items = order.map((key) => bibliography.entries.get(key)!.csl)
  const locale = cslLocale(lang)
  // Style names carry their file's content hash (registerStyle); an entry's text can depend on the other entries.
  const key = JSON.stringify([style, locale, localeVersions.get(locale) ?? null, items])
  return formatted.get(key, () => formatUncached(order, items, style, locale))
}

function formatUncached(order: readonly string[], items: CslItem[], style: string, locale: string): Reference[] {
  const facts = items.map(workFacts)
  // The style gets the range in full, as every other output has it; its
  // page-range-format, if any, then prints it the journal's way (Vancouver: 455–62).
  const expanded = items.map((item, index) => {
    const pages = facts[index].pages
    return pages?.last ? { ...item, page: `${pages.first}-${pages.last}` } : item
  })
  const options: FormatOptions = { format: 'html', template: style, lang: locale, asEntryArray: true }
  // The processor's entries depend only on what is in the key; a cold check then builds no engine,
  // and parses no HTML either: the entries are kept as the trees read from the processor's HTML.
  const xml = csl.styles.get(style)
  const context = [PROCESSOR, options, xml, [...localeVersions].sort()]
  const entries = new Map(cachedOnDisk('csl-entry-trees', JSON.stringify([...context, expanded]),
    () => (xml && entriesStandAlone(xml) ? formatEach(expanded, options, context) : formatTogether(expanded, options))))
  return order.map((key, index) => ({
    key,
    number: index + 1,
    id: `B${index + 1}`,
    csl: plainItem(items[index]),
    ...facts[index],
    formatted: entries.get(key) ?? [],
  }))
}

type Entries = Array<[string, ElementContent[]]>

type FormatOptions = { format: 'html'; template: string; lang: string; asEntryArray: true }

function formatTogether(items: CslItem[], options: FormatOptions): Entries {
  return (new Cite(items).format('bibliography', options) as unknown as Array<[string, string]>)
    .map(([id, html]): [string, ElementContent[]] => [id, entryContent(html)])
}

/**
 * For a style whose entries stand alone (stand-alone.ts), each entry kept by itself: after an
 * edit that cites the same works in another order, one more of them, or changes one in the
 * bibliography, only the entries not seen before are formatted (the engine, about 60 ms to
 * build, and each entry a few milliseconds more in code V8 has not optimised yet).
 */
function formatEach(items: CslItem[], options: FormatOptions, context: unknown[]): Entries {
  const keyOf = (item: CslItem) => JSON.stringify([...context, item])
  const kept = items.map((item) => readKept<ElementContent[]>('csl-entry-tree', keyOf(item)))
  const missing = items.filter((_, index) => kept[index] === undefined)
  const made = new Map(missing.length > 0 ? formatTogether(missing, options) : [])
  for (const item of missing) keep('csl-entry-tree', keyOf(item), made.get(item.id) ?? [])
  return items.map((item, index): [string, ElementContent[]] => [item.id, kept[index] ?? made.get(item.id) ?? []])
}

/** The entry's text without the style's own number (emitters number it). */
function entryContent(html: string): ElementContent[] {
  const tree = fromHtml(html, { fragment: true })
  // Positions in citeproc's output say nothing about the manuscript.
  visit(tree, (node) => { delete node.position })
  const entry = find(tree.children, 'csl-right-inline') ?? find(tree.children, 'csl-entry')
  return trim(entry ? entry.children : (tree.children as ElementContent[]))
}

function find(nodes: readonly unknown[], className: string): Element | undefined {
  for (const node of nodes as ElementContent[]) {
    if (node.type !== 'element') continue
    const classes = node.properties.className
    if (Array.isArray(classes) && classes.includes(className)) return node
    const inner = find(node.children, className)
    if (inner) return inner
  }
  return undefined
}

function trim(nodes: ElementContent[]): ElementContent[] {
  return nodes.filter((node, index) => !(node.type === 'text' && !node.value.trim() && (index === 0 || index === nodes.length - 1)))
}

/**
 * CSL rich text (`<span class="nocase">`, `<i>`) is for the CSL processor;
 * emitters that build fields one by one want plain strings. A name with a
 * family and no given name is a group author (BibTeX cannot say "literal").
 */
function plainItem(item: CslItem): CslItem {
  const plain: CslItem = { ...item }
  for (const [field, value] of Object.entries(item)) {
    if (typeof value === 'string') plain[field] = value.replace(/<[^>]+>/g, '')
  }
  for (const role of ['author', 'editor'] as const) {
    plain[role] = item[role]?.map((name): CslName => (name.family && !name.given && !name.literal ? { literal: name.family } : name))
  }
  if (!plain.editor) delete plain.editor
  if (!plain.author) delete plain.author
  return plain
}
