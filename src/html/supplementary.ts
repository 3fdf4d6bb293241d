/**
 * Supplementary material on the page: after the declarations, a section lists
 * every file under its caption, with its kind, as the JATS lists them (the
 * links in the text are handlers.ts's `supplementaryLink`).
 */
import type { Element } from 'hast'
import { h } from 'hastscript'
import type { Article, SupplementaryFile } from '../types.ts'
import { htmlInline } from './blocks.ts'

/** The list of files, or nothing when the manuscript links to none. */
export function supplementarySection(article: Article): Element[] {
  if (article.supplementary.length === 0) return []
  // Styled as the declarations around it are, by every template.
  return [h('section', { className: ['declaration', 'supplementary'], id: 'supplementary-material', ariaLabelledBy: 'supplementary-material-title' }, [
    h('h2', { id: 'supplementary-material-title' }, article.words.supplementary),
    h('ul', article.supplementary.map((entry) => h('li', { id: entry.id }, [
      h('a', { href: entry.href, type: entry.mediaType }, htmlInline(article, entry.caption)),
      ` (${kind(entry)})`,
    ]))),
  ])]
}

/** What a reader is about to open: the file's extension, upper-cased ("CSV"). */
function kind(entry: SupplementaryFile): string {
  const extension = /\.([^./]+)$/.exec(entry.to)?.[1]
  return extension ? extension.toUpperCase() : entry.mediaType
}
