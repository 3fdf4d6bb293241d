/**
 * Each character of an mdast text node, matched back to the manuscript: its
 * place in the file, and whether it was written escaped (`\[`, `&#91;`).
 * remark removes the backslash from text values, but Pandoc's grammar treats
 * `\[@a\]` as literal brackets, so transforms that read syntax in text need
 * to know. A text with no place in the file (a title from YAML) counts as
 * written plainly.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference'
import type { PhrasingContent, Text } from 'mdast'
import type { Point } from 'unist'
import type { VFile } from 'vfile'

export interface SourceChar {
  value: string
  escaped: boolean
  point?: Point
}

const lineStarts = new WeakMap<VFile, number[]>()

function startsOf(file: VFile): number[] {
  let starts = lineStarts.get(file)
  if (!starts) {
    starts = [0]
    const source = String(file.value ?? '')
    for (let index = 0; index < source.length; index++) if (source[index] === '\n') starts.push(index + 1)
    lineStarts.set(file, starts)
  }
  return starts
}

const REFERENCE = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/
const ESCAPABLE = /[!-/:-@[-`{-~]/

/** The characters of `text`, aligned with the file; plain characters without places when they cannot be aligned. */
export function sourceChars(text: Text, file: VFile | undefined): SourceChar[] {
  const plain = (): SourceChar[] => text.value.split('').map((value) => ({ value, escaped: false }))
  const start = text.position?.start
  if (!file || !start) return plain()
  const source = String(file.value ?? '')
  const starts = startsOf(file)
  if (start.line > starts.length) return plain()
  let at = starts[start.line - 1] + start.column - 1
  const chars: SourceChar[] = []
  const value = text.value
  let index = 0
  // `at` only moves forward, so its line does too: no search per character.
  let line = start.line - 1
  const pointAt = (offset: number): Point => {
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++
    return { line: line + 1, column: offset - starts[line] + 1, offset }
  }
  while (index < value.length) {
    const wanted = value[index]
    const here = source[at]
    if (here === undefined) return plain()
    // Before plain equality: `\\[` is an escaped backslash, then a plain bracket.
    if (here === '\\' && source[at + 1] === wanted && ESCAPABLE.test(wanted)) {
      chars.push({ value: wanted, escaped: true, point: pointAt(at) })
      index++
      at += 2
      continue
    }
    if (here === wanted) {
      chars.push({ value: wanted, escaped: false, point: pointAt(at) })
      index++
      at++
      continue
    }
    const reference = here === '&' ? REFERENCE.exec(source.slice(at, at + 40)) : null
    const decoded = reference ? decode(reference) : undefined
    if (reference && decoded && value.startsWith(decoded, index)) {
      for (const unit of decoded) chars.push({ value: unit, escaped: true, point: pointAt(at) })
      index += decoded.length
      at += reference[0].length
      continue
    }
    // Indentation, block-quote markers and trailing spaces that the text value leaves out.
    if (/[ \t\r>]/.test(here) || (here === '\n' && wanted !== '\n')) {
      at++
      continue
    }
    return plain()
  }
  return chars
}

function decode(reference: RegExpExecArray): string | undefined {
  const [, decimal, hex, name] = reference
  if (name) return decodeNamedCharacterReference(name) || undefined
  const code = decimal ? Number(decimal) : Number.parseInt(hex, 16)
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd'
}

/** Where chars[start, end) were written, when they were. */
export function spanOf(chars: readonly SourceChar[], start: number, end: number): { start: Point; end: Point } | undefined {
  const first = chars[start]?.point
  const last = chars[end - 1]
  if (!first || !last?.point) return undefined
  const width = last.escaped ? 2 : 1
  return { start: first, end: { ...last.point, column: last.point.column + width, offset: last.point.offset! + width } }
}

/** A text node for chars[start, end), placed where it was written. */
export function textOf(chars: readonly SourceChar[], start: number, end: number): Text {
  const node: Text = { type: 'text', value: chars.slice(start, end).map((char) => char.value).join('') }
  const position = spanOf(chars, start, end)
  if (position) node.position = position
  return node
}

/** The character a node was written with first (captions move lines and columns, not offsets). */
export function firstCharOf(node: { position?: { start: Point } }, file: VFile | undefined): string {
  const start = node.position?.start
  if (!file || !start) return ''
  const starts = startsOf(file)
  return String(file.value ?? '')[(starts[start.line - 1] ?? Infinity) + start.column - 1] ?? ''
}

/** A run of phrasing content as characters of text, and every other inline node as one token. */
export type Token = SourceChar | { node: PhrasingContent }

export function tokensOf(children: readonly PhrasingContent[], file: VFile | undefined): Token[] {
  // A loop, not flatMap: flatMap over a paragraph's thousands of characters was a tenth of prepare.
  const tokens: Token[] = []
  for (const child of children) {
    if (child.type !== 'text') tokens.push({ node: child })
    else for (const char of sourceChars(child, file)) tokens.push(char)
  }
  return tokens
}

/** Tokens back to phrasing content: runs of characters become text nodes placed where they were written. */
export function rebuild(tokens: readonly Token[]): PhrasingContent[] {
  const content: PhrasingContent[] = []
  let run: SourceChar[] = []
  const flush = () => {
    if (run.length > 0) content.push(textOf(run, 0, run.length))
    run = []
  }
  for (const token of tokens) {
    if ('node' in token) {
      flush()
      content.push(token.node)
    } else run.push(token)
  }
  flush()
  return content
}

/** An unescaped character of text (one of `value`, when given). */
export const isChar = (token: Token | undefined, value?: string): token is SourceChar =>
  !!token && 'value' in token && !token.escaped && (value === undefined || token.value === value)
