/** Markdown → mdast with YAML front matter and GFM (tables). Parsing only. */
import type { PhrasingContent, Root } from 'mdast'
import type { Point } from 'unist'
import { visit } from 'unist-util-visit'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { VFile } from 'vfile'

// Pandoc's conventions: `~~x~~` strikes out, `~x~` is a subscript (see transform/scripts.ts).
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm, { singleTilde: false }).freeze()

export function parseMarkdown(file: VFile): Root {
  return parser.parse(file)
}

/**
 * A line of inline Markdown (a title, a figure caption) as phrasing content.
 * Positions are moved to `origin`, where the text starts in the manuscript,
 * or dropped when the text has no place there.
 */
export function parseInline(text: string, origin?: Point): PhrasingContent[] {
  const paragraph = parser.parse(text).children.find((node) => node.type === 'paragraph')
  const children: PhrasingContent[] = paragraph?.children ?? (text ? [{ type: 'text', value: text }] : [])
  visit({ type: 'root', children: [{ type: 'paragraph', children }] } as Root, (node) => {
    if (!origin || !node.position) {
      delete node.position
      return
    }
    const move = (point: Point): Point => ({
      line: point.line + origin.line - 1,
      column: point.line === 1 ? point.column + origin.column - 1 : point.column,
    })
    node.position = { start: move(node.position.start), end: move(node.position.end) }
  })
  return children
}
