/**
 * Supplementary material on the page: after the declarations, a section lists
 * every file under its caption, with its kind, as the JATS lists them (the
 * links in the text are handlers.ts's `supplementaryLink`).
 */
import type { Element } from 'hast'
import { h } from 'hastscript'
import { toHast } from 'mdast-util-to-hast'
import type { Article, SupplementaryFile } from '../types.ts'
import { hastOptions } from './handlers.ts'

/** The list of files, or nothing when the manuscript links to none. */
export function supplementarySection(article: Article): Element[] {
  if (article.supplementary.length === 0) return []
  // Styled as the declarations around it are, by every template.
  return [h('section', { className: ['declaration', 'supplementary'], id: 'supplementary-material', ariaLabelledBy: 'supplementary-material-title' }, [
    h('h2', { id: 'supplementary-material-title' }, article.words.supplementary),
    h('ul', article.supplementary.map((entry) => h('li', { id: entry.id }, [
      h('a', { href: entry.href, type: entry.mediaType }, caption(article, entry)),
      ` (${kind(entry)})`,
    ]))),
  ])]
}

function caption(article: Article, entry: SupplementaryFile): Element['children'] {
  const paragraph = toHast({ type: 'paragraph', children: entry.caption }, hastOptions(article)) as Element
  return paragraph.children
}

/** What a reader is about to open: the file's extension, upper-cased ("CSV"). */
function kind(entry: SupplementaryFile): string {
  const extension = /\.([^./]+)$/.exec(entry.to)?.[1]
  return extension ? extension.toUpperCase() : entry.mediaType
}
