/**
 * A letter linking a supplementary file and showing an inline image, built
 * through the CLI with a real Chromium: the files are copied beside the
 * outputs, and the HTML's links and the PDF's link annotations point at the
 * copies, relative, never into the staging folder the PDF was printed from.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FRONT, PNG_1x1, BIB, fixture } from '../helpers.ts'
import { buildLetter } from './build.ts'

const BODY = `
Dear Editor, a rash [@alpha2020] with a marker ![marker](icons/star.png) in the text.
Counts are in [Table S1](supplementary/table%20s1.csv), and @fig-pair-b shows the second view.

::: {#fig-pair layout-ncol=2}
![First view.](figures/a.png){#fig-pair-a fig-alt="The first view of the rash on the forearm."}

![Second view.](figures/b.png){#fig-pair-b fig-alt="The second view of the rash, closer up."}

The rash in two views.
:::
`

/** Every URI action of the PDF's link annotations. */
async function linkUris(pdf: string): Promise<string[]> {
  const doc = await PDFDocument.load(fs.readFileSync(pdf))
  return doc.getPages().flatMap((page) => {
    const annotations = page.node.Annots()
    return Array.from({ length: annotations?.size() ?? 0 }, (_, index) =>
      annotations!.lookupMaybe(index, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict)
        ?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText())
      .filter((uri): uri is string => uri !== undefined)
  })
}

describe('supplementary files and inline images, built', () => {
  let out = ''
  let dir = ''
  beforeAll(async () => {
    dir = fixture({
      'letter.md': FRONT + BODY, 'refs.bib': BIB, 'supplementary/table s1.csv': 'visit,count\n1,3\n',
      'icons/star.png': PNG_1x1, 'figures/a.png': PNG_1x1, 'figures/b.png': PNG_1x1,
    })
    out = (await buildLetter([], path.join(dir, 'letter.md'))).out
  }, 120_000)
  afterAll(() => [out, dir].forEach((folder) => folder && fs.rmSync(folder, { recursive: true, force: true })))

  it('copies the supplementary file at its relative path, and the images flat', () => {
    expect(fs.readFileSync(path.join(out, 'supplementary/table s1.csv'), 'utf8')).toBe('visit,count\n1,3\n')
    for (const name of ['star.png', 'a.png', 'b.png']) expect(fs.existsSync(path.join(out, name)), name).toBe(true)
  })

  it('links the copies from the HTML, relative', () => {
    const html = fs.readFileSync(path.join(out, 'letter.html'), 'utf8')
    expect(html).toContain('<a href="supplementary/table%20s1.csv" class="supplementary">Table S1</a>')
    expect(html).toContain('<img src="star.png" alt="marker">')
    expect(html).toContain('<h2 id="supplementary-material-title">Supplementary material</h2><ul><li id="supp1"><a href="supplementary/table%20s1.csv" type="text/csv">Table S1</a> (CSV)</li></ul>')
    expect(html).toContain('>Fig.\u00a01B</a>')
  })

  it('lists the file in the JATS back matter and points the text at it', () => {
    const xml = fs.readFileSync(path.join(out, 'letter.xml'), 'utf8')
    expect(xml).toContain('<xref ref-type="supplementary-material" rid="supp1">Table S1</xref>')
    expect(xml).toMatch(/<sec sec-type="supplementary-material">\s*<title>Supplementary material<\/title>\s*<supplementary-material id="supp1" xlink:href="supplementary\/table%20s1.csv" mimetype="text" mime-subtype="csv">/)
    expect(xml).toContain('<inline-graphic xlink:href="star.png">')
    expect(xml).toContain('<xref ref-type="fig" rid="fig-pair-b">Fig. 1B</xref>')
  })

  it('points the PDF\'s link annotations at the copy, relative, and nowhere into a build folder', async () => {
    const uris = await linkUris(path.join(out, 'letter.pdf'))
    expect(uris).toContain('supplementary/table%20s1.csv')
    expect(uris.filter((uri) => uri.startsWith('file:') || uri.includes('galley-staging') || uri.includes(out))).toEqual([])
  })
})
