/**
 * The fictional case report (manuscript/case-report/) built through the CLI:
 * every feature it shows is found where it belongs in the JATS (valid
 * against the DTD with xmllint and the official catalog), the HTML and the
 * PDF (and the MECA zip), and no raw Markdown, TeX or attribute block is left in any of them.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import * as mupdf from 'mupdf'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers.ts'
import { pdftotext } from '../pdf/poppler.ts'
import { buildLetter, letters } from './build.ts'

const CASE_REPORT = path.join(ROOT, 'manuscript/case-report/case-report.md')
const SHARED_JATS = path.resolve(ROOT, '../shared/jats')
/** Source syntax that must never reach an output. */
const RAW = [':::', '$$', '{#', '{.', '## ', '\\frac', '\\sqrt', '@fig-', '@eq-', '@tbl-', '@sec-', '[@', '<i>']

let out: string
let stderr: string
let xml: string
let html: string
let pdfText: string
beforeAll(async () => {
  const built = await buildLetter(['--format', 'jats,html,pdf,meca'], CASE_REPORT)
  out = built.out
  stderr = built.run.stderr
  xml = fs.readFileSync(path.join(out, 'case-report.xml'), 'utf8')
  html = fs.readFileSync(path.join(out, 'case-report.html'), 'utf8')
  pdfText = pdftotext(fs.readFileSync(path.join(out, 'case-report.pdf')))
}, 180_000)

describe('the fictional case report', () => {
  it('builds with no warning at all, PubMed Central style rules included', () => {
    expect(stderr).not.toMatch(/warning|error/)
  })

  it('is valid JATS for xmllint with the official catalog', () => {
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--valid', path.join(out, 'case-report.xml')],
      { env: { ...process.env, XML_CATALOG_FILES: path.join(SHARED_JATS, 'catalog.xml') }, encoding: 'utf8' })
    expect(lint.stderr).toBe('')
    expect(lint.status).toBe(0)
  })

  it('tags the front: structured and translated abstracts, keywords per language, roles, funding', () => {
    expect(xml).toMatch(/<abstract>\s*<sec>\s*<title>Background<\/title>/)
    expect(xml).toMatch(/<trans-abstract xml:lang="es">\s*<sec>\s*<title>Introducción<\/title>/)
    expect(xml).toContain('<kwd-group xml:lang="es">')
    expect(xml).toContain('vocab-term-identifier="https://credit.niso.org/contributor-roles/conceptualization/"')
    expect(xml).toMatch(/<award-group[^>]*>[\s\S]*<award-id>ECR-2024-117<\/award-id>/)
    expect(xml).toContain('<elocation-id>e1042</elocation-id>')
  })

  it('tags the body: the equation, the figure with its panels, the table, the supplementary file', () => {
    expect(xml).toMatch(/<disp-formula id="eq-bsa">/)
    expect(xml).toMatch(/<xref ref-type="disp-formula" rid="eq-bsa">/)
    expect(xml).toMatch(/<fig-group id="fig-lesions"/)
    expect(xml).toMatch(/<xref ref-type="fig" rid="fig-lesions-a">Fig\. 1A<\/xref>/)
    expect(xml).toMatch(/<table-wrap id="tbl-course"/)
    expect(xml).toMatch(/<supplementary-material [^>]*xlink:href="supplementary\/table-s1\.csv"/)
    expect(fs.readFileSync(path.join(out, 'supplementary/table-s1.csv'), 'utf8'))
      .toBe(fs.readFileSync(path.join(ROOT, 'manuscript/case-report/supplementary/table-s1.csv'), 'utf8'))
  })

  it('links the references to sections to their headings, in the body and in the declarations', () => {
    expect(xml).toMatch(/<sec id="sec-case">\s*<title>Case presentation<\/title>/)
    expect(xml).toContain('<xref ref-type="sec" rid="sec-case">Section Case presentation</xref>')
    expect(xml).toMatch(/<back>[\s\S]*<sec id="sec-consent" sec-type="consent-statement">/)
    expect(xml).toContain('<xref ref-type="sec" rid="sec-consent">Patient consent</xref>')
    expect(html).toMatch(/<h2 id="sec-case">Case presentation<\/h2>/)
    expect(html).toContain('<a class="xref" href="#sec-case">Section\u00a0Case presentation</a>')
    expect(html).toMatch(/<section [^>]*id="sec-consent"/)
    expect(html).toContain('<a class="xref" href="#sec-consent">Patient consent</a>')
    expect(letters(pdfText)).toContain(letters('as Section Case presentation describes'))
  })

  it('makes each reference to a section a link inside the PDF, to the page its heading is on', () => {
    const pdf = mupdf.Document.openDocument(fs.readFileSync(path.join(out, 'case-report.pdf')), 'application/pdf')
    const pages = new Map<string, number[]>()
    for (let page = 0; page < pdf.countPages(); page++) {
      for (const link of pdf.loadPage(page).getLinks()) {
        const name = /^#nameddest=(sec-.*)$/.exec(link.getURI())?.[1]
        if (name) pages.set(name, [...(pages.get(name) ?? []), pdf.resolveLink(link)])
      }
    }
    expect([...pages.keys()].sort()).toEqual(['sec-case', 'sec-consent'])
    // The body's section is on a page before the back matter's consent statement, and both are pages of the PDF.
    const [caseAt, consentAt] = [pages.get('sec-case')![0], pages.get('sec-consent')![0]]
    expect(caseAt).toBeGreaterThanOrEqual(0)
    expect(consentAt).toBeGreaterThan(caseAt)
  })

  it('packs the supplementary file into the MECA zip with its own media type', () => {
    const entries = unzipSync(fs.readFileSync(path.join(out, 'case-report.meca.zip')))
    const manifest = strFromU8(entries['manifest.xml'])
    expect(manifest).toContain('<instance media-type="text/csv" xlink:href="supplementary/table-s1.csv"/>')
    expect(strFromU8(entries['supplementary/table-s1.csv'])).toBe(fs.readFileSync(path.join(out, 'supplementary/table-s1.csv'), 'utf8'))
  })

  it('puts the declarations in the back matter and author notes, not the body', () => {
    const body = xml.slice(xml.indexOf('<body>'), xml.indexOf('</body>'))
    for (const title of ['Acknowledgements', 'Conflicts of interest', 'Patient consent', 'Data availability']) expect(body).not.toContain(title)
    expect(xml).toMatch(/<back>[\s\S]*<ack[ >]/)
    expect(xml).toMatch(/<author-notes>[\s\S]*<fn [^>]*fn-type="coi-statement"/)
    expect(xml).toMatch(/<back>[\s\S]*<sec [^>]*sec-type="consent-statement"/)
    expect(xml).toMatch(/<back>[\s\S]*<sec [^>]*sec-type="data-availability"/)
  })

  it('tags the references field by field', () => {
    expect(xml).toContain('<article-title>Sporotrichoid <italic>Mycobacterium marinum</italic> infection: a case series</article-title>')
    expect(xml).toContain('<elocation-id>e00120-20</elocation-id>')
    expect(xml).toMatch(/<chapter-title>Atypical mycobacterial infections of the skin<\/chapter-title><person-group person-group-type="editor">/)
    expect(xml).toContain('<date-in-citation content-type="access-date" iso-8601-date="2024-03-05">')
    expect(xml).toContain('<version>2.1</version>')
  })

  it('leaves no source syntax in any output', () => {
    const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ')
    for (const [name, content] of [['JATS', text(xml.replace(/<tex-math>[\s\S]*?<\/tex-math>/g, ''))], ['HTML', text(html.slice(html.indexOf('<body')))], ['PDF', pdfText]] as const) {
      for (const raw of RAW) expect(content.includes(raw), `${name} holds "${raw}"`).toBe(false)
    }
  })

  it('prints every part in the PDF\'s text, in reading order', () => {
    const order = ['Background', 'Case presentation', 'Conclusions', 'Resumen', 'Introduction', 'Figure 1', 'Table 1', 'Discussion', 'Patient consent', 'References']
    const flat = letters(pdfText)
    const places = order.map((words) => flat.indexOf(letters(words)))
    expect(places.every((place) => place >= 0), JSON.stringify(Object.fromEntries(order.map((words, index) => [words, places[index]])))).toBe(true)
    expect([...places].sort((a, b) => a - b)).toEqual(places)
  })
})
