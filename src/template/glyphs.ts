/**
 * Characters the template's fonts cannot draw. Chromium would print them with whatever font the
 * machine has (so the PDF would differ from machine to machine); a warning names each one
 * where the manuscript has it.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { cachedOnDisk } from '../cache/disk.ts'
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

/** Each font file's characters, by path, size and modification time. */
const characterSets = new Map<string, Set<number>>()

/** Each stylesheet's font faces, by path, size and modification time (a watch rebuild reads the same CSS). */
const stylesheetFaces = new Map<string, Face[]>()

/** The font faces a template's CSS declares: file (absolute) and unicode-range. */
export function templateFonts(template: Template): Face[] {
  return [...template.css.screen, ...template.css.print].flatMap(facesOf)
}

function facesOf(css: string): Face[] {
  const stat = fs.statSync(css)
  const key = `${css}\n${stat.size}\n${stat.mtimeMs}`
  let faces = stylesheetFaces.get(key)
  if (!faces) {
    faces = []
    for (const [, body] of fs.readFileSync(css, 'utf8').matchAll(FONT_FACE)) {
      const url = FONT_URL.exec(body)?.[1]
      if (!url) continue
      const range = UNICODE_RANGE.exec(body)?.[1]
      faces.push({ file: path.resolve(path.dirname(css), url), ranges: range ? parseRanges(range) : [[0, 0x10ffff]] })
    }
    stylesheetFaces.set(key, faces)
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

/**
 * The code points among `wanted` that some font of the template has a glyph for.
 * A face is opened only when a wanted character it is declared for is not yet
 * covered: decoding a woff2 font (fontkit's Brotli is JavaScript) costs a cold
 * start about a second for Noto Sans Math alone, which most letters never need.
 */
export function templateCoverage(template: Template, wanted: ReadonlySet<number>): Set<number> {
  const covered = new Set<number>()
  for (const { file, ranges } of templateFonts(template)) {
    const inRange = (code: number) => ranges.some(([first, last]) => code >= first && code <= last)
    const missing = [...wanted].filter((code) => !covered.has(code) && inRange(code))
    if (missing.length === 0) continue
    const characters = characterSet(file)
    for (const code of missing) if (characters.has(code)) covered.add(code)
  }
  return covered
}

function characterSet(file: string): Set<number> {
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  if (!stat) return new Set()
  const key = `${file}\n${stat.size}\n${stat.mtimeMs}`
  let characters = characterSets.get(key)
  if (!characters) {
    characters = new Set(readCharacters(file))
    characterSets.set(key, characters)
  }
  return characters
}

/**
 * A font's code points, kept on disk by the font's content hash: decoding the template's
 * woff2 fonts (and loading fontkit) was a tenth of every cold `galley check`.
 */
function readCharacters(file: string): number[] {
  const bytes = fs.readFileSync(file)
  return cachedOnDisk('font-characters', createHash('sha256').update(bytes).digest('hex'), () => {
    // fontkit is loaded only here: reading woff2 needs its Brotli decoder.
    const fontkit = require('fontkit') as { create: (bytes: Buffer) => { characterSet?: number[]; fonts?: Array<{ characterSet: number[] }> } }
    const font = fontkit.create(bytes)
    return [...new Set((font.fonts ?? [font]).flatMap((face) => face.characterSet ?? []))].sort((a, b) => a - b)
  })
}

/** Warns once per character and line for text the template's fonts cannot draw. */
export function checkGlyphs(tree: Root, template: Template, file: VFile): void {
  // A template without web fonts uses the reader's fonts by design.
  if (!templateFonts(template).some((face) => fs.existsSync(face.file))) return
  // Every code point first, then the test per distinct one, not per character.
  const used = new Set<number>()
  visit(tree, (node) => {
    if ((node.type !== 'text' && node.type !== 'inlineCode') || !node.position) return
    for (const char of (node as { value: string }).value) used.add(char.codePointAt(0)!)
  })
  const wanted = new Set([...used].filter((code) => !NOTHING_TO_DRAW.test(String.fromCodePoint(code))))
  const covered = templateCoverage(template, wanted)
  if ([...wanted].every((code) => covered.has(code))) return
  const seen = new Set<string>()
  visit(tree, (node) => {
    if ((node.type !== 'text' && node.type !== 'inlineCode') || !node.position) return
    const { value } = node as { value: string }
    let line = node.position.start.line
    let column = node.position.start.column
    for (const char of value) {
      const code = char.codePointAt(0)!
      if (wanted.has(code) && !covered.has(code) && !seen.has(`${code}:${line}`)) {
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
