/**
 * Where long words may break in the printed columns, as soft hyphens (U+00AD) in a string.
 *
 * Why at print time only: Chromium on Linux ships no hyphenation dictionaries, so CSS
 * `hyphens: auto` does nothing there (checked on Debian's Chromium 156: a 60 px column of long
 * English and Spanish words prints with no break), and justified 85 mm columns open wide gaps.
 * The HTML source stays clean; `print-hyphens.ts` puts these soft hyphens into the markup of the
 * page the PDF is printed from, and `text-layer.ts` takes them back out of the PDF's text.
 * TeX's hyphenation patterns (Liang's algorithm) come from the `hyphen` package (ISC).
 */
import { createRequire } from 'node:module'

export type Hyphenate = (text: string) => string

export const SOFT_HYPHEN = '\u00ad'

/** A run of letters (with their combining marks): a candidate word. */
const WORD = /\p{L}[\p{L}\p{M}]*/gu

/** Shorter words are not worth a break. */
const MIN_LETTERS = 6
/**
 * Longer runs are left whole: no dictionary word is this long (the longest English one has 45
 * letters), and the patterns' cost grows faster than the word (one 100,000-letter run took 46 s).
 */
export const MAX_LETTERS = 64

/** `hyphen` pattern module per primary language subtag, where it is not the subtag itself. */
const PATTERNS: Record<string, string> = { en: 'en-us', de: 'de-1996', el: 'el-monoton' }

const require = createRequire(import.meta.url)
const cache = new Map<string, Hyphenate | undefined>()

/** A hyphenator for a BCP 47 language, or undefined without patterns for it. */
export function hyphenatorFor(lang: string): Hyphenate | undefined {
  const primary = lang.toLowerCase().split('-')[0]
  if (!cache.has(primary)) cache.set(primary, load(PATTERNS[primary] ?? primary))
  return cache.get(primary)
}

function load(patterns: string): Hyphenate | undefined {
  if (!/^[a-z]{2,3}(-[a-z0-9]+)?$/.test(patterns)) return undefined
  let module: { hyphenateSync: (text: string) => string }
  try {
    module = require(`hyphen/${patterns}`)
  } catch {
    return undefined
  }
  return (text) => text.replace(WORD, (word) =>
    word.length < MIN_LETTERS || word.length > MAX_LETTERS ? word : keepMinimums(module.hyphenateSync(word)))
}

/** At least two letters before a break and three after it, as TeX sets for English. */
export function keepMinimums(word: string): string {
  const pieces = word.split(SOFT_HYPHEN)
  let result = pieces[0]
  let before = pieces[0].length
  const total = pieces.join('').length
  for (const piece of pieces.slice(1)) {
    const breakable = before >= 2 && total - before >= 3
    result += (breakable ? SOFT_HYPHEN : '') + piece
    before += piece.length
  }
  return result
}
