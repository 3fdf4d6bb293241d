/**
 * Pandoc citation syntax in text → `citation` and `crossReference` nodes:
 *   [@a]  [@a; @b]  [@a, p. 5]  narrative @a   and  @fig-x / @tbl-x
 * Numbers are assigned later (citations/number.ts), once keys are known.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast'
import type { Point } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { error } from '../diagnostics/messages.ts'
import type { Citation, CitationItem, CrossReference } from '../types.ts'

/** Where each cited key was written, for diagnostics. */
export interface CitationUse {
  item: CitationItem
  start: Point
  end: Point
}

/** A key: starts with a letter, digit or _, internal punctuation allowed, never trailing. */
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`
const CLUSTER = new RegExp(String.raw`\[(-?@${KEY}[^\[\]]*)\]`, 'gu')
const NARRATIVE = new RegExp(String.raw`(?<![\p{L}\p{N}_@.])@(${KEY})`, 'gu')
const ITEM = new RegExp(String.raw`^\s*(-?)@(${KEY})\s*(?:,\s*(.*?))?\s*$`, 'u')
const CROSS_REFERENCE = /^(fig|tbl)-/

export function transformCitations(tree: Root, file: VFile): CitationUse[] {
  const uses: CitationUse[] = []
  visit(tree, (node, index, parent) => {
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'link' || node.type === 'yaml') return SKIP
    if (node.type !== 'text' || !parent || index === undefined) return
    const replacement = splitText(node, file, uses)
    if (!replacement) return
    ;(parent as Parent).children.splice(index, 1, ...(replacement as PhrasingContent[]))
    return index + replacement.length
  })
  return uses
}

interface Match {
  start: number
  end: number
  node: Citation | CrossReference
}

function splitText(text: Text, file: VFile, uses: CitationUse[]): Array<PhrasingContent> | undefined {
  const matches: Match[] = []
  const at = pointer(text)
  for (const cluster of text.value.matchAll(CLUSTER)) {
    const start = cluster.index!
    const end = start + cluster[0].length
    const node = parseCluster(cluster[1], start + 1, text, file, uses, at)
    if (node) matches.push({ start, end, node: withPosition(node, at(start), at(end)) })
  }
  for (const narrative of text.value.matchAll(NARRATIVE)) {
    const start = narrative.index!
    const end = start + narrative[0].length
    if (matches.some((match) => start >= match.start && start < match.end)) continue
    const key = narrative[1]
    const node = CROSS_REFERENCE.test(key)
      ? crossReference(key)
      : citation('narrative', [use({ key, number: 0 }, at(start), at(end), uses)])
    matches.push({ start, end, node: withPosition(node, at(start), at(end)) })
  }
  if (matches.length === 0) return undefined
  matches.sort((a, b) => a.start - b.start)
  const result: PhrasingContent[] = []
  let offset = 0
  for (const match of matches) {
    if (match.start > offset) result.push(slice(text, offset, match.start, at))
    result.push(match.node as PhrasingContent)
    offset = match.end
  }
  if (offset < text.value.length) result.push(slice(text, offset, text.value.length, at))
  return result
}

function parseCluster(body: string, bodyOffset: number, text: Text, file: VFile, uses: CitationUse[], at: (offset: number) => Point): Citation | CrossReference | undefined {
  const items: CitationItem[] = []
  let offset = bodyOffset
  for (const part of body.split(';')) {
    const match = ITEM.exec(part)
    const start = at(offset + part.search(/\S/))
    if (!match) {
      error(file, `Cannot read "${part.trim()}" as a citation: write [@key], [@key, p. 5] or [@a; @b]`, start, 'citation-syntax')
      return undefined
    }
    const [, , key, locator] = match
    if (CROSS_REFERENCE.test(key)) {
      if (body.includes(';')) error(file, `Cross-reference @${key} cannot share brackets with citations`, start, 'citation-syntax')
      return crossReference(key)
    }
    items.push(use({ key, number: 0, ...(locator ? { locator } : {}) }, start, at(offset + part.length), uses))
    offset += part.length + 1
  }
  return citation('parenthetical', items)
}

function use(item: CitationItem, start: Point, end: Point, uses: CitationUse[]): CitationItem {
  uses.push({ item, start, end })
  return item
}

function citation(mode: Citation['mode'], items: CitationItem[]): Citation {
  return { type: 'citation', mode, items }
}

function crossReference(key: string): CrossReference {
  return { type: 'crossReference', kind: key.slice(0, 3) as 'fig' | 'tbl', identifier: key, number: 0 }
}

function withPosition<T extends Citation | CrossReference>(node: T, start: Point, end: Point): T {
  node.position = { start, end }
  return node
}

function slice(text: Text, start: number, end: number, at: (offset: number) => Point): Text {
  return { type: 'text', value: text.value.slice(start, end), position: { start: at(start), end: at(end) } }
}

/** Offset in the text's value → point in the file (soft line breaks are kept as "\n"). */
function pointer(text: Text): (offset: number) => Point {
  const origin = text.position?.start ?? { line: 1, column: 1 }
  const value = text.value
  return (offset) => {
    let line = origin.line
    let column = origin.column
    for (let index = 0; index < offset; index++) {
      if (value[index] === '\n') { line++; column = 1 } else column++
    }
    return { line, column }
  }
}
