/**
 * `nocite:` in the front matter: works in the reference list that the text
 * does not cite. Like Pandoc, its value is Markdown holding citations
 * (`"@a, @b"`, or `"@*"` for every entry in the bibliography).
 */
import { isScalar, isSeq, type Node as YamlNode } from 'yaml'
import type { Parent } from 'mdast'
import type { VFile } from 'vfile'
import { error } from '../diagnostics/messages.ts'
import type { FrontMatter } from '../parse/front-matter.ts'
import { parseInline } from '../parse/markdown.ts'
import { type CitationOptions, transformCitations } from '../transform/citations.ts'
import type { CitationItem } from '../types.ts'
import type { NoCite } from './number.ts'

export function readNoCite(frontMatter: FrontMatter, file: VFile, options: CitationOptions): NoCite {
  const node = frontMatter.document.get('nocite', true) as YamlNode | undefined
  const nocite: NoCite = { items: [], all: false }
  if (!node) return nocite
  const values = isSeq(node) ? (node.items as YamlNode[]) : [node]
  for (const value of values) {
    if (!isScalar(value)) continue
    const place = frontMatter.pointAt(value.range?.[0] ?? 0)
    const holder: Parent = { type: 'paragraph', children: parseInline(String(value.value)) }
    transformCitations(holder, file, options)
    const items: CitationItem[] = []
    for (const child of holder.children) {
      if (child.type === 'citation') items.push(...child.items)
    }
    if (items.length === 0) {
      error(file, `\`nocite\` names no citation in "${String(value.value)}": write keys as in the text, "@key1, @key2", or "@*" for every work in the bibliography`, place, 'citation-syntax')
    }
    for (const item of items) {
      item.position = { start: place, end: place }
      if (item.key === '*') nocite.all = true
      else nocite.items.push(item)
    }
  }
  return nocite
}
