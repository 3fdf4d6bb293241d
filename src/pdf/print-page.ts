/**
 * The pages a browser prints on: made on first need (opening a page costs more than a rebuild's
 * HTML) and reused, JavaScript off, print media, and each confined to the folder of the HTML it
 * prints. One page per render at once: a single build and watch print on one, a batch build on
 * as many as it builds manuscripts at once (`setPrintPagesAtOnce`).
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
  /**
   * Rejects with a PageCrashed once the page's renderer has crashed: what a render waits for
   * on that page would never come, and the render would wait for its deadline.
   */
  crashed: Promise<never>
}

/** The print page's renderer crashed; the browser and its other pages go on. */
export class PageCrashed extends Error {
  constructor() {
    super('Chromium\'s page crashed while printing')
    this.name = 'PageCrashed'
  }
}

const crashedPages = new WeakSet<PrintPage>()

/** A browser's print pages: those free, how many are open or opening, the renders waiting for one. */
interface Pool {
  free: PrintPage[]
  open: number
  /** Pages opened ahead of need (`printPageOf`) not yet free: a render waits for one rather than opening another. */
  ahead: number
  waiting: Array<() => void>
}

const pools = new WeakMap<Browser, Pool>()
let atOnce = 1

/** How many pages a browser may print on at once (default 1); a batch build sets its number of jobs. */
export function setPrintPagesAtOnce(pages: number): void {
  atOnce = Math.max(1, Math.floor(pages))
}

function poolOf(browser: Browser): Pool {
  let pool = pools.get(browser)
  if (!pool) pools.set(browser, (pool = { free: [], open: 0, ahead: 0, waiting: [] }))
  return pool
}

/**
 * Opens the browser's print pages now, as many as may print at once, so that the first renders
 * find them ready (a render that comes first waits for one of them rather than opening another);
 * the first in `tab` when given (the browser's first, opened as it started).
 */
export function printPageOf(browser: Browser, tab?: Promise<Page>): Promise<void> {
  const pool = poolOf(browser)
  const opening: Promise<void>[] = []
  while (pool.open < atOnce) opening.push(openPage(browser, pool, true, pool.open === 0 ? tab : undefined).then((page) => releasePrintPage(browser, page)))
  return Promise.all(opening).then(() => {})
}

/**
 * A print page for one render, the render's alone until it is released or discarded: a free one
 * (the one printed on last first: watch patches the page it printed last), else a new one while
 * fewer than `setPrintPagesAtOnce` are open, else the first one given back.
 */
export function leasePrintPage(browser: Browser): Promise<PrintPage> {
  const pool = poolOf(browser)
  for (let free = pool.free.pop(); free; free = pool.free.pop()) {
    if (!crashedPages.has(free)) return Promise.resolve(free)
    void discardPrintPage(browser, free)
  }
  if (pool.open < atOnce && pool.ahead === 0) return openPage(browser, pool, false)
  return new Promise((resolve, reject) => pool.waiting.push(() => leasePrintPage(browser).then(resolve, reject)))
}

/** Gives a page back after a render that left it in a known state. */
export function releasePrintPage(browser: Browser, printPage: PrintPage): void {
  const pool = poolOf(browser)
  pool.free.push(printPage)
  pool.waiting.shift()?.()
}

/** A page in an unknown state (a render failed on it) is closed and not reused. */
export async function discardPrintPage(browser: Browser, printPage: PrintPage): Promise<void> {
  const pool = poolOf(browser)
  pool.open--
  pool.waiting.shift()?.()
  await printPage.page.close().catch(() => {})
}

/**
 * The first page a tab: a window, or a browser context, of its own took Chromium two to three
 * times as long to open (about 0.3 s more on a busy machine, for every cold build); renderPdf
 * brings it to the front before each render instead. The others a window each: only one tab of a
 * window is shown, and Chromium never finishes decoding a hidden page's images (img.decode()
 * waits for a frame that is not drawn), so pages printing at once cannot be tabs of one window.
 */
function openPage(browser: Browser, pool: Pool, ahead: boolean, tab?: Promise<Page>): Promise<PrintPage> {
  pool.open++
  if (ahead) pool.ahead++
  const made = openPrintPage(browser, undefined, pool.open > 1 ? browser.newPage({ type: 'window' }) : tab)
  const opened = () => {
    if (ahead) pool.ahead--
  }
  made.then(opened, () => {
    opened()
    pool.open--
    pool.waiting.shift()?.()
  })
  return made
}

export type Confinement = 'patterns' | 'interception'

/** The print page's screen, in CSS pixels. */
export const SCREEN = { width: 800, height: 16 }

/**
 * A new print page, confined by URL patterns where the browser has them, else by interception
 * (or by the `confinement` asked for: the tests check both); on `tab` when given, else on a new tab.
 */
export async function openPrintPage(browser: Browser, confinement?: Confinement, tab?: Promise<Page>): Promise<PrintPage> {
  const page = await (tab ?? browser.newPage())
  const session = await page.createCDPSession()
  const [, , , patterns] = await Promise.all([
    page.setJavaScriptEnabled(false),
    // Lay out with print styles from the start, so fonts used only in print are requested on load.
    page.emulateMediaType('print'),
    // A shown page is rastered and composited for the screen after every change (the load, the
    // placeholders, the soft hyphens), though only its print is wanted: a strip of it costs a
    // fraction of 800 × 600. The print never reads it (vh and the page boxes are the paper's);
    // the width stays, as the layout the page's fonts and images are read from.
    page.setViewport({ width: SCREEN.width, height: SCREEN.height }),
    // Blocking by pattern needs the network domain on the session that sets the patterns; until
    // the first confine() everything is blocked.
    confinement === 'interception'
      ? false
      : session.send('Network.enable').then(() => blockPatterns(session, [{ urlPattern: '*:*', block: true }])).then(() => true, () => false),
  ])
  if (confinement === 'patterns' && !patterns) throw new Error('This browser cannot block requests by URL pattern')
  const confined = await (patterns ? patternConfinement(page, session) : interceptionConfinement(page, session))
  // Puppeteer tells of a renderer gone as the page's "error" ("Page crashed!").
  const printPage: PrintPage = { ...confined, crashed: new Promise((_, reject) => page.once('error', () => reject(new PageCrashed()))) }
  printPage.crashed.catch(() => crashedPages.add(printPage))
  return printPage
}

interface BlockPattern {
  urlPattern: string
  block: boolean
}

function blockPatterns(session: CDPSession, urlPatterns: BlockPattern[]): Promise<unknown> {
  // `urlPatterns` is newer than the protocol types Puppeteer ships.
  return session.send('Network.setBlockedURLs', { urlPatterns } as never)
}

type Confined = Pick<PrintPage, 'page' | 'confine'>

async function patternConfinement(page: Page, session: CDPSession): Promise<Confined> {
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

async function interceptionConfinement(page: Page, session: CDPSession): Promise<Confined> {
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
