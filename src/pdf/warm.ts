/** One browser per process, launched on first need and kept warm between builds. */
import type { Browser } from 'puppeteer-core'
import { launchBrowser } from './browser.ts'

let browser: Promise<Browser> | undefined

export function warmBrowser(): Promise<Browser> {
  browser ??= launchBrowser().catch((cause) => {
    browser = undefined
    throw cause
  })
  return browser
}

export async function closeBrowser(): Promise<void> {
  const current = browser
  browser = undefined
  if (current) await (await current.catch(() => undefined))?.close()
}
