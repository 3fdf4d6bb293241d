/**
 * Characters the template's fonts cannot draw. Chromium would print them with whatever font the
 * machine has (so the PDF would differ from machine to machine); a warning names each one
 * where the manuscript has it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'
import type { Template } from '../types.ts'

const require = createRequire(import.meta.url)
const FONT_FACE = /@font-face\s*\{([^}]*)\}/gi
const FONT_URL = /url\(\s*["']?([^"')]+\.(?:woff2?|ttf|otf))["']?\s*\)/i
const UNICODE_RANGE = /unicode-range\s*:\s*([^;}]+)/i

interface Face {
  file: string
  /** [first, last] code points the face is used for; all of them when the rule sets none. */
  ranges: Array<[number, number]>
}
/** Spaces, controls, format characters (soft hyphen, joiners, marks): nothing to draw. */
const NOTHING_TO_DRAW = /[\s\p{Cc}\p{Cf}]/u

const coverageCache = new Map<string, Set<number>>()

/** The font faces a template's CSS declares: file (absolute) and unicode-range. */
export function templateFonts(template: Template): Face[] {
  const faces: Face[] = []
  for (const css of [...template.css.screen, ...template.css.print]) {
    for (const [, body] of fs.readFileSync(css, 'utf8').matchAll(FONT_FACE)) {
      const url = FONT_URL.exec(body)?.[1]
      if (!url) continue
      const range = UNICODE_RANGE.exec(body)?.[1]
      faces.push({ file: path.resolve(path.dirname(css), url), ranges: range ? parseRanges(range) : [[0, 0x10ffff]] })
    }
  }
  return faces
}

/** "U+0100-02BA, U+1E00-1EFF, U+20AC" as code point ranges (wildcards like U+4?? too). */
function parseRanges(list: string): Array<[number, number]> {
  return list.split(',').map((part) => part.trim().replace(/^u\+/i, '')).filter(Boolean).map((part): [number, number] => {
    const [first, last] = part.includes('?') ? [part.replaceAll('?', '0'), part.replaceAll('?', 'F')] : part.split('-')
    return [Number.parseInt(first, 16), Number.parseInt(last ?? first, 16)]
  })
}

/** Every code point some font of the template has a glyph for. */
export function templateCoverage(template: Template): Set<number> {
  const faces = templateFonts(template)
  const key = JSON.stringify(faces)
  let covered = coverageCache.get(key)
  if (!covered) {
    // fontkit is loaded only here: reading woff2 needs its Brotli decoder.
    const fontkit = require('fontkit') as { openSync: (file: string) => { characterSet?: number[]; fonts?: Array<{ characterSet: number[] }> } }
    covered = new Set<number>()
    for (const { file, ranges } of faces) {
      if (!fs.existsSync(file)) continue
      const font = fontkit.openSync(file)
      for (const face of font.fonts ?? [font]) {
        for (const code of face.characterSet ?? []) {
          if (ranges.some(([first, last]) => code >= first && code <= last)) covered.add(code)
        }
      }
    }
    coverageCache.set(key, covered)
  }
  return covered
}

/** Warns once per character and line for text the template's fonts cannot draw. */
export function checkGlyphs(tree: Root, template: Template, file: VFile): void {
  const covered = templateCoverage(template)
  if (covered.size === 0) return // a template without web fonts uses the reader's fonts by design
  const seen = new Set<string>()
  visit(tree, (node) => {
    if ((node.type !== 'text' && node.type !== 'inlineCode') || !node.position) return
    const { value } = node as { value: string }
    let line = node.position.start.line
    let column = node.position.start.column
    for (const char of value) {
      const code = char.codePointAt(0)!
      if (!NOTHING_TO_DRAW.test(char) && !covered.has(code) && !seen.has(`${code}:${line}`)) {
        seen.add(`${code}:${line}`)
        const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
        warn(file, `The template "${template.name}" has no font with the character "${char}" (${name}): the PDF would take it from this machine's fonts. Add a font that has it to the template, or write the character another way`, { line, column }, 'template-glyph-missing')
      }
      if (char === '\n') {
        line++
        column = 1
      } else column++
    }
  })
}
