/**
 * Chromium names the structure elements that header cells point at by the renderer's DOM node
 * ids, which grow with every page a renderer has printed: the same page, printed after another on
 * the same print page (a batch build, watch), must still give the same bytes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { printPdf } from '../../src/pdf/print.ts'
import type { PdfInfo } from '../../src/pdf/render.ts'
import { closeBrowser, warmBrowser } from '../../src/pdf/warm.ts'

const INFO: PdfInfo = { title: 'A table', authors: [], keywords: [], lang: 'en' }
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-structure-ids-'))
afterAll(async () => {
  await closeBrowser()
  fs.rmSync(scratch, { recursive: true, force: true })
})

function page(name: string, rows: number): string {
  const dir = path.join(scratch, name)
  fs.mkdirSync(dir)
  const body = Array.from({ length: rows }, (_, row) => `<tr><td>${row}</td><td>${row * 2}</td></tr>`).join('')
  fs.writeFileSync(path.join(dir, 'page.html'), `<!doctype html><html lang="en"><title>A table</title><body>
    <p>Before the table.</p><table><thead><tr><th>One</th><th>Two</th></tr></thead><tbody>${body}</tbody></table></body></html>`)
  return path.join(dir, 'page.html')
}

describe('structure element ids', () => {
  it('are the same whatever the print page printed before, and the ID tree names them', async () => {
    const table = page('table', 3)
    const first = await printPdf(warmBrowser, table, INFO)
    await printPdf(warmBrowser, page('other', 40), INFO)
    expect(Buffer.from(await printPdf(warmBrowser, table, INFO)).equals(Buffer.from(first))).toBe(true)

    const doc = await PDFDocument.load(first, { updateMetadata: false })
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict)
    const names = root.lookup(PDFName.of('IDTree'), PDFDict).lookup(PDFName.of('Names'), PDFArray)
    const ids = names.asArray().filter((_, index) => index % 2 === 0).map((id) => doc.context.lookup(id)!.toString())
    expect(ids).toEqual(['(node00000001)', '(node00000002)'])
    // Every cell's header is one of them.
    const headers = new Set<string>()
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object.lookup(PDFName.of('S'))?.toString() !== '/TD') continue
      const attributes = object.lookup(PDFName.of('A'))
      for (const owner of attributes instanceof PDFArray ? attributes.asArray().map((item) => doc.context.lookup(item)) : [attributes]) {
        const list = owner instanceof PDFDict ? owner.lookupMaybe(PDFName.of('Headers'), PDFArray) : undefined
        list?.asArray().forEach((id) => headers.add(id.toString()))
      }
    }
    expect([...headers].sort()).toEqual(ids)
  }, 120_000)
})
