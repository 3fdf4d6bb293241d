/** Markdown → mdast with YAML front matter and GFM (tables). Parsing only. */
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PhrasingContent, Root } from 'mdast'
import type { Point } from 'unist'
import { visit } from 'unist-util-visit'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import { mathFromMarkdown } from 'mdast-util-math'
import { fencedDivs, fencedDivsFromMarkdown } from './fenced-divs.ts'
import { defList } from 'micromark-extension-definition-list'
import { codes } from 'micromark-util-symbol'
import type { Code, Construct, Effects } from 'micromark-util-types'
import { defListFromMarkdown } from 'mdast-util-definition-list'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { type Processor, unified } from 'unified'
import type { VFile } from 'vfile'

/**
 * The package's syntax half only: its main module also loads the HTML half,
 * which imports KaTeX (≈20 ms of a cold start) for rendering Galley never
 * uses. The package exports only its main module, so the file is found
 * beside it.
 */
const { math } = (await import(pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('micromark-extension-math')), 'lib/syntax.js')).href)) as typeof import('micromark-extension-math')

/**
 * The GFM that Pandoc's Markdown shares: tables, footnotes, `~~strikeout~~`
 * (a single `~x~` is a subscript, see transform/scripts.ts) and task lists.
 * Not GFM's bare-URL and e-mail autolinks: Pandoc reads `someone@example.org`
 * and `www.x.org` as text, and an autolink would swallow `-@key` after a word.
 */
function pandocGfm(this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough({ singleTilde: false }), gfmTable(), gfmTaskListItem())
  ;(data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
}

/**
 * TeX math as Pandoc reads it: `$…$` and `$$…$$` are both inline, so only
 * micromark's text construct is used. Its flow construct would end a `$$`
 * block only at a bare `$$` line and swallow the rest of the document after
 * Quarto's `$$ {#eq-x}`; a paragraph holding one `$$…$$` becomes a display
 * equation in transform/math.ts, which also applies Pandoc's rules for `$`.
 */
function pandocMath(this: Processor) {
  const data = this.data()
  const { text } = math()
  ;(data.micromarkExtensions ??= []).push({ text })
  ;(data.fromMarkdownExtensions ??= []).push(mathFromMarkdown())
}

/** Pandoc's `::: {#id .class}` … `:::` blocks (see parse/fenced-divs.ts). */
function pandocDivs(this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(fencedDivs())
  ;(data.fromMarkdownExtensions ??= []).push(fencedDivsFromMarkdown())
}

/**
 * Pandoc's definition lists: a term line, then `:   Definition` or
 * `~   Definition` (tests/pandoc/definition-lists.test.ts checks them
 * against Pandoc). micromark-extension-definition-list knows only PHP
 * Markdown Extra's `:`; its construct is reused for `~` by showing it a `:`
 * where a `~` is, the one character it reads before handing over.
 */
function pandocDefinitionLists(this: Processor) {
  const data = this.data()
  const colon = defList.document![codes.colon] as Construct
  const tilde: Construct = {
    ...colon,
    tokenize(effects, ok, nok) {
      let marker = true
      const real = (code: Code) => (marker && code === codes.colon ? codes.tilde : code)
      const seen: Effects = { ...effects, consume: (code) => effects.consume(real(code)) }
      const start = colon.tokenize.call(this, seen, (code) => ok(real(code)), (code) => nok(real(code)))
      return (code) => {
        const state = start(code === codes.tilde ? codes.colon : code)
        marker = false
        return state
      }
    },
  }
  ;(data.micromarkExtensions ??= []).push(defList, { document: { [codes.tilde]: tilde } })
  ;(data.fromMarkdownExtensions ??= []).push(defListFromMarkdown)
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(pandocGfm).use(pandocMath).use(pandocDivs).use(pandocDefinitionLists).freeze()
// A `---` line opening an abstract is a rule, not front matter.
const blockParser = unified().use(remarkParse).use(pandocGfm).use(pandocMath).use(pandocDivs).use(pandocDefinitionLists).freeze()

export function parseMarkdown(file: VFile): Root {
  return parser.parse(file)
}

/**
 * A line of inline Markdown (a title, a figure caption) as phrasing content.
 * Positions are moved to `origin`, where the text starts in the manuscript
 * (or by `origin`, a title's placement in its YAML string), or dropped when
 * the text has no place there.
 */
export function parseInline(text: string, origin?: Point | ((point: Point) => Point)): PhrasingContent[] {
  const paragraph = parser.parse(text).children.find((node) => node.type === 'paragraph')
  const children: PhrasingContent[] = paragraph?.children ?? (text ? [{ type: 'text', value: text }] : [])
  const place = typeof origin === 'function' ? origin : origin && ((point: Point): Point => ({
    line: point.line + origin.line - 1,
    column: point.line === 1 ? point.column + origin.column - 1 : point.column,
  }))
  placeAll({ type: 'root', children: [{ type: 'paragraph', children }] }, place)
  return children
}

/**
 * Block Markdown held in front matter (an abstract): paragraphs, headings,
 * lists, as in the body, with no front matter of its own. `place` moves each
 * position to where that text is in the manuscript.
 */
export function parseBlocks(text: string, place: (point: Point) => Point): Root {
  const root = blockParser.parse(text)
  placeAll(root, place)
  return root
}

function placeAll(tree: Root, place: ((point: Point) => Point) | undefined): void {
  visit(tree, (node) => {
    if (!place || !node.position) {
      delete node.position
      return
    }
    node.position = { start: place(node.position.start), end: place(node.position.end) }
  })
}
