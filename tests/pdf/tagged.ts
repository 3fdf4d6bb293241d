/**
 * A PDF's logical structure as an assistive technology reads it, through MuPDF (an independent
 * reader): the structure tree, the outline, the catalog's language and XMP, and whether any mark
 * on a page is outside both the tree and the artifacts.
 */
import * as mupdf from 'mupdf'

export interface StructNode {
  type: string
  alt?: string
  lang?: string
  id?: string
  kids: StructNode[]
}

export interface OutlineEntry {
  title: string
  kids: OutlineEntry[]
}

export interface Tagged {
  lang?: string
  roleMap: Record<string, string>
  tree: StructNode[]
  outline: OutlineEntry[]
  xmp?: string
  /** Painting operators outside any marked-content sequence, per page (should be none). */
  unmarked: { page: number; operator: string }[]
  /** Marked-content sequences that are artifacts, per page. */
  artifacts: number
}

const text = (object: mupdf.PDFObject): string | undefined => (object.isNull() ? undefined : object.asString())

export function readTagged(pdf: Uint8Array): Tagged {
  const doc = mupdf.PDFDocument.openDocument(pdf, 'application/pdf') as mupdf.PDFDocument
  const root = doc.getTrailer().get('Root')
  const structRoot = root.get('StructTreeRoot')
  const roleMap: Record<string, string> = {}
  structRoot.get('RoleMap').forEach((value, key) => { roleMap[String(key)] = value.asName() })
  const walk = (object: mupdf.PDFObject): StructNode[] => {
    if (object.isArray()) {
      const nodes: StructNode[] = []
      object.forEach((item) => { nodes.push(...walk(item)) })
      return nodes
    }
    if (!object.isDictionary() || object.get('S').isNull()) return []
    return [{
      type: object.get('S').asName(),
      alt: text(object.get('Alt')),
      lang: text(object.get('Lang')),
      id: text(object.get('ID')),
      kids: walk(object.get('K')),
    }]
  }
  type Item = { title?: string; down?: Item[] }
  const outline = (items: Item[] | null | undefined): OutlineEntry[] =>
    (items ?? []).map((item) => ({ title: item.title ?? '', kids: outline(item.down) }))
  const unmarked: Tagged['unmarked'] = []
  let artifacts = 0
  for (let page = 0; page < doc.countPages(); page++) {
    const contents = doc.findPage(page).get('Contents')
    const streams: mupdf.PDFObject[] = []
    if (contents.isArray()) contents.forEach((item) => { streams.push(item) })
    else streams.push(contents)
    for (const stream of streams) {
      const scan = scanMarks(stream.readStream().asString())
      artifacts += scan.artifacts
      unmarked.push(...scan.unmarked.map((operator) => ({ page: page + 1, operator })))
    }
  }
  const metadata = root.get('Metadata')
  return {
    lang: text(root.get('Lang')),
    roleMap,
    tree: walk(structRoot.get('K')),
    outline: outline(doc.loadOutline() as Item[] | null),
    xmp: metadata.isNull() ? undefined : metadata.readStream().asString(),
    unmarked,
    artifacts,
  }
}

/** Tokens of a content stream: strings, names, dictionaries and operators (enough to count marks). */
function scanMarks(content: string): { unmarked: string[]; artifacts: number } {
  const tokens = content.match(/\((?:\\.|[^\\)])*\)|<<|>>|<[0-9A-Fa-f\s]*>|\/[^\s/<>[\]()]+|[^\s/<>[\]()]+|\[|\]/g) ?? []
  const unmarked: string[] = []
  let depth = 0
  let artifacts = 0
  let last = ''
  for (const token of tokens) {
    if (token === 'BDC' || token === 'BMC') {
      depth++
      if (last === '/Artifact') artifacts++
    } else if (token === 'EMC') depth--
    else if (depth === 0 && /^(?:f\*?|F|B\*?|b\*?|S|s|Tj|TJ|'|"|Do|sh)$/.test(token)) unmarked.push(token)
    last = token
  }
  return { unmarked, artifacts }
}

/** Every node of the tree, depth first. */
export function allNodes(nodes: StructNode[]): StructNode[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.kids)])
}

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), which PDF/UA-1 readers know. */
export const PDF17_TYPES = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody',
  'TFoot', 'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu',
  'WT', 'WP', 'Figure', 'Formula', 'Form',
])
