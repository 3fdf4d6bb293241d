/**
 * The markup of the page a PDF is printed from: the HTML page's tree with the print page's soft
 * hyphens (print-hyphens.ts) and structure marks (print-marks.ts), serialized as the HTML file
 * is. Made in this process before the page loads (a build makes it while the browser starts), so
 * Chromium lays the page out once, and no look into the page is needed to change it.
 */
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { hyphenateTree } from './print-hyphens.ts'
import { markTree } from './print-marks.ts'

/** From the page's tree, which is left as it is. */
export function printMarkup(page: Root): string {
  const tree = structuredClone(page)
  hyphenateTree(tree)
  markTree(tree)
  return toHtml(tree)
}

/** From the page's HTML, for a page whose tree is not at hand. */
export function printMarkupOf(html: string): string {
  return printMarkup(fromHtml(html))
}
