/**
 * Block Markdown (the body, an abstract) as hast, through the article's
 * handlers, then the page's typography: citation marks placed against the
 * punctuation, table alignment said in CSS.
 */
import type { Element, ElementContent, Root } from 'hast'
import type { PhrasingContent, Root as MdastRoot } from 'mdast'
import { defaultHandlers, type Handlers, type State, toHast } from 'mdast-util-to-hast'
import { visit } from 'unist-util-visit'
import type { Article } from '../types.ts'
import { hastOptions, unknownHandler } from './handlers.ts'
import { placeCitations } from './punctuation.ts'

/**
 * The Markdown as hast, before the page's typography. A node no handler
 * knows is warned about in the manuscript's file (`galley check` calls this
 * for those warnings alone). `handlers` replace the article's for this tree.
 */
export function htmlBlocks(article: Article, tree: MdastRoot, handlers: Handlers = {}): Root {
  const options = hastOptions(article)
  const converted = toHast(tree, { ...options, handlers: { ...options.handlers, ...handlers }, unknownHandler: unknownHandler(article.file) })
  return converted.type === 'root' ? converted : { type: 'root', children: [converted] }
}

/** The Markdown as it is set on the page. */
export function typesetBlocks(article: Article, tree: MdastRoot, handlers: Handlers = {}): Root {
  const root = htmlBlocks(article, tree, handlers)
  placeCitations(root, article.template.citation)
  alignCellsWithCss(root)
  return root
}

/**
 * Markdown outside the body (an abstract, a declaration): set like the body,
 * but its notes are the body's to list, so it makes no second notes list.
 */
export function typesetPart(article: Article, tree: MdastRoot, handlers: Handlers = {}): Root {
  return typesetBlocks(article, tree, { root: plainRoot, ...handlers })
}

// Handler results are typed as element content; the root handler alone returns a root.
const plainRoot = (state: State, node: MdastRoot) => defaultHandlers.root(state, node) as unknown as ElementContent

/** Inline Markdown (a title, a caption) as HTML, through the same handlers as the body. */
export function htmlInline(article: Article, children: PhrasingContent[]): ElementContent[] {
  const paragraph = toHast({ type: 'paragraph', children }, hastOptions(article)) as Element
  return paragraph.children
}

/** GFM column alignment arrives as `align`, which HTML5 dropped: say it in CSS. */
function alignCellsWithCss(root: Root): void {
  visit(root, 'element', (element) => {
    const { align } = element.properties
    if ((element.tagName !== 'td' && element.tagName !== 'th') || typeof align !== 'string') return
    delete element.properties.align
    element.properties.style = `text-align: ${align}`
  })
}
