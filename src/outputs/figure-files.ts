/** The image files an article's outputs need, under the names the transform stage gave them. */
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
    files.push({ from: node.path, to: node.file })
  })
  return files
}
