import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { dropSoftHyphens } from '../../src/pdf/text-layer.ts'

/** A one-page PDF whose content stream is `content`, as Chromium writes text. */
async function pageWith(content: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create()
  const page = doc.addPage()
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(Buffer.from(content, 'latin1'))))
  return doc
}

function contentOf(doc: PDFDocument): string {
  const ref = doc.getPages()[0].node.get(PDFName.of('Contents')) as PDFRef
  return Buffer.from(decodePDFRawStream(doc.context.lookup(ref) as PDFRawStream).decode()).toString('latin1')
}

describe('dropSoftHyphens', () => {
  it('drops the zero-width glyph of each soft hyphen and keeps the moves', async () => {
    const doc = await pageWith([
      'BT', '/F8 12.66 Tf', '1 0 0 -1 10 20 Tm',
      '<0024> Tj', '/Span<</ActualText <FEFF00AD> >> BDC', '7.7709198 0 Td <0001> Tj', 'EMC',
      '0 0 Td <002F> Tj', '/Span<</ActualText <FEFF00AD> >> BDC', 'EMC', 'ET', '',
    ].join('\n'))
    dropSoftHyphens(doc)
    expect(contentOf(doc)).toBe(['BT', '/F8 12.66 Tf', '1 0 0 -1 10 20 Tm', '<0024> Tj', '7.7709198 0 Td 0 0 Td <002F> Tj', 'ET', ''].join('\n'))
  })

  it('takes soft hyphens out of the replacement text of a ligature and leaves other text alone', async () => {
    const doc = await pageWith('/Span<</ActualText <FEFF006600AD0066> >> BDC\n<0050> Tj\nEMC\n/Span<</ActualText <FEFF2019> >> BDC\n<0051> Tj\nEMC\n')
    dropSoftHyphens(doc)
    expect(contentOf(doc)).toBe('/Span<</ActualText <FEFF00660066> >> BDC\n<0050> Tj\nEMC\n/Span<</ActualText <FEFF2019> >> BDC\n<0051> Tj\nEMC\n')
  })
})
