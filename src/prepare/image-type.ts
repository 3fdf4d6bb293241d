/**
 * Images are what they say: a figure's bytes must be PNG, JPEG, GIF, WebP or
 * SVG, the type its name gives; anything else (TIFF, text named .png) would
 * print as a broken picture. An SVG that could run or fetch anything (a
 * script, an event handler, a reference outside itself) is refused.
 */
import fs from 'node:fs'
import path from 'node:path'

export const IMAGE_FORMATS = 'PNG, JPEG, GIF, WebP or SVG'

const EXTENSIONS: Record<string, string> = { png: 'PNG', jpg: 'JPEG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP', svg: 'SVG' }

/** The format the bytes are, by their signature. */
export function sniffImage(head: Buffer): string | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'JPEG'
  if (/^GIF8[79]a/.test(head.subarray(0, 6).toString('latin1'))) return 'GIF'
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'WebP'
  if (/^II\*\0|^MM\0\*/.test(head.subarray(0, 4).toString('latin1'))) return 'TIFF'
  if (/^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head.toString('utf8'))) return 'SVG'
  return undefined
}

const UNSAFE_SVG: Array<[RegExp, string]> = [
  [/<script[\s>]/i, 'a <script>'],
  [/\son[a-z]+\s*=/i, 'an event handler (on…=)'],
  [/<foreignObject[\s>]/i, 'a <foreignObject>'],
  [/(?:xlink:)?href\s*=\s*["']\s*(?!#|data:image\/)[^"']/i, 'a reference outside the image (href)'],
  [/url\(\s*["']?\s*(?!#)[^)"'\s]/i, 'a reference outside the image (url())'],
  [/<!ENTITY/i, 'an XML entity'],
]

/** What is wrong with a figure file, or undefined when its bytes are the image its name says. */
export function imageProblem(file: string): string | undefined {
  const bytes = fs.readFileSync(file)
  const named = EXTENSIONS[path.extname(file).slice(1).toLowerCase()]
  const actual = sniffImage(bytes.subarray(0, 4096))
  if (!actual || actual === 'TIFF') {
    return `is ${actual ? 'a TIFF image' : 'not an image Galley can use'}: the outputs carry ${IMAGE_FORMATS}; convert it to one of those`
  }
  if (named !== actual) return `holds a ${actual} image but is named as ${named ?? 'no known image type'}: rename it to match`
  if (actual === 'SVG') {
    const unsafe = UNSAFE_SVG.find(([pattern]) => pattern.test(bytes.toString('utf8')))
    if (unsafe) return `is an SVG with ${unsafe[1]}: Galley refuses SVGs that can run or fetch anything; remove it or export a PNG`
  }
  return undefined
}
