/**
 * The structure tree Chromium writes, brought to what PDF/UA-1 readers expect.
 *
 * Chromium tags from the page's accessibility tree, which loses some roles: list items under
 * `doc-bibliography` or `doc-endnotes` come out as NonStruct, `<figure>` wraps the image's
 * Figure in a second Figure without alt text, sections are NonStruct, and PDF 2.0 types (Aside,
 * Em, Strong) appear without a role map. The print page tells this step what an element is
 * through a private-use language subtag (`lang="en-x-galley-note"`, see print-marks.ts), the
 * one attribute Chromium copies into the tree verbatim; the subtag is removed here.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from 'pdf-lib'

export const MARK_PREFIX = '-x-galley-'

/** What each mark makes of its element. */
const MARKED_ROLES: Record<string, string> = { note: 'Note', sect: 'Sect', div: 'Div' }

/** PDF 2.0 types Chromium writes, mapped to the PDF 1.7 type a PDF/UA-1 reader knows. */
const ROLE_MAP: Record<string, string> = {
  Aside: 'Div', Em: 'Span', Strong: 'Span', Title: 'P', FENote: 'Note', Sub: 'Span', DocumentFragment: 'Div', Artifact: 'Span',
}

interface Element {
  dict: PDFDict
  ref?: PDFRef
  parent?: Element
}

export function fixStructure(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!root) return
  const used = new Set<string>()
  const ids: [string, PDFRef][] = []
  const elements: PDFDict[] = []
  const nodeIds = new Map<string, string>()
  const visit = (element: Element) => {
    const { dict } = element
    elements.push(dict)
    const nodeId = renumberNodeId(dict, nodeIds)
    if (nodeId && element.ref) ids.push([nodeId, element.ref])
    const marked = takeMark(dict, element.parent)
    let role = typeOf(dict)
    if (marked && MARKED_ROLES[marked.name]) {
      role = MARKED_ROLES[marked.name]
      dict.set(PDFName.of('S'), PDFName.of(role))
      // List attributes (numbering) no longer apply to what is not a list.
      if (role !== 'L') dict.delete(PDFName.of('A'))
      if (role === 'Note' && marked.id && element.ref) {
        dict.set(PDFName.of('ID'), PDFString.of(marked.id))
        if (nodeId) ids.pop()
        ids.push([marked.id, element.ref])
      }
    }
    const parentRole = element.parent ? typeOf(element.parent.dict) : undefined
    if (role === 'NonStruct' && parentRole === 'L') setType(dict, 'LI')
    let kids = kidsOf(doc, dict)
    if (typeOf(dict) === 'LI') kids = listBody(doc, element, kids)
    // A Figure without alt text around the image's own Figure, or around a table, is a grouping
    // with a caption, not a second figure.
    if (role === 'Figure' && !dict.has(PDFName.of('Alt')) && kids.some((kid) => typeOf(kid.dict) !== 'Caption')) setType(dict, 'Div')
    used.add(typeOf(dict))
    for (const kid of kids) visit({ ...kid, parent: element })
  }
  for (const kid of kidsOf(doc, root)) visit(kid)
  for (const dict of elements) renumberHeaders(dict, nodeIds)
  // Chromium's ID tree names its node ids: rebuilt below from the new ones and the notes'.
  removeTree(doc, root.get(PDFName.of('IDTree')))
  root.delete(PDFName.of('IDTree'))

  const roleMap = doc.context.obj({}) as PDFDict
  for (const type of [...used].sort()) if (ROLE_MAP[type]) roleMap.set(PDFName.of(type), PDFName.of(ROLE_MAP[type]))
  if (roleMap.keys().length > 0) root.set(PDFName.of('RoleMap'), roleMap)
  if (ids.length > 0) {
    ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    root.set(PDFName.of('IDTree'), doc.context.obj({ Names: ids.flatMap(([id, ref]) => [PDFString.of(id), ref]) }))
  }
}

/**
 * Chromium names the elements that header cells refer to (a TH's /ID, a TD's /Headers) by the
 * renderer's DOM node ids, which count every node the renderer has given one since it started:
 * a page printed after others (a batch build's, watch's) got other ids, so other bytes, than the
 * same page printed first. They are numbered again in the tree's order.
 */
function renumberNodeId(dict: PDFDict, nodeIds: Map<string, string>): string | undefined {
  const id = textOf(dict.lookup(PDFName.of('ID')))
  if (id === undefined || !CHROMIUM_ID.test(id)) return undefined
  const next = `node${String(nodeIds.size + 1).padStart(8, '0')}`
  nodeIds.set(id, next)
  dict.set(PDFName.of('ID'), PDFString.of(next))
  return next
}

const CHROMIUM_ID = /^node\d+$/

function renumberHeaders(dict: PDFDict, nodeIds: Map<string, string>): void {
  const attributes = dict.lookup(PDFName.of('A'))
  const owners = attributes instanceof PDFArray ? attributes.asArray().map((item) => dict.context.lookup(item)) : [attributes]
  for (const owner of owners) {
    const headers = owner instanceof PDFDict ? owner.lookupMaybe(PDFName.of('Headers'), PDFArray) : undefined
    if (!headers) continue
    for (let index = 0; index < headers.size(); index++) {
      const renamed = nodeIds.get(textOf(headers.lookup(index)) ?? '')
      if (renamed) headers.set(index, PDFString.of(renamed))
    }
  }
}

function textOf(value: unknown): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined
}

/** A name tree's nodes, so that none of it is written into the file. */
function removeTree(doc: PDFDocument, node: unknown): void {
  const dict = node instanceof PDFRef ? doc.context.lookup(node) : node
  if (!(dict instanceof PDFDict)) return
  const kids = dict.lookupMaybe(PDFName.of('Kids'), PDFArray)
  for (const kid of kids?.asArray() ?? []) removeTree(doc, kid)
  if (node instanceof PDFRef) doc.context.delete(node)
}

/**
 * An item's label stays; everything else goes into one LBody: the NonStruct Chromium wrote, or a
 * new LBody around its several kids (text and links). Items that hold marked content directly
 * are left as they are (moving that would mean rewriting the parent tree).
 */
function listBody(doc: PDFDocument, item: Element, kids: Element[]): Element[] {
  const body = kids.filter((kid) => typeOf(kid.dict) !== 'Lbl')
  if (body.length === 0 || !item.ref) return kids
  if (body.length === 1 && typeOf(body[0].dict) === 'NonStruct') {
    setType(body[0].dict, 'LBody')
    return kids
  }
  const k = item.dict.get(PDFName.of('K'))
  const items = k instanceof PDFArray ? k.asArray() : k ? [k] : []
  if (items.length !== kids.length || body.some((kid) => !kid.ref)) return kids
  const lbody = doc.context.obj({ Type: 'StructElem', S: 'LBody', P: item.ref, K: body.map((kid) => kid.ref!) }) as PDFDict
  const lbodyRef = doc.context.register(lbody)
  for (const kid of body) kid.dict.set(PDFName.of('P'), lbodyRef)
  const labels = kids.filter((kid) => typeOf(kid.dict) === 'Lbl')
  item.dict.set(PDFName.of('K'), doc.context.obj([...labels.map((kid) => kid.ref!), lbodyRef]))
  return [...labels, { dict: lbody, ref: lbodyRef }]
}

function typeOf(dict: PDFDict): string {
  return dict.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() ?? ''
}

function setType(dict: PDFDict, type: string): void {
  dict.set(PDFName.of('S'), PDFName.of(type))
}

/** The structure elements among an element's kids (marked-content references are left alone). */
function kidsOf(doc: PDFDocument, dict: PDFDict): Element[] {
  const k = dict.get(PDFName.of('K'))
  const items = k instanceof PDFArray ? k.asArray() : k ? [k] : []
  const kids: Element[] = []
  for (const item of items) {
    const ref = item instanceof PDFRef ? item : undefined
    const kid = ref ? doc.context.lookup(ref) : item
    if (kid instanceof PDFDict && kid.has(PDFName.of('S'))) kids.push({ dict: kid, ref })
  }
  return kids
}

/**
 * Reads and removes the print page's mark from /Lang: "en-x-galley-note-fn1" is a Note with ID
 * "fn1" in English. The language stays only where it differs from the parent's.
 */
function takeMark(dict: PDFDict, parent: Element | undefined): { name: string; id?: string } | undefined {
  const lang = langOf(dict)
  const at = lang?.indexOf(MARK_PREFIX) ?? -1
  if (!lang || at < 0) return undefined
  const [name, ...id] = lang.slice(at + MARK_PREFIX.length).split('-')
  const own = lang.slice(0, at)
  if (own && own !== inheritedLang(parent)) dict.set(PDFName.of('Lang'), PDFString.of(own))
  else dict.delete(PDFName.of('Lang'))
  return { name, id: id.length > 0 ? decodeId(id.join('-')) : undefined }
}

function langOf(dict: PDFDict): string | undefined {
  return textOf(dict.lookup(PDFName.of('Lang')))
}

function inheritedLang(element: Element | undefined): string | undefined {
  for (let at = element; at; at = at.parent) {
    const lang = langOf(at.dict)
    if (lang) return lang
  }
  return undefined
}

/** Language subtags are 1–8 letters or digits, so an HTML id travels hex-encoded in 8-digit pieces. */
export function encodeId(id: string): string {
  const hex = Buffer.from(id, 'utf8').toString('hex')
  return hex.match(/.{1,8}/g)?.join('-') ?? ''
}

function decodeId(encoded: string): string {
  return Buffer.from(encoded.replaceAll('-', ''), 'hex').toString('utf8')
}
