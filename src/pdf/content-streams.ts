/** Rewriting the text of each page's content streams in a PDF that pdf-lib loaded. */
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument } from 'pdf-lib'

/**
 * Calls `rewrite` with each content stream's operators as text (Latin-1, so bytes round-trip)
 * and stores what it returns, re-compressed, where the stream was.
 */
export function rewriteContentStreams(doc: PDFDocument, rewrite: (content: string) => string): void {
  for (const page of doc.getPages()) {
    // The page's own entry, a reference or an array of them, so each stream is replaced where it is.
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue
      const stream = doc.context.lookup(ref)
      if (!(stream instanceof PDFRawStream)) continue
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
      const rewritten = rewrite(text)
      if (rewritten !== text) doc.context.assign(ref, doc.context.flateStream(Buffer.from(rewritten, 'latin1')))
    }
  }
}
