/**
 * Soft hyphens in the print page's DOM only, just before printing: the columns get their breaks
 * and the HTML file keeps clean words (see hyphenate.ts for why Galley hyphenates itself).
 */
import type { Page } from 'puppeteer-core'
import { hyphenatorFor } from './hyphenate.ts'

/** The running text: the letter's body sections. */
const SCOPE = '.body'
/**
 * Where a word may not break: links (URLs, DOIs), marks, code, formulas, ragged captions and
 * headings, and tables (soft hyphens would shrink their columns' minimum width).
 */
const SKIP = 'a, sup, sub, code, pre, kbd, samp, math, figcaption, table, script, style, h1, h2, h3, h4, h5, h6'

interface TextRun {
  lang: string
  text: string
}

/** Hyphenates the page's running text in place, each passage with its own language's patterns. */
export async function hyphenatePage(page: Page): Promise<void> {
  // page.evaluate runs through CDP, which works while the page's own scripts are disabled; the
  // functions are serialised into the page, so they use nothing from this module.
  const runs: TextRun[] = await page.evaluate((scope, skip) => {
    const found: Text[] = []
    for (const root of document.querySelectorAll(scope)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement && !node.parentElement.closest(skip)) found.push(node as Text)
      }
    }
    ;(globalThis as { galleyTextRuns?: Text[] }).galleyTextRuns = found
    return found.map((node) => ({ lang: node.parentElement?.closest('[lang]')?.getAttribute('lang') ?? '', text: node.data }))
  }, SCOPE, SKIP)
  const hyphenated = runs.map(({ lang, text }) => {
    const result = hyphenatorFor(lang)?.(text)
    return result === text ? null : (result ?? null)
  })
  await page.evaluate((texts) => {
    const found = (globalThis as { galleyTextRuns?: Text[] }).galleyTextRuns ?? []
    texts.forEach((text, index) => {
      if (text !== null) found[index].data = text
    })
    delete (globalThis as { galleyTextRuns?: Text[] }).galleyTextRuns
  }, hyphenated)
}
