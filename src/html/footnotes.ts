/**
 * Footnotes in HTML with the numbers the transform stage gave them, and the
 * template's words for the notes' heading and back-links. mdast-util-to-hast
 * sets the notes (its GFM markup, back-links and all); it is handed Galley's
 * order up front, so its list and its reference marks follow the article's
 * numbers instead of counting on their own.
 *
 * The declarations are set apart from the body, but their references are
 * counted with the body's, in page order: each mark gets an id of its own
 * (fnref-x, fnref-x-2), and the notes list links back to every one of them.
 */
import type { Element, ElementContent } from 'hast'
import type { FootnoteReference, Root, RootContent } from 'mdast'
import { defaultHandlers, type Handlers, type Options, type State } from 'mdast-util-to-hast'
import { SKIP, visit } from 'unist-util-visit'
import type { Article } from '../types.ts'

export function footnoteOptions(article: Article): Pick<Options, 'footnoteLabel' | 'footnoteBackLabel'> {
  const { footnotes, backToReference } = article.words
  return {
    footnoteLabel: footnotes,
    // "Back to reference 1", and "1-2" for the second place that refers to note 1, as mdast-util-to-hast says it.
    footnoteBackLabel: (referenceIndex, rereferenceIndex) =>
      `${backToReference} ${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ''}`,
  }
}

export function footnoteHandlers(article: Article): Pick<Handlers, 'root' | 'footnoteReference'> {
  const numbers = new Map(article.footnotes.map((footnote) => [footnote.identifier, footnote.number]))
  return {
    root(state: State, node: Root) {
      // mdast-util-to-hast keys notes by upper-cased identifier; a count of 0 marks "numbered, not yet referred to".
      for (const footnote of article.footnotes) {
        const key = footnote.identifier.toUpperCase()
        state.footnoteOrder.push(key)
        state.footnoteCounts.set(key, 0)
      }
      // Handler results are typed as element content; the root handler alone returns a root.
      const root = defaultHandlers.root(state, node) as unknown as ElementContent
      // The notes list, made after this, links back to the marks the declarations will hold too.
      for (const [key, count] of referenceCounts(article, article.declarations.flatMap((declaration) => declaration.children))) {
        state.footnoteCounts.set(key, (state.footnoteCounts.get(key) ?? 0) + count)
      }
      return root
    },
    footnoteReference(state: State, node: FootnoteReference): Element | undefined {
      const number = numbers.get(node.identifier)
      // A reference to no note is no mark (the JATS carries none either).
      if (number === undefined) return undefined
      const mark = defaultHandlers.footnoteReference(state, node)
      const link = mark.children[0] as Element
      link.children = [{ type: 'text', value: String(number) }]
      return mark
    },
  }
}

/**
 * For a part set after the body (a declaration): its marks' ids go on from
 * those of the body and the parts before it, `before`. It makes no notes list.
 */
export function continuedFootnotes(article: Article, before: readonly RootContent[]): Pick<Handlers, 'root'> {
  return {
    root(state: State, node: Root) {
      for (const [key, count] of referenceCounts(article, [...article.tree.children, ...before])) state.footnoteCounts.set(key, count)
      return defaultHandlers.root(state, node) as unknown as ElementContent
    },
  }
}

/**
 * How often each numbered note is referred to in `nodes`, by mdast-util-to-hast's
 * key; references in the notes' own text are the notes list's, counted as it is set.
 */
function referenceCounts(article: Article, nodes: readonly RootContent[]): Map<string, number> {
  const numbered = new Set(article.footnotes.map((footnote) => footnote.identifier))
  const counts = new Map<string, number>()
  visit({ type: 'root', children: [...nodes] } satisfies Root, (node) => {
    if (node.type === 'footnoteDefinition') return SKIP
    if (node.type !== 'footnoteReference' || !numbered.has(node.identifier)) return
    const key = node.identifier.toUpperCase()
    counts.set(key, (counts.get(key) ?? 0) + 1)
  })
  return counts
}
