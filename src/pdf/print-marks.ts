/**
 * Marks in the print page's DOM for the structure tree step (structure.ts), and the headings
 * as a reader sees them, for the outline (outline.ts). Only the page being printed changes.
 */
import type { Page } from 'puppeteer-core'
import { encodeId, MARK_PREFIX } from './structure.ts'

export interface PrintedHeading {
  level: number
  /** The heading's text with its spaces, as it reads (line breaks and tags give none). */
  text: string
}

const FOOTNOTES = 'section[data-footnotes] li[id], section.footnotes li[id]'
/** The list that holds the footnotes: a group of Notes, not a list of items. */
const FOOTNOTE_LISTS = 'section[data-footnotes] ol, section.footnotes ol'

export async function markPage(page: Page): Promise<PrintedHeading[]> {
  const notes = await page.evaluate((selector) =>
    [...document.querySelectorAll(selector)].map((item) => item.id), FOOTNOTES)
  // The functions run in the page (serialised), so they use only what they are given, and no
  // named inner functions (the TypeScript loader would wrap those in a helper the page lacks).
  return page.evaluate((prefix, selector, lists, noteIds) => {
    const marks: Array<[Element, string]> = [
      ...[...document.querySelectorAll(selector)].map((item, index): [Element, string] => [item, `note-${noteIds[index]}`]),
      ...[...document.querySelectorAll(lists)].map((list): [Element, string] => [list, 'div']),
      ...[...document.querySelectorAll('section')].map((section): [Element, string] => [section, 'sect']),
    ]
    for (const [element, name] of marks) {
      element.setAttribute('lang', `${element.closest('[lang]')?.getAttribute('lang') ?? ''}${prefix}${name}`)
    }
    return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((heading) => heading.getClientRects().length > 0)
      .map((heading) => ({ level: Number(heading.tagName.slice(1)), text: (heading.textContent ?? "").replace(/\s+/g, ' ').trim() }))
  }, MARK_PREFIX, FOOTNOTES, FOOTNOTE_LISTS, notes.map(encodeId))
}
