/**
 * Footnotes in HTML with the numbers the transform stage gave them, and the
 * template's words for the notes' heading and back-links. mdast-util-to-hast
 * sets the notes (its GFM markup, back-links and all); it is handed Galley's
 * order up front, so its list and its reference marks follow the article's
 * numbers instead of counting on their own.
 */
import type { Element, ElementContent } from 'hast'
import type { FootnoteReference, Root } from 'mdast'
import { defaultHandlers, type Handlers, type Options, type State } from 'mdast-util-to-hast'
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
      return defaultHandlers.root(state, node) as unknown as ElementContent
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
