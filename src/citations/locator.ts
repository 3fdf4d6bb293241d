/**
 * The locator in a citation's suffix, read the way Pandoc's citeproc reads
 * it (Text.Pandoc.Citeproc.Locator): `, p. 33`, `p. 33` (no comma), `chap. 3`,
 * `33-35`, `{pp. iv, vi-xi}`, `sec. 2.1(a)`, with the locator terms of the
 * CSL locale (English and the manuscript's language). What is left is the
 * rest of the suffix; a suffix with no locator gets the comma citeproc adds.
 */
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { PhrasingContent } from 'mdast'
import { toString } from 'mdast-util-to-string'

export interface Locator {
  /** CSL locator term: "page", "chapter", "section", … */
  label: string
  value: string
}

export interface ReadSuffix {
  locator?: Locator
  /** The locator as written ("p. 33"), when there is one. */
  written?: PhrasingContent[]
  /** The suffix after the locator, or the whole suffix with citeproc's comma. */
  rest: PhrasingContent[]
}

const LOCATOR_TERMS = [
  'book', 'chapter', 'column', 'figure', 'folio', 'issue', 'line', 'note', 'opus', 'page',
  'number-of-pages', 'paragraph', 'part', 'section', 'sub verbo', 'verse', 'volume',
]

const locales = (plugins.config.get('@csl') as { locales: { get(name: string): string | undefined; has(name: string): boolean } }).locales
const termMaps = new Map<string, Map<string, string>>()

/** Written term (case-folded) → CSL term name, for a CSL locale name such as "es-ES". */
export function locatorTerms(locale: string): Map<string, string> {
  // The manuscript's language first, then English; within one, the first term
  // in LOCATOR_TERMS wins a shared form ("p." is "page", not "number-of-pages").
  const xmls = [...new Set([locale, 'en-US'])].map((name) => (locales.has(name) ? locales.get(name) ?? '' : ''))
  // Keyed by the locale files themselves: a template may register an edited one.
  const cacheKey = xmls.join('\0')
  const known = termMaps.get(cacheKey)
  if (known) return known
  const map = new Map<string, string>()
  for (const xml of xmls) {
    const forms = new Map<string, string[]>()
    for (const term of xml.matchAll(/<term\s+name="([^"]+)"[^>]*>([\s\S]*?)<\/term>/g)) {
      const written = /<single>/.test(term[2]) ? [...term[2].matchAll(/<(?:single|multiple)>([^<]*)</g)].map((form) => form[1]) : [term[2]]
      forms.set(term[1], [...(forms.get(term[1]) ?? []), ...written])
    }
    for (const name of LOCATOR_TERMS) {
      for (const form of forms.get(name) ?? []) {
        const written = decodeXml(form).trim().toLowerCase()
        if (written && !map.has(written)) map.set(written, name)
      }
    }
  }
  termMaps.set(cacheKey, map)
  return map
}

function decodeXml(text: string): string {
  return text.replace(/&#(\d+);|&#x([0-9a-f]+);|&(amp|lt|gt|quot|apos);/gi, (_, decimal, hex, name) =>
    decimal ? String.fromCodePoint(Number(decimal)) : hex ? String.fromCodePoint(Number.parseInt(hex, 16))
      : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()])
}

// ---------------------------------------------------------------------------
// Tokens: Pandoc splits the suffix's strings at every space and every
// punctuation mark but ":"; other inline nodes (emphasis, code) are one token.

interface Token {
  text: string
  node?: PhrasingContent
}

const SPLIT = /(\s|(?!:)[\p{P}])/u

function tokenize(content: readonly PhrasingContent[]): Token[] {
  const tokens: Token[] = []
  for (const node of content) {
    if (node.type !== 'text') {
      tokens.push({ text: toString(node), node })
      continue
    }
    for (const piece of node.value.split(SPLIT)) if (piece) tokens.push({ text: piece })
  }
  return tokens
}

function untokenize(tokens: readonly Token[]): PhrasingContent[] {
  const content: PhrasingContent[] = []
  for (const token of tokens) {
    const last = content.at(-1)
    if (token.node) content.push(token.node)
    else if (last?.type === 'text') last.value += token.text
    else content.push({ type: 'text', value: token.text })
  }
  return content
}

const isSpace = (token: Token | undefined) => !!token && !token.node && /^\s$/u.test(token.text)
const isChar = (token: Token | undefined, test: (c: string) => boolean) =>
  !!token && !token.node && token.text.length === 1 && test(token.text)
const isPunctuation = (c: string) => /\p{P}/u.test(c)
const isLocatorPunct = (c: string) => c !== '-' && c !== '\u2013' && c !== ':' && isPunctuation(c)
const ROMAN = /^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/

/** A parse result: where it ended, whether it held digits, what it read. */
type Step = { at: number; digits: boolean; text: string } | undefined

class LocatorParser {
  constructor(private readonly tokens: Token[], private readonly terms: Map<string, string>) {}

  read(): { locator: Locator; start: number; end: number } | undefined {
    let at = 0
    if (isChar(this.tokens[at], (c) => c === ',')) at++
    if (isSpace(this.tokens[at])) at++
    const found = this.delimited(at) ?? this.integrated(at)
    if (!found || (!found.label && !found.value.trim())) return undefined
    return { locator: { label: found.label, value: found.value.trim() }, start: at, end: found.at }
  }

  private delimited(start: number): { label: string; value: string; at: number } | undefined {
    if (!isChar(this.tokens[start], (c) => c === '{')) return undefined
    let at = start + 1
    while (isSpace(this.tokens[at])) at++
    const label = this.label(at, (from) => (from < this.tokens.length ? { at: from + 1, digits: true, text: '' } : undefined))
      ?? { label: 'page', at, implicit: true }
    const inner = (from: number): Step => (from < this.tokens.length ? { at: from + 1, digits: true, text: this.tokens[from].text } : undefined)
    const parts = this.many((from) => this.balanced(from, [['{', '}'], ['[', ']']], inner), label.at)
    if (!isChar(this.tokens[parts.at], (c) => c === '}')) return undefined
    return { label: label.label, value: parts.text, at: parts.at + 1 }
  }

  private integrated(start: number): { label: string; value: string; at: number } | undefined {
    const romanOrDigit = (from: number) => this.require(this.word(from, true), false)
    const label = this.label(start, romanOrDigit)
      ?? (this.require(this.word(start, true), true) ? { label: 'page', at: start, implicit: true } : undefined)
    if (!label) return undefined
    const digitsOnly = label.implicit
    const first = this.require(this.word(label.at, !label.implicit), digitsOnly)
    if (!first) return undefined
    const rest = this.many((from) => this.require(this.word(from, false), digitsOnly), first.at)
    return { label: label.label, value: first.text + rest.text, at: rest.at }
  }

  /** The longest run of tokens that is a locator term, each growth ending where `limit` can start. */
  private label(start: number, limit: (from: number) => Step): { label: string; at: number; implicit: boolean } | undefined {
    const grow = (from: number, written: string): { label: string; at: number; implicit: boolean } | undefined => {
      if (from >= this.tokens.length) return undefined
      let at = from + 1
      while (!limit(at)) {
        if (at >= this.tokens.length) return undefined
        at++
      }
      const text = written + this.tokens.slice(from, at).map((token) => token.text).join('')
      const term = this.terms.get(text.trim().toLowerCase())
      const longer = grow(at, text)
      if (longer) return longer
      return term ? { label: term, at, implicit: false } : undefined
    }
    return grow(start, '')
  }

  private require(step: Step, digits: boolean): Step {
    if (!step) return undefined
    if (digits ? !/\d/.test(step.text) : !step.digits) return undefined
    return step
  }

  private word(start: number, first: boolean): Step {
    let at = start
    let prefix = ''
    if (!first && isChar(this.tokens[at], (c) => c === ',' || c === ';')) prefix = this.tokens[at++].text
    if (isSpace(this.tokens[at])) { prefix += ' '; at++ }
    const body = this.balanced(at, [['(', ')'], ['[', ']'], ['{', '}']], (from) => this.pageSequence(from))
    return body && { ...body, text: prefix + body.text }
  }

  private balanced(start: number, braces: Array<[string, string]>, inner: (from: number) => Step): Step {
    const all = braces.flat()
    const except = (from: number): Step => (isChar(this.tokens[from], (c) => all.includes(c)) ? undefined : inner(from))
    const surround = (from: number): Step => {
      for (const [open, close] of braces) {
        if (!isChar(this.tokens[from], (c) => c === open)) continue
        const middle = except(from + 1) ?? { at: from + 1, digits: false, text: '' }
        if (!isChar(this.tokens[middle.at], (c) => c === close)) return undefined
        return { at: middle.at + 1, digits: middle.digits, text: open + middle.text + close }
      }
      return except(from)
    }
    const result = this.many(surround, start)
    return result.at > start ? result : undefined
  }

  private many(step: (from: number) => Step, start: number): { at: number; digits: boolean; text: string } {
    let result = { at: start, digits: false, text: '' }
    for (let next = step(start); next && next.at > result.at; next = step(result.at)) {
      result = { at: next.at, digits: result.digits || next.digits, text: result.text + next.text }
    }
    return result
  }

  private pageSequence(start: number): Step {
    const withPeriod = (from: number): Step => {
      if (!isChar(this.tokens[from], (c) => c === '.')) return undefined
      const unit = this.pageUnit(from + 1)
      return unit && { ...unit, text: '.' + unit.text }
    }
    const unit = this.pageUnit(start)
    if (!unit) return withPeriod(start)
    const rest = this.many(withPeriod, unit.at)
    return { at: rest.at, digits: unit.digits || rest.digits, text: unit.text + rest.text }
  }

  private pageUnit(start: number): Step {
    const token = this.tokens[start]
    if (token && !token.node && ROMAN.test(token.text.toUpperCase()) && token.text) return { at: start + 1, digits: true, text: token.text }
    let at = start
    while (at < this.tokens.length && !isSpace(this.tokens[at]) && !isChar(this.tokens[at], isLocatorPunct) ) at++
    if (at === start) return undefined
    const text = this.tokens.slice(start, at).map((t) => t.text).join('')
    return { at, digits: /\d/.test(text), text }
  }
}

/** Citeproc's reading of a suffix. */
export function readSuffix(suffix: readonly PhrasingContent[], terms: Map<string, string>): ReadSuffix {
  const tokens = tokenize(suffix)
  const found = new LocatorParser(tokens, terms).read()
  if (found) {
    return { locator: found.locator, written: untokenize(tokens.slice(found.start, found.end)), rest: untokenize(tokens.slice(found.end)) }
  }
  const first = tokens[0]
  const needsComma = first && (first.node || !/^[\p{P}\s]/u.test(first.text))
  return { rest: needsComma ? [{ type: 'text', value: ', ' }, ...untokenize(tokens)] : untokenize(tokens) }
}
