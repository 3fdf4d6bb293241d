/** Rewriting the text of each page's content streams in a PDF that pdf-lib loaded. */
import { deflateSync, inflateSync } from 'node:zlib'
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument } from 'pdf-lib'

/**
 * Calls each of `rewrites` in turn with each content stream's operators as text (Latin-1, so
 * bytes round-trip) and stores what they return, re-compressed, where the stream was. The
 * streams are decoded and compressed once for all the rewrites, with Node's zlib: pdf-lib's
 * JavaScript inflate and deflate took a cold build a tenth of a second for two pages.
 */
export function rewriteContentStreams(doc: PDFDocument, ...rewrites: Array<(content: string) => string>): void {
  for (const page of doc.getPages()) {
    // The page's own entry, a reference or an array of them, so each stream is replaced where it is.
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue
      const stream = doc.context.lookup(ref)
      if (!(stream instanceof PDFRawStream)) continue
      const text = Buffer.from(decode(stream)).toString('latin1')
      const rewritten = rewrites.reduce((content, rewrite) => rewrite(content), text)
      if (rewritten === text) continue
      const compressed = deflateSync(Buffer.from(rewritten, 'latin1'))
      doc.context.assign(ref, PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode', Length: compressed.length }), compressed))
    }
  }
}

/** Chromium's streams are plain Flate; anything else is left to pdf-lib's decoders. */
function decode(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'))
  const plainFlate = filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))
  return plainFlate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode()
}
