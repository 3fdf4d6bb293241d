/**
 * Pandoc's line blocks: a paragraph whose lines start with `| ` (or a lone
 * `|`, an empty line) is verse or an address, each line kept as written. A
 * line starting with a space continues the line above; spaces after the
 * `| ` are kept as no-break spaces; the block ends at the first line that
 * is neither, which starts a paragraph of its own (as Pandoc reads it,
 * tests/pandoc/line-blocks.test.ts).
 */
import type { Paragraph, Parent, Root, RootContent } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Line, LineBlock } from '../types.ts'
import { type SourceChar, type Token, isChar, rebuild, tokensOf } from './source-chars.ts'

export function transformLineBlocks(tree: Root, file: VFile): void {
  visit(tree, 'paragraph', (paragraph, index, parent) => {
    if (!parent || index === undefined) return
    const first = paragraph.children[0]
    if (first?.type !== 'text' || !/^\|(?: |\n|$)/.test(first.value)) return
    const replacement = lineBlock(paragraph, file)
    if (!replacement) return
    ;(parent as Parent).children.splice(index, 1, ...(replacement as RootContent[]))
    return [SKIP, index + replacement.length]
  })
}

/** The paragraph as a line block, and the paragraph its lines after the block make; undefined when it is none. */
function lineBlock(paragraph: Paragraph, file: VFile): Array<LineBlock | Paragraph> | undefined {
  const rows = splitLines(tokensOf(paragraph.children, file))
  if (!isChar(rows[0][0], '|')) return undefined
  const indent = paragraph.position?.start.column
  const lines: Token[][] = []
  let end = 0
  for (; end < rows.length; end++) {
    const row = rows[end]
    if (isChar(row[0], '|') && (row.length === 1 || isChar(row[1], ' '))) {
      lines.push(withKeptSpaces(row.slice(2)))
      continue
    }
    // Continuation lines lose their indent to the paragraph; their first character's column keeps it.
    const column = (row[0] as SourceChar | undefined)?.point?.column
    if (end === 0 || !column || !indent || column <= indent) break
    lines.at(-1)!.push({ value: ' ', escaped: false }, ...row)
  }
  const block: LineBlock = {
    type: 'lineBlock',
    children: lines.map((line): Line => ({ type: 'line', children: rebuild(line) })),
  }
  if (paragraph.position) block.position = { ...paragraph.position }
  if (end === rows.length) return [block]
  const rest = rows.slice(end).flatMap((row, at) => (at === 0 ? row : [{ value: '\n', escaped: false }, ...row]))
  const after: Paragraph = { type: 'paragraph', children: rebuild(rest) }
  const start = (rows[end][0] as SourceChar | undefined)?.point
  if (start && paragraph.position) {
    after.position = { start, end: paragraph.position.end }
    block.position!.end = (rows[end - 1].at(-1) as SourceChar | undefined)?.point ?? block.position!.end
  }
  return [block, after]
}

/** The paragraph's tokens by line: at each newline and each hard break. */
function splitLines(tokens: readonly Token[]): Token[][] {
  const rows: Token[][] = [[]]
  for (const token of tokens) {
    if (isChar(token, '\n') || ('node' in token && token.node.type === 'break')) rows.push([])
    else rows.at(-1)!.push(token)
  }
  return rows
}

/** Leading spaces of a line are kept: Pandoc makes them no-break spaces. */
function withKeptSpaces(line: Token[]): Token[] {
  for (const token of line) {
    if (!isChar(token, ' ')) break
    token.value = '\u00a0'
  }
  return line
}
