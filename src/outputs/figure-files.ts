/** The image files an article's outputs need: figures are copied flat beside them, as JATS packages expect. */
import path from 'node:path'
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
  visit(article.tree, 'figure', (node) => {
    files.push({ from: node.path, to: path.basename(node.url) })
  })
  return files
}
