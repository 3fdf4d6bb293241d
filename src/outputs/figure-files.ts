/**
 * The manuscript's files an article's outputs carry, under the names the
 * transform stage gave them: figures and inline images flat beside the
 * outputs, supplementary files at their path relative to the manuscript.
 */
import type { Root, RootContent } from 'mdast'
import { visit } from 'unist-util-visit'
import type { Article } from '../types.ts'

export interface CopiedFile {
  /** Absolute source path. */
  from: string
  /** Path relative to the output folder. */
  to: string
}

export function figureFiles(article: Article): CopiedFile[] {
  const files: CopiedFile[] = []
  // Declarations have left the tree; their images are the outputs' all the same.
  const blocks: RootContent[] = [...article.tree.children, ...article.declarations.flatMap((declaration) => declaration.children)]
  const root: Root = { type: 'root', children: blocks }
  visit(root, 'figure', (node) => void files.push({ from: node.path, to: node.file }))
  visit(root, 'image', (node) => void (node.data?.copy && files.push(node.data.copy)))
  for (const entry of article.supplementary) files.push({ from: entry.from, to: entry.to })
  return files
}
