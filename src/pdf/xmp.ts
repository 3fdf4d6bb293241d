/**
 * XMP metadata that says what the Info dictionary says (PDF/UA-1 wants the title in XMP, and
 * readers take XMP over Info): title, authors, subject, keywords, language, tool and dates.
 */
import type { Element } from 'xast'
import { x } from 'xastscript'
import { toXml } from 'xast-util-to-xml'
import { PDFName, type PDFDocument } from 'pdf-lib'

export interface XmpFacts {
  title: string
  authors: string[]
  subject?: string
  keywords: string[]
  lang: string
  creator: string
  producer: string
  date?: Date
}

const NAMESPACES = {
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:pdf': 'http://ns.adobe.com/pdf/1.3/',
  'xmlns:xmp': 'http://ns.adobe.com/xap/1.0/',
}

export function xmpPacket(facts: XmpFacts): string {
  const alt = (text: string) => x('rdf:Alt', [x('rdf:li', { 'xml:lang': 'x-default' }, text)])
  const list = (kind: 'rdf:Seq' | 'rdf:Bag', values: string[]) => x(kind, values.map((value) => x('rdf:li', value)))
  // Second precision, as the Info dictionary's dates have.
  const date = facts.date?.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const properties: Element[] = [
    x('dc:format', 'application/pdf'),
    x('dc:title', [alt(facts.title)]),
    ...(facts.authors.length ? [x('dc:creator', [list('rdf:Seq', facts.authors)])] : []),
    ...(facts.subject ? [x('dc:description', [alt(facts.subject)])] : []),
    ...(facts.keywords.length ? [x('dc:subject', [list('rdf:Bag', facts.keywords)]), x('pdf:Keywords', facts.keywords.join(', '))] : []),
    x('dc:language', [list('rdf:Bag', [facts.lang])]),
    x('pdf:Producer', facts.producer),
    x('xmp:CreatorTool', facts.creator),
    ...(date ? [x('xmp:CreateDate', date), x('xmp:ModifyDate', date), x('xmp:MetadataDate', date)] : []),
  ]
  return toXml([
    { type: 'instruction', name: 'xpacket', value: 'begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"' },
    x('x:xmpmeta', { 'xmlns:x': 'adobe:ns:meta/' }, [
      x('rdf:RDF', { 'xmlns:rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' }, [
        x('rdf:Description', { 'rdf:about': '', ...NAMESPACES }, properties),
      ]),
    ]),
    { type: 'instruction', name: 'xpacket', value: 'end="r"' },
  ])
}

/** Uncompressed, as XMP-aware tools scan for the packet. */
export function setXmp(doc: PDFDocument, facts: XmpFacts): void {
  const stream = doc.context.stream(Buffer.from(xmpPacket(facts), 'utf8'), { Type: 'Metadata', Subtype: 'XML' })
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream))
}
