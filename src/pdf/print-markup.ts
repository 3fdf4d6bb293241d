/**
 * The page a PDF is printed from: the HTML page's tree with the print page's soft hyphens
 * (print-hyphens.ts), structure marks (print-marks.ts) and figures' placeholders
 * (print-images.ts), serialized as the HTML file is. Made in this process before the page loads
 * (a build makes it while the browser starts), so Chromium lays the page out once, never loads
 * the figures it prints from placeholders, and no look into the page is needed to change it.
 */
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { type PassThrough, placeholdersInTree } from './print-images.ts'
import { hyphenateTree } from './print-hyphens.ts'
import { markTree } from './print-marks.ts'
import { type PageParts, pageParts } from './print-shell.ts'

export interface PrintMarkup {
  html: string
  /** The PNGs shown as placeholders, by their `src` in the HTML. */
  placeholders: Map<string, PassThrough>
  /** What a page printed before may share with it (print-shell.ts); undefined for a page that cannot be patched into. */
  parts?: PageParts
}

/**
 * From the page's tree, which is left as it is; `htmlFile`, where the page is (its relative URLs
 * resolve there, and only figures in its folder get placeholders).
 */
export function printMarkup(page: Root, htmlFile: string): PrintMarkup {
  const tree = structuredClone(page)
  hyphenateTree(tree)
  markTree(tree)
  const file = resolve(htmlFile)
  const placeholders = placeholdersInTree(tree, pathToFileURL(file).href, dirname(file))
  return { html: toHtml(tree), placeholders, parts: pageParts(tree, dirname(file)) }
}

/** From the page's HTML, for a page whose tree is not at hand. */
export function printMarkupOf(html: string, htmlFile: string): PrintMarkup {
  return printMarkup(fromHtml(html), htmlFile)
}
