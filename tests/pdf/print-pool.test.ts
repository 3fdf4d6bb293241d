/**
 * Several renders at once on one browser, each on a print page of its own (a batch build), with
 * real Chromium: they overlap, a page that is reused is confined to its new folder alone, and a
 * page that crashes or hangs fails only its own render. Pages that never finish loading are made
 * with a named pipe for an image, as in print.test.ts; writing into the pipe lets them finish.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { printPdf } from '../../src/pdf/print.ts'
import { setPrintPagesAtOnce } from '../../src/pdf/print-page.ts'
import { renderPdf, type PdfInfo } from '../../src/pdf/render.ts'
import { PNG_1x1 } from '../helpers.ts'
import { pdffonts, pdftotext } from './poppler.ts'

const INFO: PdfInfo = { title: 'Pooled', authors: [], keywords: [], lang: 'en' }
const font = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/source-serif-4-latin-400-normal.woff2')
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-print-pool-'))
const browsers: Browser[] = []

afterEach(() => setPrintPagesAtOnce(1))
afterAll(async () => {
  await Promise.all(browsers.map((browser) => browser.close()))
  fs.rmSync(scratch, { recursive: true, force: true })
})

/** A page in a folder of its own saying `text`; its image a named pipe when `stalled`. */
function page(name: string, text: string, { stalled = false, head = '' } = {}): { file: string; image: string } {
  const dir = path.join(scratch, name)
  fs.mkdirSync(dir)
  const image = path.join(dir, 'figure.png')
  if (stalled) execFileSync('mkfifo', [image])
  else fs.writeFileSync(image, PNG_1x1)
  const file = path.join(dir, 'page.html')
  fs.writeFileSync(file, `<!doctype html><html lang="en"><head><title>${text}</title>${head}</head><body><p>${text}</p><img src="figure.png" alt="A figure"></body></html>\n`)
  return { file, image }
}

/**
 * Lets a stalled page finish loading: Chromium's open of the pipe returns once a writer opens it,
 * and, finding no file, it gives up on the image (which then shows broken).
 */
const unblock = async (image: string) => (await fs.promises.open(image, 'w')).close()

/** Like warmBrowser: the same browser while it is connected, a new one after; `beforeLaunch` hears the count so far. */
function launcher(beforeLaunch?: (launched: number) => void) {
  const launched: Browser[] = []
  let current: Promise<Browser> | undefined
  const launch = () => {
    beforeLaunch?.(launched.length)
    return (current = launchBrowser().then((fresh) => (launched.push(fresh), browsers.push(fresh), fresh)))
  }
  const get = async (): Promise<Browser> => {
    const pending = current ?? launch()
    const browser = await pending
    if (browser.connected) return browser
    return current === pending ? launch() : get()
  }
  return { get, launched }
}

const printPages = async (browser: Browser) => (await browser.pages()).filter((open) => open.url().startsWith('file:'))
const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'

describe('print pages side by side', () => {
  it('print two pages at once: one prints while the other still waits for its image', async () => {
    setPrintPagesAtOnce(2)
    const browser = await launchBrowser()
    browsers.push(browser)
    const slow = page('slow', 'Slow page', { stalled: true })
    const quick = page('quick', 'Quick page')
    let slowDone = false
    const slowPdf = renderPdf(browser, slow.file, INFO).finally(() => (slowDone = true))
    const quickPdf = await renderPdf(browser, quick.file, INFO)
    expect(slowDone).toBe(false)
    expect(pdftotext(quickPdf)).toContain('Quick page')
    expect(await printPages(browser)).toHaveLength(2)
    await unblock(slow.image)
    expect(pdftotext(await slowPdf)).toContain('Slow page')
  })

  it('confine a reused page to the folder it prints from now: files of the folder it printed before are blocked, its fonts are gone', async () => {
    const browser = await launchBrowser()
    browsers.push(browser)
    const face = (url: string) => `<style>@font-face { font-family: Pooled; src: url('${url}') } p { font-family: Pooled, monospace }</style>`
    const first = page('first', 'First page', { head: face('serif.woff2') })
    fs.copyFileSync(font, path.join(scratch, 'first/serif.woff2'))
    expect(pdffonts(await renderPdf(browser, first.file, INFO)).map((f) => f.name)).toContainEqual(expect.stringMatching(/SourceSerif4/))
    // The same family, declared by the next page with the first page's file: outside its folder.
    const second = page('second', 'Second page', { head: face('../first/serif.woff2') })
    const blocked: string[] = []
    await expect(renderPdf(browser, second.file, INFO, { onBlockedRequest: (url) => blocked.push(url) })).rejects.toThrow(/Web fonts .* failed to load: Pooled/)
    expect(blocked).toEqual([expect.stringMatching(/\/first\/serif\.woff2$/)])
    // Declared by no one: the page prints in its fallback, not in the face the page held before.
    const third = page('third', 'Third page', { head: '<style>p { font-family: Pooled, monospace }</style>' })
    expect(pdffonts(await renderPdf(browser, third.file, INFO)).map((f) => f.name).join(' ')).not.toContain('SourceSerif4')
    expect(await printPages(browser)).toHaveLength(1)
  })

  it('retry a page whose renderer crashed on a fresh page of the same browser, the render beside it going on', async () => {
    setPrintPagesAtOnce(2)
    const { get, launched } = launcher()
    const crashing = page('crashing', 'Crashing page', { stalled: true })
    const beside = page('beside', 'Page beside it', { stalled: true })
    const printing = printPdf(get, crashing.file, INFO, { timeout: 30_000 })
    const besidePdf = printPdf(get, beside.file, INFO, { timeout: 30_000 })
    besidePdf.catch(() => {}) // awaited below
    const browser = await get()
    let target
    while (!(target = (await printPages(browser)).find((open) => open.url().includes('/crashing/')))) await new Promise((resolve) => setTimeout(resolve, 100))
    // Loads on retry: the page being printed keeps reading the pipe it opened.
    fs.rmSync(crashing.image)
    fs.writeFileSync(crashing.image, PNG_1x1)
    const session = await target.createCDPSession()
    session.send('Page.crash').catch(() => {}) // answered by no one: the page is gone
    expect(pdftotext(await printing)).toContain('Crashing page')
    await unblock(beside.image)
    expect(pdftotext(await besidePdf)).toContain('Page beside it')
    expect(launched).toHaveLength(1)
    expect(browser.connected).toBe(true)
  })

  it('fail only the render that hangs past its deadline: the one beside it, its browser killed twice meanwhile, starts again and prints', async () => {
    setPrintPagesAtOnce(2)
    const beside = page('beside-a-hang', 'Page beside a hang', { stalled: true })
    // The page beside loads once the hanging render has had both its tries, each killing its browser.
    const { get, launched } = launcher((count) => {
      if (count === 2) {
        fs.rmSync(beside.image)
        fs.writeFileSync(beside.image, PNG_1x1)
      }
    })
    const hanging = page('hanging', 'Hanging page', { stalled: true })
    const failed = printPdf(get, hanging.file, INFO, { timeout: 3000 })
    const besidePdf = printPdf(get, beside.file, INFO, { timeout: 60_000 })
    besidePdf.catch(() => {}) // awaited below
    await expect(failed).rejects.toThrow(
      'Chromium did not finish printing the page within 3 s (set GALLEY_PDF_TIMEOUT to allow more seconds); a second try on a fresh browser failed the same way')
    expect(isPdf(await besidePdf)).toBe(true)
    expect(launched).toHaveLength(3)
  })
})
