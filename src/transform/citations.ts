/**
 * Pandoc's citation grammar (its Markdown reader's `cite`) over mdast phrasing
 * content → `citation` and `crossReference` nodes:
 *
 *   [see @a, p. 33; also @b]   prefix, key, suffix on every item
 *   [-@a]                       suppress author
 *   @a   @a [p. 9]   @a [@b]    author in text, with a bracketed suffix or cluster
 *   \[@a\]                      literal brackets around an in-text citation
 *   me@example.org              not a citation: "@" right after a word
 *   @fig-x / @tbl-x / @eq-x / @sec-x   cross-references (Quarto)
 *
 * The grammar runs over the characters of text nodes (with their escapes,
 * see source-chars.ts) and treats every other inline node as one opaque
 * token, so markup around or inside a cluster keeps its place. Numbers are
 * assigned later (citations/number.ts), in the order the document is read.
 */
import type { Link, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { Point, Position } from 'unist'
import { toString } from 'mdast-util-to-string'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { error } from '../diagnostics/messages.ts'
import { readSuffix } from '../citations/locator.ts'
import type { Citation, CitationItem, CitationMode, CrossReference } from '../types.ts'
import { firstCharOf, isChar, rebuild, type SourceChar, spanOf, type Token, tokensOf } from './source-chars.ts'

interface ParsedItem {
  key: string
  mode: CitationMode
  prefix: Token[]
  suffix: Token[]
  /** Where `@key` was written. */
  position?: Position
  /** Pandoc would read a citation inside this item's prefix. */
  nestedInPrefix?: boolean
}

interface Parsed {
  items: ParsedItem[]
  end: number
}

export interface CitationOptions {
  /** Locator terms (written form → CSL term), from the manuscript's CSL locale and English. */
  terms: Map<string, string>
}

const CROSS_REFERENCE = /^(fig|tbl|eq|sec)-/
const KEY_CHAR = /[\p{L}\p{N}_]/u
const KEY_INTERNAL = ':.#$%&-+?<>~/'
// A Str right before "@" makes it part of a word (an e-mail address), not a citation.
const WORD_CHAR = /[\p{L}\p{N}]/u

/** Reads citations in every run of phrasing content, in place. */
export function transformCitations(tree: Root | Parent, file: VFile, options: CitationOptions): void {
  visit(tree, (node) => {
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'yaml' || node.type === 'html') return SKIP
    if (node.type === 'link' || node.type === 'linkReference') {
      refuseInLink(node as Link, file, options)
      return SKIP
    }
    if (!('children' in node) || !(node.children as PhrasingContent[]).some((child) => child.type === 'text')) return
    const parent = node as Parent
    if (node.type === 'paragraph') refuseExampleMarker(parent.children as PhrasingContent[], file)
    const replaced = readRun(parent.children as PhrasingContent[], file, options)
    if (replaced) parent.children = replaced
  })
}

/** Pandoc reads a citation inside a link's text; Galley cannot nest the two, so it says so. */
function refuseInLink(link: Link, file: VFile, options: CitationOptions): void {
  const holder = { type: 'paragraph', children: structuredClone(link.children) } as Parent
  const messages = file.messages.length
  transformCitations(holder, file, options)
  file.messages.splice(messages)
  visit(holder, (node) => {
    if (node.type !== 'citation' && node.type !== 'crossReference') return
    const key = node.type === 'citation' ? (node as Citation).items[0].key : (node as CrossReference).identifier
    error(file, `Pandoc reads @${key} inside this link's text as a citation, which a link cannot hold: move the citation out of the link's brackets, or write "\\@" to keep the "@" as text`, node.position ?? link.position, 'citation-syntax')
  })
}

/**
 * `@key.`, `@key)` or `(@key)` opening a paragraph is an example-list marker
 * to Pandoc (a numbered "(1)" item), not a citation; Galley has no example
 * lists, so it says so rather than read the paragraph differently.
 */
function refuseExampleMarker(children: PhrasingContent[], file: VFile): void {
  // Most paragraphs start otherwise; reading one's characters costs more than this test.
  const first = children[0]
  if (first?.type !== 'text' || !/^\(?@/.test(first.value)) return
  const tokens = tokensOf(children.slice(0, 1), file)
  const reader = new Reader(tokens, file)
  const open = isChar(tokens[0], '(') ? 1 : 0
  const key = reader.key(open, false)
  if (!key) return
  const close = tokens[key.end]
  const closes = open ? isChar(close, ')') : isChar(close, '.') || isChar(close, ')')
  if (!closes || (tokens[key.end + 1] && !isSpace(tokens[key.end + 1]))) return
  const marker = reader.text(0, key.end + 1)
  error(file, `Pandoc reads "${marker}" at the start of a paragraph as an example-list marker (a numbered item), not a citation: start the paragraph with other words ("As @${key.key} …"), or bracket it ("[@${key.key}].")`, reader.span(0, key.end + 1), 'citation-syntax')
}

/** New children for a run of phrasing content, or undefined when it holds no citation. */
function readRun(children: PhrasingContent[], file: VFile, options: CitationOptions): PhrasingContent[] | undefined {
  // Every citation and cross-reference has an "@" in a text node (an escaped one too, so this keeps all).
  if (!children.some((child) => child.type === 'text' && child.value.includes('@'))) return undefined
  const tokens = tokensOf(children, file)
  const reader = new Reader(tokens, file)
  const result: PhrasingContent[] = []
  let plainFrom = 0
  let found = false
  for (let at = 0; at < tokens.length;) {
    const parsed = reader.citationAt(at)
    if (!parsed) {
      at++
      continue
    }
    found = true
    result.push(...rebuild(tokens.slice(plainFrom, at)))
    const position = reader.span(at, parsed.end)
    result.push(...toNodes(parsed.items, position, file, options))
    at = parsed.end
    plainFrom = at
  }
  if (!found) return undefined
  result.push(...rebuild(tokens.slice(plainFrom)))
  return result
}

class Reader {
  /** `file`: the manuscript, to see how an inline node was written. */
  constructor(private readonly tokens: Token[], private readonly file?: VFile) {}

  /** Whether the token was written starting with one of `chars` (an unescaped character, or a node such as `[^1]`). */
  private opens(at: number, chars: string): boolean {
    const token = this.tokens[at]
    if (!token) return false
    if ('value' in token) return !token.escaped && chars.includes(token.value)
    const first = firstCharOf(token.node, this.file)
    return first !== '' && chars.includes(first)
  }

  span(start: number, end: number): Position | undefined {
    const chars = this.tokens.slice(start, end)
    const first = chars.find((token): token is SourceChar => 'value' in token)
    const last = [...chars].reverse().find((token): token is SourceChar => 'value' in token)
    if (!first?.point || !last?.point) return undefined
    return spanOf([first, last], 0, 2)
  }

  /** A citation starting at `at`: a bracketed cluster, or an in-text one. */
  citationAt(at: number): Parsed | undefined {
    const token = this.tokens[at]
    if (isChar(token, '[')) {
      const cluster = this.bracketed(at)
      if (cluster && !this.linkLike(cluster.end)) return cluster
    }
    if (isChar(token, '@')) return this.inText(at)
    return undefined
  }

  /** `]` right before `(`, `[` or `{` is a link, a reference link or a span to Pandoc, never a cluster. */
  private linkLike(after: number): boolean {
    return this.opens(after, '([{')
  }

  /** `@key`, then optionally ` [@b]` (joined into one cluster) or ` [p. 9]` (its suffix). */
  private inText(at: number): Parsed | undefined {
    const key = this.key(at, false)
    if (!key) return undefined
    const first: ParsedItem = { key: key.key, mode: 'author-in-text', prefix: [], suffix: [], position: this.span(at, key.end) }
    if (CROSS_REFERENCE.test(key.key)) return { items: [first], end: key.end }
    const after = this.spaceAndNewline(key.end)
    const cluster = this.bracketed(after)
    if (cluster && !this.linkLike(cluster.end)) return { items: [first, ...cluster.items], end: cluster.end }
    const located = this.bareSuffix(after, first)
    if (located) return located
    return { items: [first], end: key.end }
  }

  /** `[p. 9]` or `[p. 9; @b]` after an in-text citation. */
  private bareSuffix(at: number, first: ParsedItem): Parsed | undefined {
    if (!isChar(this.tokens[at], '[') || isChar(this.tokens[at + 1], '^')) return undefined
    const suffix = this.suffix(at + 1)
    let end = suffix.end
    let rest: ParsedItem[] = []
    if (isChar(this.tokens[end], ';')) {
      const list = this.list(this.spaceAndNewline(end + 1))
      if (!list) return undefined
      rest = list.items
      end = list.end
    }
    end = this.spaceAndNewline(end)
    if (!isChar(this.tokens[end], ']')) return undefined
    if (this.opens(end + 1, '[(')) return undefined
    return { items: [{ ...first, suffix: suffix.tokens }, ...rest], end: end + 1 }
  }

  /** `[` items separated by `;` `]`. */
  private bracketed(at: number): Parsed | undefined {
    if (!isChar(this.tokens[at], '[')) return undefined
    const list = this.list(this.spaceAndNewline(at + 1))
    if (!list) return undefined
    const end = this.spaceAndNewline(list.end)
    if (!isChar(this.tokens[end], ']')) return undefined
    return { items: list.items, end: end + 1 }
  }

  private list(at: number): Parsed | undefined {
    const items: ParsedItem[] = []
    let next = this.item(at)
    if (!next) return undefined
    for (;;) {
      items.push(next.item)
      if (!isChar(this.tokens[next.end], ';')) return { items, end: next.end }
      const following = this.item(this.spaceAndNewline(next.end + 1))
      // Pandoc's `sepBy1`: a `;` not followed by an item spoils the whole cluster.
      if (!following) return undefined
      next = following
    }
  }

  /** prefix `@key` suffix, or `-@key` (suppress author). */
  private item(at: number): { item: ParsedItem; end: number } | undefined {
    let keyAt = at
    let nested = false
    for (; ; keyAt++) {
      const token = this.tokens[keyAt]
      if (!token || isChar(token, ']')) return undefined
      // Pandoc's prefix ends before "; @key", where no key can start: the cluster fails.
      if (isChar(token, ';') && this.key(this.spaceAndNewline(keyAt + 1), true)) return undefined
      if ((isChar(token, '@') || (isChar(token, '-') && isChar(this.tokens[keyAt + 1], '@'))) && this.key(keyAt, true)) break
      const bracket = this.bracket(keyAt)
      if (bracket) {
        nested ||= bracket.cluster
        keyAt = bracket.end - 1
      }
    }
    const key = this.key(keyAt, true)!
    const suffix = this.suffix(key.end)
    return {
      item: { key: key.key, mode: key.suppress ? 'suppress-author' : 'normal', prefix: trim(this.tokens.slice(at, keyAt)), suffix: suffix.tokens, position: this.span(keyAt, key.end), nestedInPrefix: nested },
      end: suffix.end,
    }
  }

  /**
   * A `[` inside a prefix or suffix: Pandoc's inline parser takes a whole
   * cluster there (a citation nested in the prefix), or a balanced `[…]` as
   * text; an unbalanced `[` is a plain character.
   */
  private bracket(at: number): { end: number; cluster: boolean } | undefined {
    if (!isChar(this.tokens[at], '[')) return undefined
    const cluster = this.bracketed(at)
    if (cluster && !this.linkLike(cluster.end)) return { end: cluster.end, cluster: true }
    let depth = 0
    for (let index = at; index < this.tokens.length; index++) {
      if (isChar(this.tokens[index], '[')) depth++
      if (isChar(this.tokens[index], ']') && --depth === 0) return { end: index + 1, cluster: false }
    }
    return undefined
  }

  /** Up to `;` or `]`: a leading space shrinks to one, the rest is trimmed, as Pandoc's `suffix`. */
  private suffix(at: number): { tokens: Token[]; end: number } {
    const spaced = isSpace(this.tokens[at])
    const start = this.spaceAndNewline(at)
    let end = start
    while (end < this.tokens.length && !isChar(this.tokens[end], ';') && !isChar(this.tokens[end], ']')) end = this.bracket(end)?.end ?? end + 1
    const body = trim(this.tokens.slice(start, end))
    const space = this.tokens[at] as SourceChar
    return { tokens: spaced ? [{ ...space, value: ' ' }, ...body] : body, end }
  }

  /** `@key` or `@{key}` (and `-@key` inside brackets), unless "@" follows a word. */
  key(at: number, allowSuppress: boolean): { key: string; end: number; suppress: boolean } | undefined {
    let index = at
    const suppress = allowSuppress && isChar(this.tokens[index], '-')
    if (suppress) index++
    if (!isChar(this.tokens[index], '@')) return undefined
    const before = this.tokens[at - 1]
    if (before && 'value' in before && !before.escaped && WORD_CHAR.test(before.value)) return undefined
    index++
    const charAt = (i: number) => (isChar(this.tokens[i]) ? (this.tokens[i] as SourceChar).value : undefined)
    if (charAt(index) === '{') {
      let depth = 0
      let end = index
      for (; ; end++) {
        const c = charAt(end)
        if (c === undefined || /\s/.test(c)) return undefined
        if (c === '{') depth++
        if (c === '}' && --depth === 0) break
      }
      const key = this.text(index + 1, end)
      return key ? { key, end: end + 1, suppress } : undefined
    }
    const first = charAt(index)
    if (first === undefined || !(KEY_CHAR.test(first) || first === '*')) return undefined
    let end = index + 1
    for (;;) {
      const c = charAt(end)
      if (c !== undefined && KEY_CHAR.test(c)) end++
      else if (c !== undefined && KEY_INTERNAL.includes(c) && KEY_CHAR.test(charAt(end + 1) ?? '')) end++
      else if ((c === ':' || c === '/') && charAt(end + 1) === '/') end++
      else break
    }
    return { key: this.text(index, end), end, suppress }
  }

  text(start: number, end: number): string {
    return this.tokens.slice(start, end).map((token) => ('value' in token ? token.value : '')).join('')
  }

  /** Pandoc's `spnl`: spaces, at most one line break, spaces. */
  spaceAndNewline(at: number): number {
    let index = at
    while (isChar(this.tokens[index], ' ') || isChar(this.tokens[index], '\t')) index++
    if (isChar(this.tokens[index], '\n')) index++
    while (isChar(this.tokens[index], ' ') || isChar(this.tokens[index], '\t')) index++
    return index
  }
}

function isSpace(token: Token | undefined): boolean {
  return !!token && 'value' in token && /\s/.test(token.value)
}

function trim(tokens: Token[]): Token[] {
  let start = 0
  let end = tokens.length
  while (start < end && isSpace(tokens[start])) start++
  while (end > start && isSpace(tokens[end - 1])) end--
  return tokens.slice(start, end)
}

/** Parsed items → a citation, a cross-reference, or (for a prefixed cross-reference) the words around it. */
function toNodes(items: ParsedItem[], position: Position | undefined, file: VFile, options: CitationOptions): PhrasingContent[] {
  const references = items.filter((item) => CROSS_REFERENCE.test(item.key))
  if (references.length > 0) {
    if (references.length < items.length || items.length > 1) {
      error(file, `Cross-reference @${references[0].key} cannot share brackets with citations or other cross-references: Pandoc would look both up as works in the bibliography; write them apart, as "[@a] (@${references[0].key})"`, references[0].position ?? position, 'citation-syntax')
      return rebuild([])
    }
    const [item] = items
    const node: CrossReference = { type: 'crossReference', kind: item.key.slice(0, item.key.indexOf('-')) as CrossReference['kind'], identifier: item.key, number: 0, data: { cite: describe(item) } }
    if (position) node.position = position
    const prefix = rebuild(item.prefix)
    // Quarto: `[-@fig-x]` reads "1", and the author's prefix stands instead of the word (`[Figure @fig-x]`, "Figure 1").
    if (item.mode === 'suppress-author' || prefix.length > 0) node.bare = true
    return [...prefix, ...(prefix.length ? [space()] : []), node, ...rebuild(item.suffix)]
  }
  for (const item of items) {
    if (item.nestedInPrefix) {
      error(file, `Pandoc reads a bracketed citation inside the prefix of @${item.key} as a citation nested in that prefix: separate the works with ";" ("[@other; see also @${item.key}]")`, item.position ?? position, 'citation-syntax')
    }
    const inner = new Reader(item.suffix)
    const nested = item.suffix.map((_, index) => inner.key(index, false)).find(Boolean)
    if (nested) {
      error(file, `Pandoc reads @${nested.key} inside the suffix of @${item.key} as a citation nested in that suffix: separate the works with ";" ("[@${item.key}; see also @${nested.key}]")`, item.position ?? position, 'citation-syntax')
    }
  }
  const citation: Citation = {
    type: 'citation',
    mode: items[0].mode === 'author-in-text' ? 'narrative' : 'parenthetical',
    items: items.map((item) => citationItem(item, options)),
  }
  if (position) citation.position = position
  return [citation]
}

function citationItem(item: ParsedItem, options: CitationOptions): CitationItem {
  const result: CitationItem = { key: item.key, number: 0, mode: item.mode }
  if (item.position) result.position = item.position
  const prefix = rebuild(item.prefix)
  const suffix = rebuild(item.suffix)
  if (prefix.length > 0) result.prefix = prefix
  if (suffix.length > 0) {
    result.suffix = suffix
    const read = readSuffix(structuredClone(suffix), options.terms)
    if (read.locator) result.locator = read.locator
    const after = read.written ? [{ type: 'text', value: ', ' } as Text, ...read.written, ...read.rest] : read.rest
    if (after.length > 0) result.afterNumber = after
  }
  return result
}

function describe(item: ParsedItem): { mode: CitationMode; prefix: string; suffix: string } {
  return { mode: item.mode, prefix: toString({ type: 'paragraph', children: rebuild(item.prefix) }), suffix: toString({ type: 'paragraph', children: rebuild(item.suffix) }) }
}

function space(): Text {
  return { type: 'text', value: ' ' }
}

/** Where a citation was written, for findings about it. */
export function citationPlace(item: CitationItem): Point | undefined {
  return item.position?.start
}
