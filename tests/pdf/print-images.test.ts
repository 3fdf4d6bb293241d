import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { PNG } from 'pngjs'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { keepPlaceholders, placeholderJpeg, PlaceholderNotKept, placeholdersInTree, pngPassThrough, restoreImages } from '../../src/pdf/print-images.ts'
import { printMarkupOf } from '../../src/pdf/print-markup.ts'
import { renderPdf } from '../../src/pdf/render.ts'

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** A PNG written chunk by chunk: `pixel(x, y)` gives each pixel's samples; `extra` chunks go before the IDAT. */
function png(width: number, height: number, { colorType = 2, depth = 8, interlace = 0, extra = [] as Buffer[], pixel = (x: number, y: number) => [x % 256, y % 256, (x * y) % 256] } = {}): Buffer {
  const samples = colorType === 2 ? 3 : colorType === 6 ? 4 : colorType === 4 ? 2 : 1
  const rows: number[] = []
  for (let y = 0; y < height; y++) {
    rows.push(y % 5) // every filter type, as encoders mix them
    for (let x = 0; x < width; x++) rows.push(...pixel(x, y).slice(0, samples))
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([depth, colorType, 0, 0, interlace], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

describe('pngPassThrough', () => {
  it('takes 8-bit RGB and grey PNGs, their IDAT as they are', () => {
    const rgb = png(20, 10, { extra: [chunk('pHYs', Buffer.from([0, 0, 11, 19, 0, 0, 11, 19, 1])), chunk('tEXt', Buffer.from('Software\0test'))] })
    const taken = pngPassThrough(rgb)
    expect(taken).toMatchObject({ width: 20, height: 10, colors: 3 })
    expect(rgb.includes(taken!.data)).toBe(true)
    expect(pngPassThrough(png(7, 9, { colorType: 0 }))).toMatchObject({ width: 7, height: 9, colors: 1 })
  })

  it('leaves to Chromium what a PDF image cannot hold as it is, or what the browser would show otherwise', () => {
    expect(pngPassThrough(png(4, 4, { colorType: 6 }))).toBeUndefined() // alpha
    expect(pngPassThrough(png(4, 4, { colorType: 4 }))).toBeUndefined() // grey and alpha
    expect(pngPassThrough(png(4, 4, { interlace: 1 }))).toBeUndefined()
    expect(pngPassThrough(png(4, 4, { extra: [chunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f]))] }))).toBeUndefined()
    expect(pngPassThrough(png(4, 4, { extra: [chunk('tRNS', Buffer.from([0, 1, 0, 2, 0, 3]))] }))).toBeUndefined()
    expect(pngPassThrough(png(4, 4, { extra: [chunk('eXIf', Buffer.from('MM\0*\0\0\0\x08\0\0', 'latin1'))] }))).toBeUndefined()
    expect(pngPassThrough(png(4, 4, { extra: [chunk('iCCP', Buffer.from('x\0\0', 'latin1'))] }))).toBeUndefined()
  })

  it('refuses a broken PNG: a wrong checksum, a cut stream, rows short of the height', () => {
    const good = png(8, 8)
    const badCrc = Buffer.from(good)
    badCrc[good.length - 13] ^= 1 // inside the IDAT's checksum
    expect(pngPassThrough(badCrc)).toBeUndefined()
    expect(pngPassThrough(good.subarray(0, good.length - 20))).toBeUndefined()
    const ihdr = Buffer.from(good)
    ihdr.writeUInt32BE(9, 16 + 4) // one row more than the data holds
    ihdr.writeUInt32BE(crc32(ihdr.subarray(12, 29)), 29)
    expect(pngPassThrough(ihdr)).toBeUndefined()
    expect(pngPassThrough(Buffer.from('not a png'))).toBeUndefined()
  })
})

describe('restoreImages', () => {
  it('refuses a PDF in which a placeholder shown did not arrive whole while a grey image did', async () => {
    const image = pngPassThrough(png(16, 8))!
    const doc = await PDFDocument.create()
    doc.context.register(PDFRawStream.of(doc.context.obj({ Type: 'XObject', Subtype: 'Image', Width: 8, Height: 8, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'FlateDecode' }), deflateSync(Buffer.alloc(64, 128))))
    expect(() => restoreImages(doc, [image])).toThrow(PlaceholderNotKept)
  })

  it('puts the pixels where the placeholder was, in its object', async () => {
    const image = pngPassThrough(png(16, 8))!
    const doc = await PDFDocument.create()
    const ref = doc.context.register(PDFRawStream.of(doc.context.obj({ Type: 'XObject', Subtype: 'Image', Width: 16, Height: 8, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'DCTDecode', ColorTransform: 0 }), image.placeholder))
    restoreImages(doc, [image])
    const stream = doc.context.lookup(ref) as PDFRawStream
    expect(stream).toBeInstanceOf(PDFRawStream)
    expect(Buffer.from(stream.contents).equals(image.data)).toBe(true)
    expect(stream.dict.get(PDFName.of('ColorSpace'))).toBe(PDFName.of('DeviceRGB'))
    expect(stream.dict.has(PDFName.of('ColorTransform'))).toBe(false)
    expect(String(stream.dict.get(PDFName.of('DecodeParms')))).toBe('<<\n/Predictor 15\n/Colors 3\n/BitsPerComponent 8\n/Columns 16\n>>')
  })

  it('makes placeholders that differ by their comment alone', () => {
    const a = placeholderJpeg(1200, 800, 'a')
    expect(a.equals(placeholderJpeg(1200, 800, 'b'))).toBe(false)
    expect(a.length).toBeLessThan(4000) // two bits per block
  })
})

describe('placeholdersInTree', () => {
  it('shows a placeholder for each PNG inside the folder that can pass through, its own src kept beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-placeholders-'))
    try {
      writeFileSync(join(dir, 'a.png'), png(8, 4))
      writeFileSync(join(dir, 'b.png'), png(4, 4, { colorType: 6 }))
      const a = h('img', { src: 'a.png', alt: 'A' })
      const again = h('img', { src: './a.png', alt: 'A again' })
      const others = [h('img', { src: 'b.png' }), h('img', { src: '../outside.png' }), h('img', { src: 'a.png', srcSet: 'a.png 2x' }), h('img', { src: 'data:image/png;base64,AAAA' })]
      const before = structuredClone(others)
      const images = placeholdersInTree({ type: 'root', children: [h('p', [a, again, ...others])] }, pathToFileURL(join(dir, 'page.html')).href, dir)
      expect([...images.keys()]).toEqual(['a.png', './a.png'])
      expect(images.get('a.png')).toMatchObject({ width: 8, height: 4, colors: 3 })
      expect(a.properties).toEqual({ src: `data:image/jpeg;base64,${images.get('a.png')!.placeholder.toString('base64')}`, dataGalleyPng: 'a.png', alt: 'A' })
      expect(again.properties.dataGalleyPng).toBe('./a.png')
      // Not a PNG that can pass through (alpha), outside the folder, several sources, not a file.
      expect(others).toEqual(before)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('resolves the sources as the browser does, against the page\'s base URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-placeholders-'))
    try {
      mkdirSync(join(dir, 'figures'))
      writeFileSync(join(dir, 'figures/a.png'), png(8, 4))
      const img = h('img', { src: 'a.png' })
      const tree: Root = { type: 'root', children: [h('html', [h('head', [h('base', { href: 'figures/' })]), h('body', [img])])] }
      expect([...placeholdersInTree(tree, pathToFileURL(join(dir, 'page.html')).href, dir).keys()]).toEqual(['a.png'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('figures printed from placeholders, in Chromium', () => {
  let browser: Browser
  let dir: string
  const sources: Record<string, Buffer> = {
    'rgb.png': png(300, 200),
    'grey.png': png(240, 160, { colorType: 0, pixel: (x, y) => [(x + 2 * y) % 256] }),
    'alpha.png': png(120, 80, { colorType: 6, pixel: (x, y) => [x % 256, y % 256, 90, 128 + (x % 100)] }),
    'gamma.png': png(120, 80, { extra: [chunk('gAMA', Buffer.from([0, 0, 0x75, 0x30]))] }),
    'cover.png': png(200, 100, { pixel: (x, y) => [200, x % 256, y % 256] }),
  }
  let pdf: Uint8Array

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-print-images-'))
    for (const [name, bytes] of Object.entries(sources)) writeFileSync(join(dir, name), bytes)
    writeFileSync(join(dir, 'page.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Figures</title>
<style>@page { size: A4; margin: 20mm } body { background: #fcfcf0 } img { display: block; width: 80mm; height: auto; margin: 4mm 0 }
img.cover { height: 20mm; object-fit: cover }</style></head><body>
<h1>Figures</h1><img src="rgb.png" alt="RGB"><img src="grey.png" alt="Grey"><img src="alpha.png" alt="Alpha">
<img src="gamma.png" alt="Gamma"><img class="cover" src="cover.png" alt="Cover"><img src="rgb.png" alt="RGB again" style="width: 30mm">
</body></html>`)
    browser = await launchBrowser()
    pdf = await renderPdf(browser, join(dir, 'page.html'), { title: 'Figures', authors: [], keywords: [], lang: 'en' })
  })

  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const images = async () => {
    const doc = await PDFDocument.load(pdf)
    return [...doc.context.enumerateIndirectObjects()].flatMap(([, object]) =>
      object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') ? [object] : [])
  }

  it('embeds each PNG that can pass through once, its IDAT as the PNG has it, and no placeholder', async () => {
    const streams = await images()
    expect(streams.some((stream) => stream.dict.get(PDFName.of('Filter')) === PDFName.of('DCTDecode'))).toBe(false)
    for (const name of ['rgb.png', 'grey.png']) {
      const idat = pngPassThrough(sources[name])!.data
      expect(streams.filter((stream) => Buffer.from(stream.contents).equals(idat)), name).toHaveLength(1)
    }
    // Chromium's own embedding for the others: not their IDAT.
    for (const name of ['alpha.png', 'gamma.png', 'cover.png']) {
      const bytes = sources[name]
      expect(streams.some((stream) => bytes.includes(Buffer.from(stream.contents))), name).toBe(false)
    }
  })

  it('shows the PNGs\' own pixels, as poppler decodes them', () => {
    const out = mkdtempSync(join(tmpdir(), 'galley-print-images-out-'))
    try {
      writeFileSync(join(out, 'figures.pdf'), pdf)
      execFileSync('pdfimages', ['-png', join(out, 'figures.pdf'), join(out, 'image')])
      const extracted = readdirSync(out).filter((name) => name.startsWith('image')).map((name) => PNG.sync.read(readFileSync(join(out, name))))
      // pdfimages writes an image each time it is drawn: rgb.png twice.
      for (const [name, drawn] of [['rgb.png', 2], ['grey.png', 1]] as const) {
        const source = PNG.sync.read(sources[name])
        const same = extracted.filter((image) => image.width === source.width && image.height === source.height && image.data.equals(source.data))
        expect(same, name).toHaveLength(drawn)
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })

  it('prints a PNG under the page\'s base URL from its placeholder too', async () => {
    const named = png(90, 60, { pixel: (x, y) => [x % 256, 40, y % 256] })
    const sub = join(dir, 'based')
    mkdirSync(sub)
    writeFileSync(join(sub, 'named.png'), named)
    writeFileSync(join(dir, 'based.html'), '<!doctype html><html lang="en"><head><base href="based/"><title>Based</title></head><body><img src="named.png" alt="Named" style="width: 30mm"></body></html>')
    const based = await PDFDocument.load(await renderPdf(browser, join(dir, 'based.html'), { title: 'Based', authors: [], keywords: [], lang: 'en' }))
    const streams = [...based.context.enumerateIndirectObjects()].flatMap(([, object]) => (object instanceof PDFRawStream ? [object] : []))
    expect(streams.filter((stream) => Buffer.from(stream.contents).equals(pngPassThrough(named)!.data))).toHaveLength(1)
  })

  it('puts every PNG back when the placeholders are not to be kept (printing again without them)', async () => {
    const file = join(dir, 'page.html')
    const { html, placeholders } = printMarkupOf(readFileSync(file, 'utf8'), file)
    expect(placeholders.size).toBe(3) // rgb.png (shown twice), grey.png, and cover.png, which the page crops
    writeFileSync(join(dir, 'without.html'), html)
    const page = await browser.newPage()
    try {
      await page.goto(pathToFileURL(join(dir, 'without.html')).href)
      expect(await keepPlaceholders(page, placeholders, false)).toEqual([])
      const sources = await page.$$eval('img', (images) => images.map((img) => img.getAttribute('src')))
      expect(sources).toEqual(['rgb.png', 'grey.png', 'alpha.png', 'gamma.png', 'cover.png', 'rgb.png'])
    } finally {
      await page.close()
    }
  })

  it('prints the same bytes again', async () => {
    const again = await renderPdf(browser, join(dir, 'page.html'), { title: 'Figures', authors: [], keywords: [], lang: 'en' })
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true)
  })
})
