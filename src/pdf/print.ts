/**
 * Printing that survives the browser: a render gets one deadline for the
 * whole of it (load, fonts, print), and a render whose browser hung past it
 * or crashed is tried once more on a fresh browser, one whose page crashed on
 * a fresh page. A browser that failed is always killed, every process it
 * started included, never reused. Renders side by side on one browser (a
 * batch build) fail alone: one whose browser was killed at another's deadline
 * starts again on a fresh browser, that try not counted against it.
 */
import type { Browser } from 'puppeteer-core'
import { killBrowser } from './browser.ts'
import { PageCrashed } from './print-page.ts'
import { type PdfInfo, renderPdf, type RenderOptions } from './render.ts'

export const TIMEOUT_VARIABLE = 'GALLEY_PDF_TIMEOUT'
const DEFAULT_TIMEOUT_S = 60

export interface PrintOptions extends Omit<RenderOptions, 'timeout'> {
  /** Milliseconds for the whole render, each try (default: GALLEY_PDF_TIMEOUT seconds, else 60 s). */
  timeout?: number
}

/** The deadline from GALLEY_PDF_TIMEOUT (seconds), or the default. */
export function pdfTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const value = env[TIMEOUT_VARIABLE]
  if (value === undefined || value.trim() === '') return DEFAULT_TIMEOUT_S * 1000
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`${TIMEOUT_VARIABLE} is "${value}": give the seconds a PDF may take to print, e.g. ${TIMEOUT_VARIABLE}=120`)
  return seconds * 1000
}

/**
 * The PDF of `htmlFile`, on the browser `browser()` gives (a warm one; it
 * must give a new one once the last is closed, as `warmBrowser` does).
 */
export async function printPdf(browser: () => Promise<Browser>, htmlFile: string, info: PdfInfo, options: PrintOptions = {}): Promise<Uint8Array> {
  const timeout = options.timeout ?? pdfTimeout()
  let firstFailure: string | undefined
  // What the second try runs on: a fresh page after a page crashed, else a fresh browser.
  let fresh = 'browser'
  for (;;) {
    const launched = await browser()
    let mine = false
    let printed = false
    const onPrinted = () => {
      printed = true
      options.onPrinted?.()
    }
    try {
      return await withinDeadline(renderPdf(launched, htmlFile, info, { ...options, timeout, onPrinted }), timeout, () => {
        mine = true
        killedAtDeadline.add(launched)
        void killBrowser(launched)
      })
    } catch (cause) {
      // Past the print the browser may be gone already (let go by the caller): it is not at fault.
      if (printed && !(cause instanceof DeadlineExceeded)) throw cause
      if (!mine && killedAtDeadline.has(launched)) {
        await disconnectedWithin(launched, GONE_MS)
        continue
      }
      const failure = await browserFailure(cause, launched, timeout)
      // Anything else (a font that does not load) would fail the same way again.
      if (!failure) throw cause
      // The browser outlives a page that crashed (renderPdf closed that page).
      if (!(cause instanceof PageCrashed)) await killBrowser(launched)
      if (firstFailure !== undefined) {
        const again = failure === firstFailure ? 'failed the same way' : `failed too: ${failure}`
        throw new Error(`${firstFailure}; a second try on a fresh ${fresh} ${again}`, { cause })
      }
      firstFailure = failure
      if (cause instanceof PageCrashed) fresh = 'page'
    }
  }
}

/** Browsers killed at a render's deadline: the other renders on them were not at fault. */
const killedAtDeadline = new WeakSet<Browser>()
/** How long a killed browser may take to be gone. */
const GONE_MS = 5000

class DeadlineExceeded extends Error {}

/** `work`, or a DeadlineExceeded once `ms` have passed, when `onTimeout` runs (to end the work). */
async function withinDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout()
      reject(new DeadlineExceeded())
    }, ms)
  })
  // The work ends in an error once its browser is killed; no one waits for it then.
  work.catch(() => {})
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}

/** What went wrong with the browser, in words for the finding; undefined when the browser was not at fault. */
async function browserFailure(cause: unknown, browser: Browser, timeout: number): Promise<string | undefined> {
  const seconds = `${Number((timeout / 1000).toFixed(3))} s`
  if (cause instanceof PageCrashed) return cause.message
  if (cause instanceof DeadlineExceeded || (cause as Error)?.name === 'TimeoutError') {
    return `Chromium did not finish printing the page within ${seconds} (set ${TIMEOUT_VARIABLE} to allow more seconds)`
  }
  // A page can report its end a moment before the connection to a dead browser closes.
  if (await disconnectedWithin(browser, 1000)) {
    return `Chromium quit or crashed while printing (${String((cause as Error)?.message ?? cause).split('\n')[0]})`
  }
  return undefined
}

function disconnectedWithin(browser: Browser, ms: number): Promise<boolean> {
  if (!browser.connected) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      browser.off('disconnected', onDisconnected)
      resolve(false)
    }, ms)
    const onDisconnected = () => {
      clearTimeout(timer)
      resolve(true)
    }
    browser.once('disconnected', onDisconnected)
  })
}
