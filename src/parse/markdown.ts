/** Markdown → mdast with YAML front matter and GFM (tables). Parsing only. */
import type { Root } from 'mdast'
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
