/**
 * The page a browser prints on: one per browser, made once (opening a page costs more than a
 * rebuild's HTML) and reused, JavaScript off, print media, and confined to the folder of the HTML
 * it prints.
 *
 * Confinement without intercepting every request: Chromium blocks subresources (style sheets,
 * fonts, images) itself by a list of URL patterns (`Network.setBlockedURLs`: the folder and
 * `data:` allowed, everything else blocked), and only documents (the page, frames, objects) are
 * paused for a look from here, as the pattern list does not cover navigations. Pausing every
 * request made a page load wait for this process at each of its two dozen fonts and images (and
 * Puppeteer turns the memory cache off while it intercepts). A browser without pattern lists
 * (before Chrome 139 or so) gets Puppeteer's request interception, as before.
 */
import { isAbsolute, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Browser, CDPSession, HTTPRequest, Page } from 'puppeteer-core'

export interface PrintPage {
  page: Page
  /**
   * Allows the files inside `folder` (and `data:` URLs) from now on, and nothing else;
   * `onBlocked` hears of each request refused.
   */
  confine(folder: string, onBlocked?: (url: string) => void): Promise<void>
  /** What the page shows after its last successful render: the page's shell, and its folder. */
  shown?: { shell: string; folder: string }
}

const printPages = new WeakMap<Browser, Promise<PrintPage>>()

/**
 * The browser's print page, made on first need (callers may ask early, to have it ready), in
 * `tab` when given (the browser's first, opened as it started), else in a new one.
 */
export function printPageOf(browser: Browser, tab?: Promise<Page>): Promise<PrintPage> {
  let made = printPages.get(browser)
  if (!made) {
    made = openPrintPage(browser, undefined, tab)
    printPages.set(browser, made)
    made.catch(() => printPages.delete(browser))
  }
  return made
}

/** A page in an unknown state (a render failed on it) is closed and not reused. */
export async function discardPrintPage(browser: Browser): Promise<void> {
  const made = printPages.get(browser)
  printPages.delete(browser)
  await (await made?.catch(() => undefined))?.page.close().catch(() => {})
}

export type Confinement = 'patterns' | 'interception'

/**
 * A new print page, confined by URL patterns where the browser has them, else by interception
 * (or by the `confinement` asked for: the tests check both).
 */
export async function openPrintPage(browser: Browser, confinement?: Confinement, tab?: Promise<Page>): Promise<PrintPage> {
  // A tab: a window, or a browser context, of its own took Chromium two to three times as long
  // to open (about 0.3 s more on a busy machine, for every cold build). renderPdf brings it to
  // the front before each render instead.
  const page = await (tab ?? browser.newPage())
  const session = await page.createCDPSession()
  const [, , patterns] = await Promise.all([
    page.setJavaScriptEnabled(false),
    // Lay out with print styles from the start, so fonts used only in print are requested on load.
    page.emulateMediaType('print'),
    // Blocking by pattern needs the network domain on the session that sets the patterns; until
    // the first confine() everything is blocked.
    confinement === 'interception'
      ? false
      : session.send('Network.enable').then(() => blockPatterns(session, [{ urlPattern: '*:*', block: true }])).then(() => true, () => false),
  ])
  if (confinement === 'patterns' && !patterns) throw new Error('This browser cannot block requests by URL pattern')
  return patterns ? patternConfinement(page, session) : interceptionConfinement(page, session)
}

interface BlockPattern {
  urlPattern: string
  block: boolean
}

function blockPatterns(session: CDPSession, urlPatterns: BlockPattern[]): Promise<unknown> {
  // `urlPatterns` is newer than the protocol types Puppeteer ships.
  return session.send('Network.setBlockedURLs', { urlPatterns } as never)
}

async function patternConfinement(page: Page, session: CDPSession): Promise<PrintPage> {
  let folder = ''
  let onBlocked: ((url: string) => void) | undefined
  const urls = new Map<string, string>()
  session.on('Network.requestWillBeSent', ({ requestId, request }) => void urls.set(requestId, request.url))
  session.on('Network.loadingFinished', ({ requestId }) => void urls.delete(requestId))
  session.on('Network.loadingFailed', ({ requestId, blockedReason }) => {
    const url = urls.get(requestId)
    urls.delete(requestId)
    if (blockedReason === 'inspector' && url !== undefined) onBlocked?.(url)
  })
  session.on('Fetch.requestPaused', ({ requestId, request }) => {
    if (allowed(request.url, folder)) {
      session.send('Fetch.continueRequest', { requestId }).catch(() => {})
    } else {
      session.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => {})
      onBlocked?.(request.url)
    }
  })
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document' }] })
  return {
    page,
    async confine(next, listener) {
      onBlocked = listener
      if (next === folder) return
      folder = next
      await blockPatterns(session, [
        { urlPattern: `file://${escapePattern(pathToFileURL(next + sep).pathname)}*`, block: false },
        { urlPattern: 'data:*', block: false },
        { urlPattern: '*:*', block: true },
      ])
    },
  }
}

async function interceptionConfinement(page: Page, session: CDPSession): Promise<PrintPage> {
  await session.detach().catch(() => {})
  let folder = ''
  let onBlocked: ((url: string) => void) | undefined
  // Every intercepted request must be continued or aborted, or the page load waits forever.
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return
    const url = request.url()
    if (allowed(url, folder)) {
      request.continue().catch(() => {})
    } else {
      request.abort('blockedbyclient').catch(() => {})
      onBlocked?.(url) // after aborting, so a throwing callback cannot stall the request
    }
  })
  await page.setRequestInterception(true)
  return {
    page,
    async confine(next, listener) {
      folder = next
      onBlocked = listener
    },
  }
}

/** A `data:` URL, or a file inside the folder (not the folder itself). */
export function allowed(url: string, folder: string): boolean {
  if (url.startsWith('data:')) return true
  if (!url.startsWith('file:') || !folder) return false
  try {
    const rel = relative(folder, fileURLToPath(url))
    return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel)
  } catch {
    return false // a malformed URL is blocked like any other
  }
}

/** A literal path in URLPattern syntax: its special characters escaped. */
function escapePattern(path: string): string {
  return path.replace(/[\\:*?+(){}[\]]/g, (char) => `\\${char}`)
}
