/**
 * One browser per process, launched on first need (or as a build that will print starts) and
 * kept warm between builds, its print page opened with it.
 */
import type { Browser } from 'puppeteer-core'

let browser: Promise<Browser> | undefined

export async function warmBrowser(): Promise<Browser> {
  // Puppeteer loads only when a PDF is wanted.
  browser ??= launchWithPage().catch((cause) => {
    browser = undefined
    throw cause
  })
  const current = await browser
  if (current.connected) return current
  // A crashed browser is replaced, not returned forever.
  await closeBrowser()
  return warmBrowser()
}

/**
 * Starts the browser now, for a build that will print: Chromium comes up (on another core)
 * while this process loads the rest of its modules, reads the manuscript and makes the JATS and
 * the HTML. Resolves once Puppeteer is loaded and Chromium is starting, so that the caller's
 * other imports do not hold the launch back (loaded side by side, Puppeteer was evaluated last).
 * A launch that fails is reported when the PDF asks for the browser; the caller must
 * `closeBrowser()` on every way out, a build that fails before the PDF included.
 */
export async function launchEarly(): Promise<void> {
  warmBrowser().catch(() => {})
  await modules().catch(() => {})
}

const modules = () => Promise.all([import('./browser.ts'), import('./print-page.ts')])

async function launchWithPage(): Promise<Browser> {
  const [{ launchBrowser }, { printPageOf }] = await modules()
  const launched = await launchBrowser()
  // Opening the page (a renderer process) costs about a tenth of a second: done while the
  // build goes on, and the first render waits for it only if it is not ready yet.
  printPageOf(launched).catch(() => {})
  return launched
}

export async function closeBrowser(): Promise<void> {
  const current = browser
  browser = undefined
  if (current) await (await current.catch(() => undefined))?.close()
}
