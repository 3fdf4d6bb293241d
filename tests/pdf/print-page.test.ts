import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { allowed, openPrintPage, SCREEN, type Confinement } from '../../src/pdf/print-page.ts'

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'galley-print-page-'))
// A folder name with URL-pattern syntax in it: the pattern must take it literally.
const folder = join(scratch, 'letter (1) *')
const other = join(scratch, 'other')
const outside = pathToFileURL(scratch).href

let browser: Browser

beforeAll(async () => {
  mkdirSync(folder)
  mkdirSync(other)
  copyFileSync(join(fixtures, 'figure.png'), join(folder, 'inside.png'))
  copyFileSync(join(fixtures, 'figure.png'), join(scratch, 'outside.png'))
  copyFileSync(join(fixtures, 'source-serif-4-latin-400-normal.woff2'), join(scratch, 'outside.woff2'))
  writeFileSync(join(scratch, 'outside.css'), 'p { color: rgb(255, 0, 0) }')
  writeFileSync(join(scratch, 'imported.css'), 'p { text-transform: uppercase }')
  writeFileSync(join(scratch, 'outside.html'), '<p>LEAKED FROM A FRAME</p>')
  writeFileSync(join(folder, 'index.html'), `<!doctype html><html lang="en"><head>
    <link rel="stylesheet" href="../outside.css">
    <style>@import url('../imported.css');
      @font-face { font-family: Outside; src: url('../outside.woff2') }
      .font { font-family: Outside } .background { width: 10px; height: 10px; background: url('../outside.png') }</style>
    </head><body>
    <p>Inside.</p><p class="font">x</p><div class="background"></div>
    <img id="inside" src="inside.png"><img id="data" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">
    <img id="outside" src="../outside.png"><img src="file:///etc/passwd"><img src="http://example.invalid/x.png">
    <svg width="10" height="10"><image href="../outside.png" width="10" height="10"/></svg>
    <iframe src="../outside.html"></iframe><object data="../outside.html"></object>
    </body></html>`)
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe.each<Confinement>(['patterns', 'interception'])('the print page, confined by %s', (confinement) => {
  it('loads the files inside the HTML folder and data: URLs, and nothing else, frames and objects included', async () => {
    const { page, confine } = await openPrintPage(browser, confinement)
    const blocked: string[] = []
    await confine(folder, (url) => blocked.push(url))
    await page.goto(pathToFileURL(join(folder, 'index.html')).href, { waitUntil: 'load' })
    const state = await page.evaluate(() => ({
      inside: (document.getElementById('inside') as HTMLImageElement).naturalWidth,
      data: (document.getElementById('data') as HTMLImageElement).naturalWidth,
      outside: (document.getElementById('outside') as HTMLImageElement).naturalWidth,
      color: getComputedStyle(document.querySelector('p')!).color,
      transform: getComputedStyle(document.querySelector('p')!).textTransform,
    }))
    expect(state).toEqual({ inside: 1200, data: 1, outside: 0, color: 'rgb(0, 0, 0)', transform: 'none' })
    const framesText = await Promise.all(page.frames().map((frame) => frame.evaluate(() => document.body?.innerText ?? '').catch(() => '')))
    expect(framesText.join(' ')).not.toContain('LEAKED')
    for (const name of ['outside.css', 'imported.css', 'outside.png', 'outside.woff2', 'outside.html']) {
      expect(blocked).toContain(`${outside}/${name}`)
    }
    expect(blocked).toContain('file:///etc/passwd')
    expect(blocked).toContain('http://example.invalid/x.png')
    expect(blocked.filter((url) => url.includes('inside.png') || url.startsWith('data:'))).toEqual([])
    await page.close()
  })

  it('moves with each confine(): the folder before is outside then', async () => {
    const { page, confine } = await openPrintPage(browser, confinement)
    const blocked: string[] = []
    await confine(other, (url) => blocked.push(url))
    await expect(page.goto(pathToFileURL(join(folder, 'index.html')).href, { waitUntil: 'load' })).rejects.toThrow()
    expect(blocked).toContain(pathToFileURL(join(folder, 'index.html')).href)
    await page.close()
  })
})

describe('allowed', () => {
  it('is a file inside the folder or a data: URL', () => {
    expect(allowed(pathToFileURL(join(folder, 'a/b.png')).href, folder)).toBe(true)
    expect(allowed('data:text/plain,x', folder)).toBe(true)
    expect(allowed(`${pathToFileURL(folder).href}/../outside.png`, folder)).toBe(false)
    expect(allowed(pathToFileURL(folder).href, folder)).toBe(false)
    expect(allowed('http://example.invalid/', folder)).toBe(false)
    expect(allowed('file://%zz', folder)).toBe(false)
  })
})

describe('the print page\'s screen', () => {
  it('is a strip, and the page prints on it what it prints on a full screen', async () => {
    const { page, confine } = await openPrintPage(browser)
    expect(page.viewport()).toMatchObject(SCREEN)
    expect(SCREEN.height).toBeLessThan(100)
    // What a screen's size could change: vh and vw, media queries on the height, an image and a web font.
    writeFileSync(join(folder, 'screen.html'), `<!doctype html><html lang="en"><head><style>
      @font-face { font-family: Inside; src: url('inside.woff2') }
      @page { size: A5; margin: 10mm }
      body { font-family: Inside } .tall { height: 40vh; width: 50vw; background: #345 }
      @media (max-height: 300px) { p { color: rgb(200, 0, 0) } }
      </style></head><body><p>A paragraph set in the web font.</p><div class="tall"></div><img src="inside.png" style="width: 30mm"></body></html>`)
    copyFileSync(join(fixtures, 'source-serif-4-latin-400-normal.woff2'), join(folder, 'inside.woff2'))
    await confine(folder)
    const print = async () => {
      await page.goto(pathToFileURL(join(folder, 'screen.html')).href, { waitUntil: 'load' })
      await page.evaluate(async () => {
        await document.fonts.ready
        await Promise.all([...document.images].map((img) => img.decode()))
      })
      // Chromium dates each print; nothing else of it may differ.
      return Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1').replace(/\(D:\d+[^)]*\)/g, '')
    }
    const onStrip = await print()
    await page.setViewport({ width: 800, height: 600 })
    expect(await print()).toBe(onStrip)
    await page.close()
  }, 60_000)
})
