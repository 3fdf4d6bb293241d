import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { HtmlValidate } from 'html-validate'
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { pdffonts, pdfinfo, pdftotext } from '../pdf/poppler.ts'
import { ROOT } from '../helpers.ts'
import { buildLetter, letters } from './build.ts'

const TITLE = 'Facial Calcinosis Cutis in a Woman with Paraneoplastic Dermatomyositis'
const references = JSON.parse(fs.readFileSync(path.resolve(ROOT, 'tests/e2e/reference-titles.json'), 'utf8')) as string[]

let out = ''
let browser: Browser

beforeAll(async () => {
  ;({ out } = await buildLetter())
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  fs.rmSync(out, { recursive: true, force: true })
})

describe('HTML of the letter, in Chromium', () => {
  async function inPage<T>(work: (page: import('puppeteer-core').Page) => Promise<T>, width = 1280): Promise<T> {
    const page = await browser.newPage()
    try {
      await page.setJavaScriptEnabled(false)
      await page.setViewport({ width, height: 900 })
      await page.goto(pathToFileURL(path.join(out, 'letter.html')).href, { waitUntil: 'load' })
      return await work(page)
    } finally {
      await page.close()
    }
  }

  it('shows the title, the translated title, four authors and ten references', async () => {
    const facts = await inPage((page) => page.evaluate(() => ({
      h1: document.querySelector('h1')?.textContent?.trim(),
      lang: document.documentElement.lang,
      translated: document.querySelector('[lang="es"]')?.textContent?.trim(),
      references: document.querySelectorAll('section.references ol > li').length,
      figures: [...document.querySelectorAll('figure')].map((figure) => ({
        alt: figure.querySelector('img')?.getAttribute('alt'),
        loaded: (figure.querySelector('img') as HTMLImageElement | null)?.naturalWidth ?? 0,
        caption: figure.querySelector('figcaption')?.textContent?.trim(),
      })),
      body: document.body.innerText,
    })))
    expect(facts.h1).toBe(TITLE)
    expect(facts.lang).toBe('en')
    expect(facts.translated).toBe('Calcinosis cutis facial en una paciente con dermatomiositis paraneoplásica')
    expect(facts.references).toBe(10)
    expect(facts.figures).toHaveLength(3)
    for (const figure of facts.figures) {
      expect(figure.alt?.length).toBeGreaterThan(10)
      expect(figure.loaded).toBeGreaterThan(0)
      expect(figure.caption).toMatch(/^Figure\s\d/)
    }
    for (const name of ['Herrero-Moyano', 'Martínez-Mera', 'García-García', 'Dauden', 'Hospital Universitario de La Princesa', 'mariaherreromoyano@gmail.com']) {
      expect(facts.body).toContain(name)
    }
  })

  it('links every citation and cross-reference to something on the page', async () => {
    const links = await inPage((page) => page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')].map((a) => ({
      href: a.getAttribute('href')!, resolves: Boolean(document.getElementById(a.getAttribute('href')!.slice(1))),
    }))))
    expect(links.length).toBeGreaterThanOrEqual(14 + 3)
    expect(links.filter((link) => !link.resolves)).toEqual([])
    expect(links.filter((link) => /^#B\d+$/.test(link.href))).toHaveLength(14)
  })

  it('has DOI and PubMed links in the reference list', async () => {
    const hrefs = await inPage((page) => page.evaluate(() => [...document.querySelectorAll('section.references a')].map((a) => a.getAttribute('href'))))
    expect(hrefs).toContain('https://doi.org/10.1016/j.jdcr.2017.06.018')
    expect(hrefs).toContain('https://pubmed.ncbi.nlm.nih.gov/28936472/')
  })

  it('carries Highwire and schema.org metadata for indexers', async () => {
    const head = await inPage((page) => page.evaluate(() => ({
      meta: [...document.querySelectorAll('meta[name^="citation_"]')].map((m) => [m.getAttribute('name'), m.getAttribute('content')]),
      jsonLd: document.querySelector('script[type="application/ld+json"]')?.textContent ?? '',
    })))
    const values = (name: string) => head.meta.filter(([key]) => key === name).map(([, value]) => value)
    expect(values('citation_title')).toEqual([TITLE])
    expect(values('citation_author')).toHaveLength(4)
    expect(values('citation_journal_title')).toEqual(['Actas Dermo-Sifiliográficas'])
    expect(values('citation_volume')).toEqual(['109'])
    expect(values('citation_firstpage')).toEqual(['760'])
    expect(values('citation_reference')).toHaveLength(10)
    const jsonLd = JSON.parse(head.jsonLd)
    expect(jsonLd['@type']).toBe('ScholarlyArticle')
    expect(jsonLd.headline).toBe(TITLE)
  })

  it('fits a phone screen without sideways scrolling', async () => {
    const overflow = await inPage((page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 390)
    expect(overflow).toBeLessThanOrEqual(0)
  })

  it('is valid HTML (html-validate, recommended rules)', async () => {
    // hast-util-to-html writes `<!doctype html>`, which HTML allows in any case.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'doctype-style': 'off' } })
    const report = await validator.validateFile(path.join(out, 'letter.html'))
    expect(report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([])
  })

  it('is self-contained: every file it loads is in the output folder', () => {
    const html = fs.readFileSync(path.join(out, 'letter.html'), 'utf8')
    const local = [...html.matchAll(/(?:src|href)="([^"#:]+)"/g), ...html.matchAll(/url\("?([^")]+)"?\)/g)].map((m) => m[1])
    expect(local.length).toBeGreaterThan(3)
    for (const file of local) expect(fs.existsSync(path.join(out, file)), file).toBe(true)
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/)
  })
})

describe('PDF of the letter', () => {
  const pdf = () => fs.readFileSync(path.join(out, 'letter.pdf'))

  it('has the title, "To the Editor" and every reference in its text', () => {
    const text = letters(pdftotext(pdf()))
    expect(text).toContain(letters(TITLE))
    expect(text).toContain(letters('To the Editor'))
    expect(references).toHaveLength(10)
    for (const title of references) expect(text, title).toContain(letters(title))
  })

  it('is A4, at least two pages, tagged, with its metadata', () => {
    const info = pdfinfo(pdf())
    expect(info.Title).toBe(TITLE)
    expect(info.Author).toBe('M. Herrero-Moyano, C. Martínez-Mera, C. García-García, E. Dauden')
    expect(info.Subject).toContain('Actas Dermosifiliogr')
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(2)
    expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/)
    expect(info.Tagged).toBe('yes')
  })

  it('embeds every font', () => {
    const fonts = pdffonts(pdf())
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.filter((font) => !font.embedded)).toEqual([])
  })

  it('declares its language and has an outline', async () => {
    const document = await PDFDocument.load(pdf())
    const lang = document.catalog.lookup(PDFName.of('Lang'))
    expect(lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined).toBe('en')
    expect(document.catalog.lookup(PDFName.of('Outlines'))).toBeInstanceOf(PDFDict)
    expect(document.catalog.lookup(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFDict)
  })

  it('is the same bytes when built again', async () => {
    const again = await buildLetter(['--format', 'pdf'])
    expect(Buffer.compare(fs.readFileSync(path.join(again.out, 'letter.pdf')), pdf())).toBe(0)
    fs.rmSync(again.out, { recursive: true, force: true })
  })
})
