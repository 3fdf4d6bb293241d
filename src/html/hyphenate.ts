/**
 * Soft hyphens (U+00AD) in the running text, inserted at build time.
 *
 * Why: Chromium on Linux ships no hyphenation dictionaries, so CSS
 * `hyphens: auto` does nothing there, and justified 85 mm columns open wide
 * gaps between words. TeX's hyphenation patterns (Liang's algorithm) come
 * from the `hyphen` npm package (ISC) when it is installed; without it the
 * text is left as it is and the page still works.
 */
import { createRequire } from 'node:module'
import type { ElementContent, RootContent } from 'hast'

export type Hyphenate = (text: string) => string

export const SOFT_HYPHEN = '\u00ad'

/**
 * Where a word may not break: links (URLs, DOIs), marks, code, formulas,
 * ragged captions and labels, and tables (soft hyphens would shrink their
 * columns' minimum width).
 */
const SKIP = new Set([
  'a', 'sup', 'sub', 'code', 'pre', 'kbd', 'samp', 'math', 'figcaption', 'table', 'script', 'style',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
])

/** Runs of six or more letters: shorter words are not worth a break. */
const WORD = /\p{L}[\p{L}\p{M}]{5,}/gu

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
  let module: { hyphenateSync: (text: string) => string }
  try {
    module = require(`hyphen/${patterns}`)
  } catch {
    return undefined
  }
  return (text) => text.replace(WORD, (word) => keepMinimums(module.hyphenateSync(word)))
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

/** Hyphenates text nodes in place, leaving alone SKIP elements and other languages. */
export function hyphenateNodes(nodes: Array<RootContent | ElementContent>, hyphenate: Hyphenate): void {
  for (const node of nodes) {
    if (node.type === 'text') node.value = hyphenate(node.value)
    else if (node.type === 'element' && !SKIP.has(node.tagName) && node.properties.lang === undefined) {
      hyphenateNodes(node.children, hyphenate)
    }
  }
}
