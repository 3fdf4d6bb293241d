/**
 * Pandoc's simple, multiline and grid tables, which Galley does not read (it reads GFM's pipe
 * tables, which Pandoc reads too). CommonMark sees their rows as paragraphs and their dash lines
 * as rules, so such a table would come out as scrambled text with no word of why: each gets a
 * `table-unsupported` warning at its first line, the text left as it is.
 *
 * Recognised by what CommonMark makes of them: a grid table is a paragraph opening with a
 * `+---+---+` line; a simple or multiline table has a line of two or more dash runs under its
 * header (or around its rows), `-----  ------`, which CommonMark reads as a thematic break
 * written against the rows beside it, with no blank line between. A break drawn as a lone run
 * of dashes, or standing between blank lines, is a rule.
 */
import type { Parent, Root, RootContent } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'

const GRID_BORDER = /^ {0,3}\+(?:[-=:]+\+){1,}[ \t]*$/
const COLUMN_DASHES = /^ {0,3}-{2,}(?:[ \t]+-{2,})+[ \t]*$/

const ADVICE = 'Galley reads pipe tables only (| Drug | Dose |, then |---|---:|, as Pandoc also reads them): rewrite it as one, or its rows come out as paragraphs'

export function warnAboutPandocTables(tree: Root, file: VFile): void {
  const source = String(file.value)
  const written = (node: RootContent) => {
    const { start, end } = node.position ?? {}
    return start?.offset === undefined || end?.offset === undefined ? undefined : source.slice(start.offset, end.offset)
  }
  // Each table is reported once, at its first line: one table holds several dash lines.
  let reportedUpTo = 0
  visit(tree, (node, index, parent: Parent | undefined) => {
    if (index === undefined || !parent || !node.position || node.position.start.line <= reportedUpTo) return
    const text = written(node as RootContent)
    if (text === undefined) return
    if (node.type === 'paragraph' && GRID_BORDER.test(text.split('\n', 1)[0]!)) {
      warn(file, `This is a Pandoc grid table. ${ADVICE}`, node.position.start, 'table-unsupported')
      reportedUpTo = node.position.end.line
      return
    }
    if (node.type !== 'thematicBreak' || !COLUMN_DASHES.test(text)) return
    const line = node.position.start.line
    const before = parent.children[index - 1]
    const after = parent.children[index + 1]
    const touches = (sibling: RootContent | undefined, at: number) => sibling?.position && (at === line - 1 ? sibling.position.end.line === at : sibling.position.start.line === at)
    const header = touches(before, line - 1) ? before! : undefined
    if (!header && !touches(after, line + 1)) return
    // A multiline table opens with a row of dashes over its header.
    const over = header && parent.children[index - 2]
    const opening = over && over.type === 'thematicBreak' && over.position && over.position.end.line === header.position!.start.line - 1 ? over : undefined
    warn(file, `This is a Pandoc ${opening ? 'multiline' : 'simple'} table. ${ADVICE}`, (opening ?? header ?? node).position!.start, 'table-unsupported')
    // The rest of the table, not reported again: its rows (a multiline table's are apart by
    // blank lines, up to its closing row of dashes) and its caption.
    let end = node.position.end.line
    let closed = !opening
    for (const next of parent.children.slice(index + 1)) {
      const gap = (next.position?.start.line ?? Infinity) - end - 1
      const caption = gap <= 1 && next.type === 'paragraph' && /^(?:Table)?:/.test(written(next) ?? '')
      if (!(gap === 0 || (gap === 1 && !closed) || caption)) break
      if (next.type === 'thematicBreak') closed = true
      end = next.position!.end.line
      if (caption) break
    }
    reportedUpTo = end
  })
}
