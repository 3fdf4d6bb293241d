/**
 * Marks in the print page's markup for the structure tree step (structure.ts), put into the tree
 * the print page is written from (render.ts); and the headings as a reader sees them on the
 * printed page, for the outline (outline.ts). Only the page being printed carries them.
 */
import type { Element, Root } from 'hast'
import type { Page } from 'puppeteer-core'
import { encodeId, MARK_PREFIX } from './structure.ts'

export interface PrintedHeading {
  level: number
  /** The heading's text with its spaces, as it reads (line breaks and tags give none). */
  text: string
}

/**
 * Each footnote (a list item with an ID in the footnotes' section) a Note with its ID, the list
 * that holds them a group of Notes (not a list of items), each section a Sect: the mark is a
 * private-use subtag of the element's language, which Chromium carries into the structure tree.
 * Marked in that order, each element's language read as the marks before it left it.
 */
export function markTree(tree: Root): void {
  const notes: Element[] = []
  const lists: Element[] = []
  const sections: Element[] = []
  const parents = new Map<Element, Element | undefined>()
  const collect = (node: Root | Element, parent: Element | undefined, inFootnotes: boolean) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      parents.set(child, parent)
      if (inFootnotes && child.tagName === 'li' && present(child.properties.id)) notes.push(child)
      if (inFootnotes && child.tagName === 'ol') lists.push(child)
      const isSection = child.tagName === 'section'
      if (isSection) sections.push(child)
      const className = child.properties.className
      const footnotes = isSection && (present(child.properties.dataFootnotes) || (Array.isArray(className) && className.includes('footnotes')))
      collect(child, child, inFootnotes || footnotes)
    }
  }
  collect(tree, undefined, false)
  const langOf = (element: Element) => {
    for (let at: Element | undefined = element; at; at = parents.get(at)) {
      if (typeof at.properties.lang === 'string') return at.properties.lang
    }
    return ''
  }
  const marks: Array<[Element, string]> = [
    ...notes.map((note): [Element, string] => [note, `note-${encodeId(String(note.properties.id))}`]),
    ...lists.map((list): [Element, string] => [list, 'div']),
    ...sections.map((section): [Element, string] => [section, 'sect']),
  ]
  for (const [element, name] of marks) element.properties.lang = `${langOf(element)}${MARK_PREFIX}${name}`
}

/** Whether hast-util-to-html writes the attribute. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false
}

/** The headings the printed page shows, in order. */
export function printedHeadings(page: Page): Promise<PrintedHeading[]> {
  // Serialised into the page.
  return page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter((heading) => heading.getClientRects().length > 0)
    .map((heading) => ({ level: Number(heading.tagName.slice(1)), text: (heading.textContent ?? '').replace(/\s+/g, ' ').trim() })))
}
