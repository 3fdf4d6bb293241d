/** One browser per process, launched on first need and kept warm between builds. */
import type { Browser } from 'puppeteer-core'

let browser: Promise<Browser> | undefined

export async function warmBrowser(): Promise<Browser> {
  // Puppeteer loads only when a PDF is wanted.
  browser ??= import('./browser.ts').then(({ launchBrowser }) => launchBrowser()).catch((cause) => {
    browser = undefined
    throw cause
  })
  const current = await browser
  if (current.connected) return current
  // A crashed browser is replaced, not returned forever.
  await closeBrowser()
  return warmBrowser()
}

export async function closeBrowser(): Promise<void> {
  const current = browser
  browser = undefined
  if (current) await (await current.catch(() => undefined))?.close()
}
