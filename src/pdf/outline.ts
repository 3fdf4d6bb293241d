/**
 * The PDF outline (bookmarks) as the page's headings: their text with its spaces, nested by
 * level. Chromium's own outline joins the words a heading's line breaks separate ("an
 * Aquarium" becomes "anAquarium") and nests by its own rules; its items and destinations are
 * kept, one per heading, and given the heading's text and place.
 */
import { PDFDict, PDFName, PDFNumber, PDFRef, PDFHexString, type PDFDocument } from 'pdf-lib'
import type { PrintedHeading } from './print-marks.ts'

interface Item {
  ref: PDFRef
  dict: PDFDict
  level: number
}

export function fixOutline(doc: PDFDocument, headings: PrintedHeading[]): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  if (!outlines) return
  const items = flatten(doc, outlines)
  if (items.length !== headings.length) {
    throw new Error(`The PDF outline has ${items.length} entries for ${headings.length} headings: Chromium's outline changed; Galley cannot name them.`)
  }
  const entries: Item[] = items.map((item, index) => {
    item.dict.set(PDFName.of('Title'), PDFHexString.fromText(headings[index].text))
    for (const key of ['First', 'Last', 'Next', 'Prev', 'Count']) item.dict.delete(PDFName.of(key))
    return { ...item, level: headings[index].level }
  })
  // Each entry's parent is the nearest earlier entry of a lower level, else the outline root.
  const stack: Array<{ ref?: PDFRef; dict: PDFDict; level: number; last?: Item }> = [
    { dict: outlines, level: 0 },
  ]
  for (const entry of entries) {
    while (stack.length > 1 && stack[stack.length - 1].level >= entry.level) stack.pop()
    const parent = stack[stack.length - 1]
    entry.dict.set(PDFName.of('Parent'), parent.ref ?? doc.catalog.get(PDFName.of('Outlines'))!)
    if (parent.last) {
      parent.last.dict.set(PDFName.of('Next'), entry.ref)
      entry.dict.set(PDFName.of('Prev'), parent.last.ref)
    } else {
      parent.dict.set(PDFName.of('First'), entry.ref)
    }
    parent.dict.set(PDFName.of('Last'), entry.ref)
    parent.last = entry
    stack.push({ ref: entry.ref, dict: entry.dict, level: entry.level })
  }
  for (const entry of entries) {
    const children = countChildren(entry.dict, doc)
    if (children > 0) entry.dict.set(PDFName.of('Count'), PDFNumber.of(children))
  }
  outlines.set(PDFName.of('Count'), PDFNumber.of(entries.length))
}

/** Outline items depth first, as Chromium wrote them (one per heading, in page order). */
function flatten(doc: PDFDocument, parent: PDFDict): Omit<Item, 'level'>[] {
  const found: Omit<Item, 'level'>[] = []
  for (let ref = parent.get(PDFName.of('First')); ref instanceof PDFRef;) {
    const dict = doc.context.lookup(ref, PDFDict)
    found.push({ ref, dict }, ...flatten(doc, dict))
    ref = dict.get(PDFName.of('Next'))
  }
  return found
}

/** Open entries show all descendants: Count is their number. */
function countChildren(dict: PDFDict, doc: PDFDocument): number {
  let count = 0
  for (let ref = dict.get(PDFName.of('First')); ref instanceof PDFRef;) {
    const child = doc.context.lookup(ref, PDFDict)
    count += 1 + countChildren(child, doc)
    ref = child.get(PDFName.of('Next'))
  }
  return count
}
