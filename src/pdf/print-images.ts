/**
 * Figures printed without Chromium compressing them again. Chromium's print compositor, a
 * process started for every PDF, decodes each raster image of the page and deflates its pixels
 * anew: for the letter's three figures (9.6 MB of pixels) about a tenth of a second of CPU, most
 * of a warm print. A JPEG it embeds as it is. So the print page shows, instead of each PNG that a
 * PDF can hold as it is (8-bit grey or RGB, not interlaced, no transparency, no colour chunk), a
 * grey JPEG of the same pixel size, unique to the PNG's bytes; once printed, the PDF step puts the
 * PNG's own compressed pixels (its IDAT, with the PNG predictors as the stream's DecodeParms) in
 * place of that JPEG. The HTML file keeps its PNGs: only the page being printed changes.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { crc32, inflateSync } from 'node:zlib'
import { PDFName, PDFNumber, PDFRawStream, type PDFDocument } from 'pdf-lib'
import type { Element as HastElement, Root } from 'hast'
import type { Page } from 'puppeteer-core'
import { EXIT, visit } from 'unist-util-visit'
import { allowed } from './print-page.ts'

export interface PassThrough {
  width: number
  height: number
  /** 1 for grey, 3 for RGB. */
  colors: 1 | 3
  /** The PNG's IDAT chunks joined: a zlib stream of filtered rows, what FlateDecode with predictor 15 reads. */
  data: Buffer
  /** What the print page shows instead. */
  placeholder: Buffer
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/**
 * Chunks that leave the pixels as a browser shows them: no colour profile, gamma or
 * chromaticities (Chromium would convert the pixels), no transparency, no eXIf (orientation and
 * density change what is drawn). Chromium ignores pHYs; text and time are words.
 */
const NEUTRAL = new Set(['IHDR', 'IDAT', 'IEND', 'sRGB', 'pHYs', 'tEXt', 'zTXt', 'iTXt', 'tIME'])
// A JPEG's size fields are 16 bits.
const MAX_SIDE = 0xffff

/**
 * The PNG's pixels as a PDF image can take them, or undefined when Chromium's own embedding is
 * needed. `hash`, of the bytes, names the placeholder.
 */
export function pngPassThrough(bytes: Buffer, hash = createHash('sha256').update(bytes).digest('hex')): PassThrough | undefined {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) return undefined
  let header: { width: number; height: number; colors: 1 | 3 } | undefined
  const idat: Buffer[] = []
  let idatEnded = false
  let ended = false
  for (let offset = 8; !ended; ) {
    if (offset + 12 > bytes.length) return undefined
    const length = bytes.readUInt32BE(offset)
    const end = offset + 12 + length
    if (end > bytes.length) return undefined
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    const body = bytes.subarray(offset + 8, offset + 8 + length)
    // libpng refuses a critical chunk with a wrong checksum: the browser shows no image then.
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length)) return undefined
    if (!NEUTRAL.has(type) || (header === undefined) !== (type === 'IHDR')) return undefined
    if (type === 'IHDR') {
      const [depth, colorType, compression, filter, interlace] = body.subarray(8, 13)
      if (length !== 13 || depth !== 8 || (colorType !== 0 && colorType !== 2) || compression || filter || interlace) return undefined
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), colors: colorType === 2 ? 3 : 1 }
    } else if (type === 'IDAT') {
      if (idatEnded) return undefined
      idat.push(body)
    } else if (idat.length > 0) {
      idatEnded = true
    }
    ended = type === 'IEND'
    offset = end
  }
  if (!header || idat.length === 0) return undefined
  const { width, height, colors } = header
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) return undefined
  const data = Buffer.concat(idat)
  // A PDF viewer must read the pixels Chromium would have drawn: every row whole, each with a
  // filter PNG defines, nothing left over (Chromium draws what decodes of a broken stream).
  let rows: Buffer
  try {
    rows = inflateSync(data)
  } catch {
    return undefined
  }
  const stride = 1 + width * colors
  if (rows.length !== stride * height) return undefined
  for (let row = 0; row < rows.length; row += stride) if (rows[row] > 4) return undefined
  return { width, height, colors, data, placeholder: placeholderJpeg(width, height, `Galley placeholder ${hash.slice(0, 32)}`) }
}

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(marker, 0)
  head.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([head, body])
}

/**
 * A baseline JPEG of one grey (128) component: Huffman tables of one one-bit code each, for a
 * DC difference of 0 and for the end of block, so each 8×8 block is two zero bits; the comment
 * makes it unique.
 */
export function placeholderJpeg(width: number, height: number, comment: string): Buffer {
  const bits = Math.ceil(width / 8) * Math.ceil(height / 8) * 2
  const scan = Buffer.alloc(Math.ceil(bits / 8))
  // The last byte is padded with ones, as JPEG asks.
  if (bits % 8) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1
  const oneCode = Buffer.alloc(16)
  oneCode[0] = 1
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xffe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xfffe, Buffer.from(comment, 'latin1')),
    segment(0xffdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segment(0xffc0, Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0])),
    segment(0xffc4, Buffer.concat([Buffer.from([0x00]), oneCode, Buffer.from([0x00, 0x10]), oneCode, Buffer.from([0x00])])),
    segment(0xffda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    scan,
    Buffer.from([0xff, 0xd9]),
  ])
}

/**
 * PNGs seen before, by their bytes' hash: a watch rebuild prints the same figures again (from a
 * new staging folder), a batch build the same figures of letter after letter.
 */
const known = new Map<string, PassThrough | undefined>()
const KNOWN_MAX = 64

function passThroughOf(file: string): PassThrough | undefined {
  let bytes: Buffer
  try {
    // Only a file: a named pipe would block this thread until something wrote to it.
    if (!statSync(file).isFile()) return undefined
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  const hash = createHash('sha256').update(bytes).digest('hex')
  if (known.has(hash)) return known.get(hash)
  const passThrough = pngPassThrough(bytes, hash)
  known.set(hash, passThrough)
  if (known.size > KNOWN_MAX) known.delete(known.keys().next().value!)
  return passThrough
}

/** The attribute of a placeholder's `<img>` that holds the PNG's own `src`. */
const ORIGINAL = 'dataGalleyPng'

/**
 * Puts into the print page's tree, in place of each PNG inside `folder` that can pass through, its
 * placeholder, as a `data:` URL, the PNG's own `src` kept beside it; returns the PNGs by that `src`.
 * The page then never loads or decodes those PNGs: `keepPlaceholders` checks each once the page is
 * shown. `pageUrl`: the URL the page's relative URLs resolve against.
 */
export function placeholdersInTree(tree: Root, pageUrl: string, folder: string): Map<string, PassThrough> {
  const images = new Map<string, PassThrough>()
  const base = baseUrl(tree, pageUrl)
  visit(tree, 'element', (img: HastElement) => {
    const src = img.properties.src
    if (img.tagName !== 'img' || typeof src !== 'string' || img.properties.srcSet !== undefined) return
    let url: string
    try {
      url = new URL(src, base).href
    } catch {
      return
    }
    if (!url.startsWith('file:') || !allowed(url, folder)) return
    const image = passThroughOf(fileURLToPath(url))
    if (!image) return
    images.set(src, image)
    img.properties[ORIGINAL] = src
    img.properties.src = `data:image/jpeg;base64,${image.placeholder.toString('base64')}`
  })
  return images
}

/** What the page's relative URLs resolve against, as the browser has it: its first `<base href>`, else its own URL. */
function baseUrl(tree: Root, pageUrl: string): string {
  let base = pageUrl
  visit(tree, 'element', (element: HastElement) => {
    if (element.tagName !== 'base' || typeof element.properties.href !== 'string') return
    try {
      base = new URL(element.properties.href, pageUrl).href
    } catch {
      // A base URL the browser cannot read either: the page's own.
    }
    return EXIT
  })
  return base
}

/**
 * Keeps the placeholders (with `keep`) of the images drawn whole: laid out, with `object-fit` fill
 * or contain (cover and none may crop, and Chromium would cut the placeholder), no filter or mask
 * on them or around them (Chromium rasterises those), not in a picture. The others, and every
 * one whose natural size is not the PNG's (the browser read the PNG otherwise), show the PNG
 * again. Returns the PNGs whose placeholders are kept.
 */
export async function keepPlaceholders(page: Page, images: ReadonlyMap<string, PassThrough>, keep: boolean): Promise<PassThrough[]> {
  if (images.size === 0) return []
  const sizes = Object.fromEntries([...images].map(([src, image]) => [src, [image.width, image.height]]))
  // Serialised into the page: loops, no named inner functions.
  const kept: string[] = await page.evaluate(async (sizes, keep) => {
    const kept = new Set<string>()
    for (const img of document.querySelectorAll<HTMLImageElement>('img[data-galley-png]')) {
      const src = img.dataset.galleyPng!
      // Loaded with the page, but not yet in a body patched in.
      if (!img.complete) await img.decode().catch(() => {})
      let whole = keep && img.parentElement?.localName !== 'picture' && img.getClientRects().length > 0
      const fit = getComputedStyle(img).objectFit
      whole &&= fit === 'fill' || fit === 'contain'
      for (let element: Element | null = img; element && whole; element = element.parentElement) {
        const style = getComputedStyle(element)
        whole = style.filter === 'none' && style.backdropFilter === 'none' && style.maskImage === 'none'
      }
      const [width, height] = sizes[src] ?? []
      if (whole && img.naturalWidth === width && img.naturalHeight === height) kept.add(src)
      else img.setAttribute('src', src)
    }
    return [...kept]
  }, sizes, keep)
  // One PNG shown twice with one placeholder kept and one put back is kept: its pixels go where the placeholder is.
  return [...new Set(kept.map((src) => images.get(src)!))]
}

/** A placeholder that did not reach the PDF as it was shown: the PDF must be printed without them. */
export class PlaceholderNotKept extends Error {
  constructor() {
    super('Chromium did not embed a figure\'s placeholder as it was given')
    this.name = 'PlaceholderNotKept'
  }
}

/**
 * Whether Chromium embedded every placeholder as it was given, as far as its bytes tell (they are
 * unique: see placeholderJpeg's comment): then restoreImages finds them all, and the page need not
 * be printed again.
 */
export function placeholdersIn(raw: Uint8Array, swapped: readonly PassThrough[]): boolean {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
  return swapped.every((image) => bytes.includes(image.placeholder))
}

/**
 * Puts each PNG's pixels where Chromium embedded its placeholder, in the same object, with the
 * rest of Chromium's image dictionary. Throws PlaceholderNotKept when a placeholder shown is
 * not found as it was while the PDF holds a grey image that is not one of them: Chromium cut or
 * re-encoded it, and the page would print grey where the figure is.
 */
export function restoreImages(doc: PDFDocument, swapped: readonly PassThrough[]): void {
  if (swapped.length === 0) return
  const found = new Set<PassThrough>()
  let otherGrey = false
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue
    const image = object.dict.get(PDFName.of('Filter')) === PDFName.of('DCTDecode')
      ? swapped.find((candidate) => candidate.placeholder.equals(object.contents))
      : undefined
    if (!image) {
      if (object.dict.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceGray')) otherGrey = true
      continue
    }
    found.add(image)
    const dict = object.dict.clone(doc.context)
    dict.delete(PDFName.of('ColorTransform'))
    dict.set(PDFName.of('ColorSpace'), PDFName.of(image.colors === 3 ? 'DeviceRGB' : 'DeviceGray'))
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'))
    dict.set(PDFName.of('DecodeParms'), doc.context.obj({ Predictor: 15, Colors: image.colors, BitsPerComponent: 8, Columns: image.width }))
    dict.set(PDFName.of('Length'), PDFNumber.of(image.data.length))
    doc.context.assign(ref, PDFRawStream.of(dict, image.data))
  }
  if (otherGrey && found.size < swapped.length) throw new PlaceholderNotKept()
}
