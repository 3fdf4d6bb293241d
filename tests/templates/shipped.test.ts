/**
 * The shipped templates, each building the real letter once: every output
 * is written, switching templates changes the look and journal-meta only,
 * and each look matches its committed reference renders.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { FRONT, manuscript } from '../helpers.ts'
import { pdfinfo } from '../pdf/poppler.ts'
import { type Built, SHIPPED, buildWith, citationOrder, htmlText, jatsBodyAndBack, removeAll } from './build.ts'
import { firstPagePng, htmlScreenshot, matchReference } from './visual.ts'

const built: Record<string, Built> = {}
let browser: Browser | undefined

beforeAll(async () => {
  for (const name of SHIPPED) built[name] = await buildWith(name)
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  removeAll(...Object.values(built).map((outputs) => outputs.out))
})

const pdfOf = (name: string) => fs.readFileSync(path.join(built[name].out, 'letter.pdf'))

describe('every shipped template', () => {
  it.each(SHIPPED)('%s builds the letter as JATS, HTML and PDF', (name) => {
    const { xml, html, pdfText } = built[name]
    expect(xml).toContain('<article-title>Facial Calcinosis Cutis in a Woman with Paraneoplastic Dermatomyositis</article-title>')
    expect(html).toContain('<h1 class="title">Facial Calcinosis Cutis in a Woman with Paraneoplastic Dermatomyositis</h1>')
    expect(pdfText).toContain('Facial Calcinosis Cutis in a Woman')
    expect(pdfText).toMatch(/Herrero-Moyano/)
  })

  it('prints on the page size each journal uses', () => {
    expect(pdfinfo(pdfOf('actas-dermo-sifiliograficas'))['Page size']).toMatch(/\(A4\)/)
    expect(pdfinfo(pdfOf('clinical-case-letters'))['Page size']).toMatch(/^612 x 792 pts \(letter\)/)
    expect(pdfinfo(pdfOf('default'))['Page size']).toMatch(/\(A4\)/)
  })

  it('prints its journal name in the HTML and the PDF', () => {
    expect(built['actas-dermo-sifiliograficas'].pdfText).toContain('Actas Dermo-Sifiliográficas')
    expect(built['clinical-case-letters'].html).toContain('<p class="journal-title">Clinical Case Letters</p>')
    // Uppercase by CSS: the PDF's text is what the page shows.
    expect(built['clinical-case-letters'].pdfText).toContain('CLINICAL CASE LETTERS')
  })
})

describe('switching templates', () => {
  it('leaves the JATS body and back byte-identical', () => {
    const [first, ...others] = SHIPPED.map((name) => jatsBodyAndBack(built[name].xml))
    for (const other of others) expect(other).toBe(first)
  })

  it('numbers the citations identically in every output', () => {
    const orders = SHIPPED.map((name) => citationOrder(built[name].html))
    expect(orders[0]).toHaveLength(14)
    expect(orders[0].slice(0, 4)).toEqual(['B1', 'B1', 'B2', 'B3'])
    for (const order of orders) expect(order).toEqual(orders[0])
    for (const name of SHIPPED) {
      expect([...built[name].html.matchAll(/<li id="(B\d+)">/g)].map((match) => match[1]))
        .toEqual(Array.from({ length: 10 }, (_, index) => `B${index + 1}`))
    }
  })

  it('changes the journal-meta to the journal\'s facts', () => {
    expect(built['actas-dermo-sifiliograficas'].xml).toContain('<issn pub-type="ppub">0001-7310</issn>')
    expect(built['clinical-case-letters'].xml).toContain('<journal-title>Clinical Case Letters</journal-title>')
    expect(built['clinical-case-letters'].xml).toContain('<publisher-name>Galley Demo Press</publisher-name>')
    expect(built.default.xml).toContain('<journal-title>Manuscript</journal-title>')
  })

  it('prints each template\'s words in HTML and PDF, and Galley\'s own in the JATS', () => {
    expect(htmlText(built['clinical-case-letters'].html)).toContain('both malar regions (Figure 1)')
    expect(built['clinical-case-letters'].pdfText).toContain('Correspondence: M. Herrero-Moyano')
    expect(htmlText(built['actas-dermo-sifiliograficas'].html)).toContain('both malar regions (Fig. 1)')
    for (const name of SHIPPED) expect(built[name].xml).toContain('<xref ref-type="fig" rid="fig-malar">Fig. 1</xref>')
  })

  it('places the citation marks as each journal prints them', () => {
    expect(htmlText(built['actas-dermo-sifiliograficas'].html)).toContain('very scarce.1 We describe')
    expect(built['actas-dermo-sifiliograficas'].pdfText).toMatch(/very scarce\.1 We/)
    for (const name of ['clinical-case-letters', 'default']) {
      expect(htmlText(built[name].html)).toContain('very scarce [1]. We describe')
      expect(built[name].pdfText).toMatch(/very scarce \[1\]\. We/)
    }
  })

  it('formats the reference list with each template\'s CSL style, in citation order', () => {
    expect(htmlText(built['clinical-case-letters'].html)).toContain(
      'A. T. Lopez and M. E. Grossman, “Facial calcinosis cutis in a patient with systemic lupus erythematosus: a case report of tissue injury owing to photosensitivity as the cause of dystrophic calcification,” ' +
      'JAAD Case Reports, vol. 3, no. 5, pp. 460–463, 2017, doi: 10.1016/j.jdcr.2017.06.018.')
    expect(built['clinical-case-letters'].html).toMatch(/<li id="B1">S\. J\. Balin, D\. A\. Wetter, L\. K\. Andersen and M\. D\. P\. Davis, “/)
    expect(built['clinical-case-letters'].html).toContain('Consultant360</i>, n.d.</li>')
    expect(htmlText(built['actas-dermo-sifiliograficas'].html)).toContain('Lopez AT, Grossman ME. Facial calcinosis cutis')
  })
})

describe('the default template', () => {
  it('is the one a manuscript gets when its front matter names none', () => {
    const dir = manuscript('Text [@alpha2020].\n')
    fs.writeFileSync(path.join(dir, 'letter.md'), `${FRONT.replace(/^template: .*\n/m, '')}Text [@alpha2020].\n`)
    const { article, files } = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
    removeAll(dir)
    expect(files.flatMap((file) => file.messages.filter((message) => message.fatal))).toEqual([])
    expect(article?.template.name).toBe('Default')
  })
})

describe('the look of each template', () => {
  it.each(SHIPPED)('%s: page 1 of the PDF matches the reference render', (name) => {
    const result = matchReference(`${name}-pdf-page1`, firstPagePng(path.join(built[name].out, 'letter.pdf')))
    expect(result.problem).toBeUndefined()
  })

  it.each(SHIPPED)('%s: the HTML page matches the reference screenshot', async (name) => {
    const result = matchReference(`${name}-html`, await htmlScreenshot(browser!, path.join(built[name].out, 'letter.html')))
    expect(result.problem).toBeUndefined()
  })
})
