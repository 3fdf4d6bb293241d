import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { renderPdf, type PdfInfo } from '../../src/pdf/render.ts'
import { pdffonts, pdfinfo, pdftotext, structure } from './poppler.ts'

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url))
const letter = join(fixtures, 'letter.html')
const font = join(fixtures, 'source-serif-4-latin-400-normal.woff2')

const info: PdfInfo = {
  title: 'Tidal Pools as Clocks',
  authors: ['Ada Lovelace', 'Émile Noether'],
  subject: 'Letter to the editor',
  keywords: ['tidal pools', 'data loggers'],
  lang: 'en-GB',
  date: new Date('2024-05-01T12:00:00Z'),
}

let browser: Browser
let pdf: Uint8Array
let renderMs: number
const blocked: string[] = []
const scratch = mkdtempSync(join(tmpdir(), 'galley-pdf-fixture-'))

beforeAll(async () => {
  browser = await launchBrowser()
  const start = performance.now()
  pdf = await renderPdf(browser, letter, info, { onBlockedRequest: (url) => blocked.push(url) })
  renderMs = performance.now() - start
})

afterAll(async () => {
  await browser?.close()
  rmSync(scratch, { recursive: true, force: true })
})

/** Titles of the document outline (bookmarks), depth-first. */
async function outlineTitles(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes)
  const titles: string[] = []
  const walk = (item: PDFDict | undefined) => {
    for (; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      titles.push(item.lookup(PDFName.of('Title'), PDFString, PDFHexString).decodeText())
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict))
  return titles
}

describe('renderPdf on the two-column fixture', () => {
  it('writes the document information and keeps the tagging', () => {
    const meta = pdfinfo(pdf)
    expect(meta).toMatchObject({
      Title: info.title,
      Author: 'Ada Lovelace, Émile Noether',
      Subject: info.subject,
      Keywords: 'tidal pools, data loggers',
      Creator: 'Galley',
      CreationDate: '2024-05-01T12:00:00Z',
      ModDate: '2024-05-01T12:00:00Z',
      Tagged: 'yes',
    })
    expect(meta.Producer).toMatch(/^Galley \(Chromium \d+/)
    expect(Number(meta.Pages)).toBeGreaterThanOrEqual(2)
    expect(structure(pdf)).toMatch(/H1[\s\S]*H2[\s\S]*P \(block\)[\s\S]*Figure/)
  })

  it('prints on exact A4 from the CSS @page size', () => {
    expect(pdfinfo(pdf)['Page size']).toBe('595.28 x 841.89 pts (A4)')
  })

  it('sets /Lang and keeps the outline Chromium built from the headings', async () => {
    const doc = await PDFDocument.load(pdf)
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en-GB')
    expect(await outlineTitles(pdf)).toEqual([
      'Tidal Pools as Clocks', 'Introduction', 'Methods', 'Results', 'Discussion', 'Conclusion',
    ])
  })

  it('embeds every font, and only the web font', () => {
    const fonts = pdffonts(pdf)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.every((f) => f.embedded)).toBe(true)
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(['SourceSerif4-Regular'])
  })

  it('prints the static text and margin boxes, not what the disabled script would write', () => {
    const text = pdftotext(pdf)
    expect(text).toContain('The marker sentence says the static text survived printing.')
    expect(text).toContain('The closing sentence of the fixture ends the letter here.')
    expect(text).toContain('Galley Fixture Letters')
    expect(text).toMatch(/Page 2 of \d/)
    expect(text).not.toContain('SCRIPT HAS RUN')
  })

  it('blocks the network image without waiting on it', () => {
    expect(blocked).toContain('http://example.invalid/x.png')
    expect(renderMs).toBeLessThan(15_000)
  })

  it('prints while another page of the same browser is in front', async () => {
    const other = await browser.newPage()
    try {
      await other.bringToFront()
      // A hidden page never finished decoding its images: the render would wait for its deadline.
      const again = await renderPdf(browser, letter, info, { timeout: 20_000 })
      expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true)
    } finally {
      await other.close()
    }
  })

  it('gives byte-identical PDFs for the same HTML, render after render', async () => {
    // Several renders: undecoded images once made every other render differ.
    for (let i = 0; i < 3; i++) {
      const again = await renderPdf(browser, letter, info)
      expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true)
    }
  })
})

describe('renderPdf of a page like the one printed last (a rebuild in watch mode)', () => {
  /** A page in a folder of its own, as each build stages one; only its body differs from the others. */
  const staged = (name: string, body: string, running = 'Rebuilt') => {
    const folder = join(scratch, name)
    mkdirSync(folder, { recursive: true })
    copyFileSync(font, join(folder, 'serif.woff2'))
    copyFileSync(font, join(folder, 'greek.woff2'))
    copyFileSync(join(fixtures, 'figure.png'), join(folder, 'figure.png'))
    writeFileSync(join(folder, 'index.html'), `<!doctype html><html lang="en"><head><title>${running}</title>
      <meta name="citation_title" content="${running}"><style>:root { --running: '${running}' }</style><style>
      @font-face { font-family: Text; src: url('serif.woff2'); unicode-range: U+0000-00FF }
      @font-face { font-family: Text; src: url('greek.woff2'); unicode-range: U+0370-03FF }
      html { font-family: Text } img { width: 40mm }
      @page { size: A4; margin: 20mm; @bottom-center { content: var(--running) ' page ' counter(page) } }
      </style></head><body>${body}</body></html>`)
    return join(folder, 'index.html')
  }
  const body = (word: string, extra = '') => `<h1 id="top">Rebuilt ${word}</h1><p>A ${word} sentence with a <a href="#note">note</a>${extra}.</p>
    <figure><img src="figure.png" alt="A figure."></figure><p id="note">The note, and <a href="figure.png">the figure's file</a>.</p>`
  const fresh = async (file: string) => {
    const other = await launchBrowser()
    try {
      return await renderPdf(other, file, info)
    } finally {
      await other.close()
    }
  }

  it('prints the same bytes as a fresh browser, the page printed last being gone', async () => {
    const first = staged('rebuild-1', body('first'))
    await renderPdf(browser, first, info)
    rmSync(join(scratch, 'rebuild-1'), { recursive: true })
    const second = staged('rebuild-2', body('second'))
    const again = await renderPdf(browser, second, info)
    expect(pdftotext(again)).toContain('A second sentence')
    expect(Buffer.from(again).equals(Buffer.from(await fresh(second)))).toBe(true)
  })

  it('prints the same bytes as a fresh browser for a page whose title, metadata and custom properties differ too', async () => {
    const first = staged('rebuild-7', body('seventh'), 'Seventh letter')
    await renderPdf(browser, first, info)
    rmSync(join(scratch, 'rebuild-7'), { recursive: true })
    const eighth = staged('rebuild-8', body('eighth'), 'Eighth letter')
    const again = await renderPdf(browser, eighth, info)
    expect(pdftotext(again)).toContain('Eighth letter page 1')
    expect(pdftotext(again)).not.toContain('Seventh')
    expect(Buffer.from(again).equals(Buffer.from(await fresh(eighth)))).toBe(true)
  })

  it('loads the page anew when a file its head names changed, the same markup notwithstanding', async () => {
    const first = staged('rebuild-5', body('fifth'))
    await renderPdf(browser, first, info)
    const sixth = staged('rebuild-6', body('sixth'))
    copyFileSync(fileURLToPath(import.meta.resolve('@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff2')), join(scratch, 'rebuild-6/serif.woff2'))
    const again = await renderPdf(browser, sixth, info)
    expect(pdffonts(again).map((f) => f.name).join(' ')).not.toContain('SourceSerif4')
    expect(Buffer.from(again).equals(Buffer.from(await fresh(sixth)))).toBe(true)
  })

  it('loads the page anew for a character whose face the page printed last never loaded', async () => {
    const first = staged('rebuild-3', body('third'))
    await renderPdf(browser, first, info)
    rmSync(join(scratch, 'rebuild-3'), { recursive: true })
    const fourth = staged('rebuild-4', body('fourth', ' on α'))
    const blocked: string[] = []
    const again = await renderPdf(browser, fourth, info, { onBlockedRequest: (url) => blocked.push(url) })
    expect(pdftotext(again)).toContain('on α')
    expect(blocked).toEqual([])
    expect(Buffer.from(again).equals(Buffer.from(await fresh(fourth)))).toBe(true)
  })
})

describe('renderPdf confinement and defaults', () => {
  it('loads files only from the HTML folder and defaults to A4 without an @page size', async () => {
    const folder = join(scratch, 'letter')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(scratch, 'outside.css'), 'p::after { content: " LEAKED FROM OUTSIDE" }')
    writeFileSync(
      join(folder, 'index.html'),
      '<!doctype html><html lang="en"><link rel="stylesheet" href="../outside.css"><p>Inside only.</p></html>',
    )
    const urls: string[] = []
    const out = await renderPdf(browser, join(folder, 'index.html'), info, { onBlockedRequest: (u) => urls.push(u) })
    expect(urls).toEqual([expect.stringMatching(/outside\.css$/)])
    expect(pdftotext(out)).not.toContain('LEAKED')
    expect(pdfinfo(out)['Page size']).toBe('595.28 x 841.89 pts (A4)')
  })

  it('fails loudly when a web font cannot load, instead of printing a fallback', async () => {
    const folder = join(scratch, 'font')
    mkdirSync(folder, { recursive: true })
    copyFileSync(font, join(scratch, 'outside.woff2'))
    writeFileSync(
      join(folder, 'index.html'),
      `<!doctype html><style>@font-face { font-family: Outside; src: url('../outside.woff2') }
       p { font-family: Outside }</style><p>Text</p>`,
    )
    await expect(renderPdf(browser, join(folder, 'index.html'), info)).rejects.toThrow(/Web fonts .* failed to load: Outside/)
  })

  it('prints a web font used only in a margin box with that font', async () => {
    const folder = join(scratch, 'margin-font')
    mkdirSync(folder, { recursive: true })
    copyFileSync(font, join(folder, 'serif.woff2'))
    writeFileSync(
      join(folder, 'index.html'),
      `<!doctype html><style>@font-face { font-family: Margin; src: url('serif.woff2') }
       @page { @top-center { content: 'Running head'; font-family: Margin } }</style><p>Body in the default font.</p>`,
    )
    const names = pdffonts(await renderPdf(browser, join(folder, 'index.html'), info)).map((f) => f.name)
    expect(names).toContainEqual(expect.stringMatching(/SourceSerif4/))
  })

  it.each([
    ['the page box', '@page { font-family: PageFont }'],
    ['the root element', 'html { font-family: PageFont } body { font-family: monospace }'],
  ])('prints a margin box that names no family in the web font of %s, and needs no face the page does not use', async (name, css) => {
    const folder = join(scratch, `inherited-font-${name.replaceAll(' ', '-')}`)
    mkdirSync(folder, { recursive: true })
    copyFileSync(font, join(folder, 'serif.woff2'))
    copyFileSync(font, join(scratch, 'unused.woff2'))
    writeFileSync(
      join(folder, 'index.html'),
      `<!doctype html><style>@font-face { font-family: PageFont; src: url('serif.woff2') }
       @font-face { font-family: Unused; src: url('../unused.woff2') }
       .never-there { font-family: Unused }
       ${css}
       @page { margin: 20mm; @bottom-center { content: 'Folio ' counter(page) } }</style><p>Body in the default font.</p>`,
    )
    // The unused face's file is outside the folder, so loading it would fail the render.
    const out = await renderPdf(browser, join(folder, 'index.html'), info)
    expect(pdffonts(out).map((f) => f.name)).toContainEqual(expect.stringMatching(/SourceSerif4/))
    expect(pdftotext(out)).toContain('Folio 1')
  })

  it('names a missing HTML file', async () => {
    await expect(renderPdf(browser, join(scratch, 'nope.html'), info)).rejects.toThrow(/nope\.html/)
  })
})
