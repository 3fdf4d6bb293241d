/**
 * Print the journal HTML page to PDF with a (warm) browser, then fix up metadata with pdf-lib so
 * the bytes depend only on the HTML and `PdfInfo`.
 */
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib'
import type { Browser, Page } from 'puppeteer-core'
import { wrapUntagged } from './artifacts.ts'
import { rewriteContentStreams } from './content-streams.ts'
import { fixOutline } from './outline.ts'
import { keepPlaceholders, type PassThrough, PlaceholderNotKept, placeholdersIn, restoreImages } from './print-images.ts'
import { printedHeadings, type PrintedHeading } from './print-marks.ts'
import { printMarkupOf, type PrintMarkup } from './print-markup.ts'
import type { PageParts } from './print-shell.ts'
import { allowed, discardPrintPage, leasePrintPage, releasePrintPage, type PrintPage } from './print-page.ts'
import { fixStructure } from './structure.ts'
import { withoutSoftHyphens } from './text-layer.ts'
import { setXmp } from './xmp.ts'

export interface PdfInfo {
  title: string
  authors: string[]
  subject?: string
  keywords: string[]
  /** BCP 47 tag for the catalog's /Lang, e.g. "en". */
  lang: string
  /** Written as CreationDate and ModDate, so rebuilding gives the same bytes; without one the PDF has no dates. */
  date?: Date
}

export interface RenderOptions {
  /** Milliseconds for loading and for printing, each (default 60 s). */
  timeout?: number
  /** Told about every request that was aborted (outside the HTML's folder, or not `file:`/`data:`). */
  onBlockedRequest?: (url: string) => void
  /**
   * Told once the render needs the browser no more, before the PDF is finished: a build that
   * ends after it lets the browser go then, while this process finishes the PDF. Not told when the
   * render is not sure of that until the PDF is finished.
   */
  onPrinted?: () => void
  /**
   * The print page's markup (print-markup.ts), made from the HTML file's tree ahead of the render;
   * else made here from the file.
   */
  markup?: PrintMarkup
}

/** One render's page: where it is written, what it holds, and how it is loaded. */
interface PrintJob {
  /** The print page's file, beside the HTML file. */
  file: string
  markup: PrintMarkup
  timeout: number
  onBlocked?: (url: string) => void
}

export async function renderPdf(
  browser: Browser,
  htmlFile: string,
  info: PdfInfo,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const file = resolve(htmlFile)
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new Error(`HTML for the PDF not found: ${file}`)
  const folder = dirname(file)
  const version = versionOf(browser)
  version.catch(() => {}) // awaited below
  const markup = options.markup ?? printMarkupOf(readFileSync(file, 'utf8'), file)
  // Beside the HTML file: its relative URLs resolve into its folder, which the page is confined to.
  const job: PrintJob = {
    file: join(folder, `.galley-print-${process.pid}-${basename(file)}`),
    markup,
    timeout: options.timeout ?? 60_000,
    onBlocked: options.onBlockedRequest,
  }
  writeFileSync(job.file, markup.html)
  try {
    const printed = await printOnPage(browser, job, true)
    const browserVersion = await version
    // As good as always; else the page may be printed again, without placeholders.
    if (placeholdersIn(printed.raw, printed.swapped)) options.onPrinted?.()
    try {
      return await finish(printed, info, browserVersion, folder)
    } catch (error) {
      if (!(error instanceof PlaceholderNotKept)) throw error
      const again = await printOnPage(browser, job, false)
      options.onPrinted?.()
      return finish(again, info, browserVersion, folder)
    }
  } finally {
    rmSync(job.file, { force: true })
  }
}

interface Printed {
  raw: Uint8Array
  headings: PrintedHeading[]
  /** The PNGs printed as placeholders, whose pixels go into the PDF after. */
  swapped: PassThrough[]
}

/**
 * Prints on a print page of the browser. The page is the render's alone until the PDF is
 * printed: another render takes it while this one's PDF is finished.
 */
async function printOnPage(browser: Browser, job: PrintJob, placeholders: boolean): Promise<Printed> {
  const printPage = await leasePrintPage(browser)
  let printed: Printed
  try {
    const printing = print(printPage, job, placeholders)
    printing.catch(() => {}) // a crashed page's work ends in errors once the page is closed
    printed = await Promise.race([printing, printPage.crashed])
  } catch (error) {
    // A page in an unknown state is not reused.
    await discardPrintPage(browser, printPage)
    throw error
  }
  releasePrintPage(browser, printPage)
  return printed
}

/** Prints the job's page, Chromium's PDF and the headings as they read, for the outline. */
async function print(printPage: PrintPage, job: PrintJob, placeholders: boolean): Promise<Printed> {
  const { shell, swapped } = await show(printPage, job, placeholders)
  const { page } = printPage
  const headings = await printedHeadings(page)
  const raw = await page.pdf({
    preferCSSPageSize: true,
    format: 'A4', // only used when the CSS has no @page size
    printBackground: true,
    tagged: true,
    outline: true,
    displayHeaderFooter: false,
    timeout: job.timeout,
  })
  if (shell) printPage.shown = { shell, folder: dirname(job.file) }
  return { raw, headings, swapped }
}

/**
 * Brings the print page to `file`, settled: its new body and head elements put into the page
 * printed last when only those differ (see patchPage), else the page loaded anew; the figures'
 * placeholders in its markup kept where they can be (with `placeholders`), the PNGs put back
 * elsewhere (print-images.ts). Returns the page's shell and the PNGs whose placeholders were kept.
 */
async function show(printPage: PrintPage, { file, markup, timeout, onBlocked }: PrintJob, placeholders: boolean): Promise<{ shell?: string; swapped: PassThrough[] }> {
  const { page } = printPage
  // A page behind another tab of the browser is hidden, and Chromium never finishes decoding a
  // hidden page's images (img.decode() waits for a frame that is not drawn): the render would
  // wait for its deadline.
  await page.bringToFront()
  const folder = dirname(file)
  const shown = printPage.shown
  printPage.shown = undefined
  const next = markup.parts
  const patchable = next !== undefined && shown?.shell === next.shell
  // Blocked requests into the folder printed last are the patched page's own style sheets
  // asking for a font there: the page is loaded anew then, and they are not the page's doing.
  // A page loaded anew asking for a file there (a reused page, the last manuscript's folder) is.
  await printPage.confine(folder, patchable && onBlocked ? (url) => allowed(url, shown!.folder) || onBlocked(url) : onBlocked)
  const patched = patchable && (await patchPage(page, file, next))
  if (!patched) await load(page, file, timeout)
  let swapped = await keepPlaceholders(page, markup.placeholders, placeholders)
  if (!(await settle(page, patched))) {
    // A face the new text needs that the page printed last had not loaded: its URL is in the
    // old folder, which is gone.
    await load(page, file, timeout)
    swapped = await keepPlaceholders(page, markup.placeholders, placeholders)
    await settle(page, false)
  }
  await printPage.confine(folder, onBlocked)
  return { shell: next?.shell, swapped }
}

/**
 * Navigates to the page. Its images (the figures' placeholders, `data:` URLs in the markup) are
 * decoded as soon as its document is parsed, while its style sheets and fonts load: settle waits
 * for those decodes, which took it tens of milliseconds after the load.
 */
async function load(page: Page, file: string, timeout: number): Promise<void> {
  const decodeImages = () => void page.evaluate(() => void [...document.images].map((img) => img.decode().catch(() => {}))).catch(() => {})
  page.once('domcontentloaded', decodeImages)
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout })
  } finally {
    page.off('domcontentloaded', decodeImages)
  }
}

/**
 * Puts the page's new body and head elements (print-shell.ts) into the page printed last, whose
 * shell was the same, instead of loading it anew (a tenth of a second of Chromium's time for the
 * letter: parsing, styles, two dozen files, fonts decoded again). The base URL becomes the new
 * file's, so the body's relative URLs (figures, links) resolve into its folder and its fragment
 * links stay links within the document. False when the page cannot take it.
 */
async function patchPage(page: Page, file: string, { headElements, headSwaps, body }: PageParts): Promise<boolean> {
  return page.evaluate((href, count, swaps, markup) => {
    const { head } = document
    if (!head || !document.body) return false
    // The base element is patching's own: the pages have none (print-shell.ts).
    const elements = [...head.children].filter((element) => element.localName !== 'base')
    if (elements.length !== count) return false
    const targets = swaps.map((swap) => elements[swap.index])
    if (targets.some((element, index) => element.localName !== swaps[index].tagName)) return false
    let base = head.querySelector('base')
    if (!base) head.prepend((base = document.createElement('base')))
    base.href = href
    targets.forEach((element, index) => {
      const template = document.createElement('template')
      template.innerHTML = swaps[index].html
      element.replaceWith(template.content)
    })
    document.body.innerHTML = markup
    return true
  }, pathToFileURL(file).href, headElements, headSwaps, body).catch(() => false)
}

const versions = new WeakMap<Browser, Promise<string>>()

/** The browser's version, asked once. */
function versionOf(browser: Browser): Promise<string> {
  let version = versions.get(browser)
  if (!version) versions.set(browser, (version = browser.version()))
  return version
}

/**
 * Bring the page to a state that does not depend on timing, then check the fonts.
 * - Every web font the page's text is set in: laid out with print styles, the page requests
 *   those itself (`document.fonts.ready` waits for them).
 * - The fonts of the margin boxes, which are laid out only while printing: a font first needed
 *   there would be printed with a fallback. Each face of a family a margin box (or the page box
 *   it inherits from) names, whose characters the page could show there (its text, its style
 *   sheets' strings, page numbers). Where the margin boxes cannot be read (an older browser, a
 *   family given by a variable), every declared face, as Galley did for all pages before.
 * - Decode every image: Chromium skips painting a background under an image it already knows is
 *   opaque, so undecoded images made repeated renders of the same page differ.
 * page.evaluate runs through CDP, which works while the page's own scripts are disabled.
 * False, instead of an error, for a font that failed to load into a patched page.
 */
async function settle(page: Page, patched: boolean): Promise<boolean> {
  // Serialised into the page: no named inner functions (the TypeScript loader would wrap those
  // in a helper the page lacks), loops instead of recursion.
  const failed = await page.evaluate(async () => {
    void document.documentElement.offsetHeight
    await document.fonts.ready
    const families = new Set<string>()
    let everyFace = false
    let text = document.documentElement.outerHTML
    const rules: CSSRule[] = []
    for (const sheet of document.styleSheets) {
      try {
        rules.push(...sheet.cssRules)
      } catch {
        everyFace = true // a sheet this page may not read
      }
    }
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index]
      text += rule.cssText
      const page = rule instanceof CSSPageRule
      if (page && !rule.cssRules) everyFace = true // margin rules not exposed: cannot tell their fonts
      if (page || rule.constructor.name === 'CSSMarginRule') {
        const style = (rule as CSSPageRule).style
        const family = style.getPropertyValue('font-family')
        if (/var\(/i.test(style.getPropertyValue('font') + family)) everyFace = true
        for (const name of family.split(',')) families.add(name.trim().replace(/^["']|["']$/g, '').toLowerCase())
      }
      try {
        const nested = rule instanceof CSSImportRule ? rule.styleSheet?.cssRules : (rule as CSSGroupingRule).cssRules
        if (nested) rules.push(...nested)
      } catch {
        everyFace = true
      }
    }
    // What the margin boxes inherit when they name no family.
    for (const name of getComputedStyle(document.documentElement).fontFamily.split(',')) {
      families.add(name.trim().replace(/^["']|["']$/g, '').toLowerCase())
    }
    // Page numbers in any counter style.
    for (let code = 0x20; code < 0x7f; code++) text += String.fromCharCode(code)
    const characters = new Set<number>()
    for (const char of text) characters.add(char.codePointAt(0)!)
    const wanted = [...document.fonts].filter((face) => {
      if (face.status !== 'unloaded') return false
      if (everyFace) return true
      if (!families.has(face.family.replace(/^["']|["']$/g, '').toLowerCase())) return false
      return face.unicodeRange.split(',').some((range) => {
        const [from, to = from] = range.trim().replace(/^U\+/i, '').split('-')
        const low = parseInt(from.replace(/\?/g, '0'), 16)
        const high = parseInt(to.replace(/\?/g, 'F'), 16)
        for (const code of characters) if (code >= low && code <= high) return true
        return false
      })
    })
    await Promise.all(wanted.map((face) => face.load().catch(() => {})))
    await document.fonts.ready
    await Promise.all([...document.images].map((img) => img.decode().catch(() => {})))
    return [...document.fonts].filter((face) => face.status === 'error').map((face) => face.family)
  })
  if (failed.length > 0 && patched) return false
  if (failed.length > 0) {
    throw new Error(
      `Web fonts for the PDF failed to load: ${[...new Set(failed)].join(', ')}. ` +
        'Fonts must be files inside the HTML file\'s folder (other URLs are blocked).',
    )
  }
  return true
}

/**
 * Chromium writes a relative link (`supplementary/table-s1.csv`) as an
 * absolute file: URL into the folder it printed from, a staging folder that
 * is gone after the build. Made relative again, the link works wherever the
 * PDF and the files beside it are, and names no folder of this machine.
 */
function relativeFileLinks(doc: PDFDocument, folder: string): void {
  for (const page of doc.getPages()) {
    const annotations = page.node.Annots()
    for (let index = 0; index < (annotations?.size() ?? 0); index++) {
      const action = annotations!.lookupMaybe(index, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict)
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText()
      if (!action || !uri?.startsWith('file:')) continue
      let url: URL
      try {
        url = new URL(uri)
      } catch {
        continue
      }
      const path = relative(folder, fileURLToPath(url)).split(sep).map(encodeURIComponent).join('/')
      action.set(PDFName.of('URI'), PDFString.of(path + url.hash))
    }
  }
}

// Chromium rounds the page to its print raster (CSS A4 comes out as 594.96 × 841.92 pt), so snap
// near-misses back to the exact paper size; the shift is under 0.4 pt.
const PAPER_SIZES: [number, number][] = [
  [841.89, 1190.55], // A3
  [595.28, 841.89], // A4
  [419.53, 595.28], // A5
  [612, 792], // Letter
  [612, 1008], // Legal
]

async function finish({ raw, headings, swapped }: Printed, info: PdfInfo, browserVersion: string, folder: string): Promise<Uint8Array> {
  // updateMetadata: false, or pdf-lib stamps its own Producer and the current time. Parsed and
  // saved without yielding to the event loop every hundred objects.
  const doc = await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
  restoreImages(doc, swapped)
  doc.setTitle(info.title, { showInWindowTitleBar: true })
  if (info.authors.length) doc.setAuthor(info.authors.join(', '))
  if (info.subject) doc.setSubject(info.subject)
  // pdf-lib joins keywords with spaces, which splits multi-word keywords; commas keep them whole.
  if (info.keywords.length) doc.setKeywords([info.keywords.join(', ')])
  const producer = `Galley (Chromium ${browserVersion.replace(/^.*\//, '')})`
  doc.setCreator('Galley')
  doc.setProducer(producer)
  setXmp(doc, { ...info, creator: 'Galley', producer })
  if (info.date) {
    doc.setCreationDate(info.date)
    doc.setModificationDate(info.date)
  } else {
    // Chromium's own dates are the time of printing: not reproducible.
    const infoDict = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict)
    infoDict.delete(PDFName.of('CreationDate'))
    infoDict.delete(PDFName.of('ModDate'))
  }
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(info.lang))
  // Soft hyphens out first: their spans are marked content, which the artifact step leaves alone.
  rewriteContentStreams(doc, withoutSoftHyphens, wrapUntagged)
  fixStructure(doc)
  fixOutline(doc, headings)
  relativeFileLinks(doc, folder)

  for (const page of doc.getPages()) {
    const { width, height } = page.getMediaBox()
    const paper = PAPER_SIZES.flatMap(([w, h]) => [[w, h], [h, w]]).find(
      ([w, h]) => Math.abs(w - width) < 1 && Math.abs(h - height) < 1,
    )
    if (paper) page.setMediaBox(0, 0, paper[0], paper[1])
  }

  // Chromium writes no /ID; derive one from what the bytes depend on, so identical input gives
  // identical bytes without saving twice: the streams (pages, fonts, images) carry no dates.
  const hash = createHash('sha256').update(JSON.stringify(info))
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream) hash.update(object.contents)
  }
  const id = PDFHexString.of(hash.digest('hex').slice(0, 32))
  doc.context.trailerInfo.ID = doc.context.obj([id, id])
  // Without object streams, which pdf-lib compresses in JavaScript (half of the save of a cold
  // build): the file is the size Chromium wrote, about a seventh larger than with them.
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity })
}
