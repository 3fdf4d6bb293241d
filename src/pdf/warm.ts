/**
 * One browser per process, launched on first need (or as a build that will print starts) and
 * kept warm between builds, its print page opened with it.
 */
import type { Browser } from 'puppeteer-core'
import { connectBrowser, killBrowser, loadPuppeteer, spawnBrowser } from './browser.ts'
import { printPageOf } from './print-page.ts'

let browser: Promise<Browser> | undefined
let connected = false

export async function warmBrowser(): Promise<Browser> {
  // The render's modules (pdf-lib's megabyte among them) load while the browser comes up, in
  // time this process would spend waiting for it.
  if (!connected) void import('./print.ts').catch(() => {})
  const current = await launched()
  if (current.connected) return current
  // A crashed browser is replaced, not returned forever.
  await closeBrowser()
  return warmBrowser()
}

function launched(): Promise<Browser> {
  browser ??= launchWithPage().catch((cause) => {
    browser = undefined
    throw cause
  })
  return browser
}

/**
 * Starts the browser now, for a build that will print: Chromium comes up (on another core)
 * while this process loads Puppeteer and the rest of its modules, reads the manuscript and
 * makes the JATS and the HTML; Puppeteer connects to it once loaded. Resolves once Puppeteer
 * is loaded, so that the caller's other imports wait for it: loaded side by side, Puppeteer was
 * evaluated last, after the manuscript was read, and connected to the browser only once the
 * HTML was made. A launch that fails is reported when the PDF asks for the browser; the caller
 * must `closeBrowser()` on every way out, a build that fails before the PDF included.
 */
export async function launchEarly(): Promise<void> {
  launched().catch(() => {})
  await loadPuppeteer().catch(() => {})
}

async function launchWithPage(): Promise<Browser> {
  // Spawned before anything is awaited: at once.
  const spawned = spawnBrowser()
  const current = await connectBrowser(spawned)
  connected = true
  // Its first tab becomes the print page; setting it up (a renderer process, a tenth of a second
  // or so) goes on while the build does, and the first render waits for it only if it is not ready.
  printPageOf(current, current.pages().then(([first]) => first ?? current.newPage())).catch(() => {})
  return current
}

/** Every close begun so far. */
let closed = Promise.resolve()

/**
 * Closes the browser, and waits for every close begun before. `quickly`, for a process about to
 * end: killed at once (a graceful close takes Chromium a tenth of a second or more), its profile
 * removed all the same.
 */
export function closeBrowser({ quickly = false } = {}): Promise<void> {
  const current = browser
  browser = undefined
  connected = false
  if (current) {
    const closing = current.then((open) => (quickly ? killBrowser(open) : open.close()), () => {})
    // A second call (a build's way out, after it let the browser go as its PDF was printed) waits
    // for the first: the profile is gone once either returns.
    closed = Promise.all([closed, closing]).then(() => {})
  }
  return closed
}
