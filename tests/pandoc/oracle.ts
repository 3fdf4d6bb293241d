/**
 * Pandoc as the oracle for what Markdown means: its reading of a manuscript's
 * citations (`pandoc -f markdown -t json`, the `Cite` elements in document
 * order) and its reference list (`pandoc --citeproc` under a numeric CSL
 * style), beside Galley's reading of the same file, in one comparable shape.
 * `make test` installs pandoc; without it these fail loudly.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { Nodes } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { walkInReadingOrder } from '../../src/citations/number.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { findings } from '../../src/cli/report.ts'

/** One cited work as a reader sees it. */
export interface Cite {
  key: string
  mode: 'NormalCitation' | 'AuthorInText' | 'SuppressAuthor'
  prefix: string
  suffix: string
}

export interface Reading {
  cites: Cite[]
  /** Keys of the reference list, in order. */
  references: string[]
}

type PandocNode = { t: string; c?: unknown } | PandocNode[] | Record<string, unknown>

/** Comparable text: Pandoc's smart typography and non-breaking spaces written back plainly. */
export function plain(text: string): string {
  return text.replace(/[\u00a0\s]+/g, ' ').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, '...').replace(/\u2014/g, '---').replace(/\u2013/g, '--')
}

function stringify(inlines: unknown): string {
  if (!Array.isArray(inlines)) return ''
  return inlines.map((inline: { t: string; c?: any }) => {
    switch (inline.t) {
      case 'Str': return inline.c
      case 'Space': case 'SoftBreak': case 'LineBreak': return ' '
      case 'Code': case 'Math': return inline.c[1]
      case 'Quoted': return inline.c[0].t === 'SingleQuote' ? `'${stringify(inline.c[1])}'` : `"${stringify(inline.c[1])}"`
      case 'Cite': return stringify(inline.c[1])
      case 'Link': case 'Span': return stringify(inline.c[1])
      case 'Image': return stringify(inline.c[1])
      case 'Note': return ''
      case 'RawInline': return ''
      default: return stringify(inline.c)
    }
  }).join('')
}

function pandoc(args: string[], input: string, cwd: string): string {
  return execFileSync('pandoc', args, { input, cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] })
}

/** Pandoc's `Cite` elements, in the order its JSON holds them (notes where they are called). */
export function pandocCites(markdown: string, cwd: string): Cite[] {
  const json = JSON.parse(pandoc(['-f', 'markdown', '-t', 'json'], markdown, cwd)) as { meta: Record<string, unknown>; blocks: unknown[] }
  const cites: Cite[] = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (!node || typeof node !== 'object') return
    const element = node as { t?: string; c?: any }
    if (element.t === 'Cite') {
      for (const citation of element.c[0]) {
        cites.push({
          key: citation.citationId,
          mode: citation.citationMode.t,
          prefix: plain(stringify(citation.citationPrefix)),
          suffix: plain(stringify(citation.citationSuffix)),
        })
      }
    }
    Object.values(element).forEach(walk)
  }
  // Citeproc reads the title first; `nocite` is not cited text.
  walk((json.meta as Record<string, unknown>).title)
  walk(json.blocks)
  return cites
}

let numericStyle: string | undefined

/** A numeric CSL style on disk (citation-js's Vancouver) for `pandoc --citeproc`. */
function styleFile(): string {
  if (!numericStyle) {
    const styles = (plugins.config.get('@csl') as { styles: { get(name: string): string } }).styles
    numericStyle = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'galley-csl-')), 'vancouver.csl')
    fs.writeFileSync(numericStyle, styles.get('vancouver'))
  }
  return numericStyle
}

/** The keys of `pandoc --citeproc`'s reference list, in order. */
export function pandocReferences(markdown: string, cwd: string): string[] {
  const json = JSON.parse(pandoc(['-f', 'markdown', '-t', 'json', '--citeproc', '--csl', styleFile()], markdown, cwd))
  const keys: string[] = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (!node || typeof node !== 'object') return
    const element = node as { t?: string; c?: any }
    if (element.t === 'Div' && typeof element.c?.[0]?.[0] === 'string' && element.c[0][0].startsWith('ref-')) keys.push(element.c[0][0].slice(4))
    Object.values(element).forEach(walk)
  }
  walk(json.blocks)
  return keys
}

const MODES = { normal: 'NormalCitation', 'author-in-text': 'AuthorInText', 'suppress-author': 'SuppressAuthor' } as const

/** Galley's reading of the manuscript at `file`: every citation and cross-reference, in reading order. */
export function galleyReading(file: string): Reading & { errors: string[] } {
  const { article, files } = prepareArticle(path.basename(file), { cwd: path.dirname(file) })
  const errors = findings(files).filter((finding) => finding.severity === 'error').map((finding) => `${finding.line}:${finding.column} ${finding.message}`)
  if (!article) return { cites: [], references: [], errors }
  const cites: Cite[] = []
  const text = (content: Nodes[] | undefined) => plain(toString({ type: 'paragraph', children: content ?? [] } as Nodes))
  walkInReadingOrder(article.tree, article.meta.titleMarkup, (node) => {
    if (node.type === 'citation') {
      for (const item of node.items) cites.push({ key: item.key, mode: MODES[item.mode ?? 'normal'], prefix: text(item.prefix), suffix: text(item.suffix) })
    }
    if (node.type === 'crossReference' && node.data?.cite) {
      const { mode, prefix, suffix } = node.data.cite
      cites.push({ key: node.identifier, mode: MODES[mode], prefix: plain(prefix), suffix: plain(suffix) })
    }
  })
  return { cites, references: article.references.map((reference) => reference.key), errors }
}

/** Pandoc's reading of the manuscript at `file`. */
export function pandocReading(file: string): Reading {
  const markdown = fs.readFileSync(file, 'utf8')
  const cwd = path.dirname(file)
  return { cites: pandocCites(markdown, cwd), references: pandocReferences(markdown, cwd) }
}

export interface Agreement {
  compared: number
  agreed: number
  /** Human-readable differences, citation by citation. */
  differences: string[]
}

/** Citation by citation (key, mode, prefix, suffix, position in order), then the reference lists. */
export function compare(galley: Reading, pandoc: Reading): Agreement {
  const differences: string[] = []
  const count = Math.max(galley.cites.length, pandoc.cites.length)
  let agreed = 0
  const show = (cite?: Cite) => (cite ? `${cite.mode} @${cite.key} prefix "${cite.prefix}" suffix "${cite.suffix}"` : 'nothing')
  for (let index = 0; index < count; index++) {
    const [ours, theirs] = [galley.cites[index], pandoc.cites[index]]
    if (ours && theirs && JSON.stringify(ours) === JSON.stringify(theirs)) agreed++
    else differences.push(`citation ${index + 1}: Galley reads ${show(ours)}, Pandoc ${show(theirs)}`)
  }
  if (galley.references.join() !== pandoc.references.join()) {
    differences.push(`reference list: Galley ${galley.references.join(', ')}; Pandoc ${pandoc.references.join(', ')}`)
  }
  return { compared: count, agreed, differences }
}
