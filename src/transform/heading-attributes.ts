/**
 * Pandoc's heading attributes: `## Methods {#sec-methods .appendix}` ends in
 * an attribute block, which is taken off the heading's words and kept on the
 * node (`data.id`, `data.classes`). What counts as one is what Pandoc reads
 * (tests/pandoc/heading-attributes.test.ts): the block must end the heading's
 * line, written plainly as the last text (not escaped, not code, not before a
 * closing `##`); only the last of two blocks is read.
 */
import type { Heading, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { error, warn } from '../diagnostics/messages.ts'
import { SECTION_ID } from './cross-references.ts'
import { parseAttributes } from './attributes.ts'

const TRAILING_BLOCK = /\{[^{}]*\}\s*$/
/** After the block, the line ends; a setext heading's underline may follow. */
const LINE_END = /^[ \t]*(?:\r?\n[ \t]*(?:=+|-+)[ \t]*)?$/
/** An XML ID (JATS `sec/@id`) that is also a fine HTML id. */
const XML_ID = /^[A-Za-z_][\w.-]*$/
/** Ids Galley gives its own elements in JATS or HTML (references, notes, affiliations, correspondence, appendices, titles). */
const GALLEY_IDS = /^(?:(?:B|fn|aff|cor|app)\d+|aff-.*|corresp|.*-title|user-content-.*)$/

/** Why `id` cannot be an element's in both outputs (`taken` says how it is taken, when it is in `seen`); undefined when it can. */
export function idProblem(id: string, seen: ReadonlySet<string>, taken: string): string | undefined {
  return !XML_ID.test(id) ? 'must start with a letter and hold only letters, digits, "-", "_" and "."'
    : seen.has(id) ? taken
      : GALLEY_IDS.test(id) ? 'is one Galley gives its own elements' : undefined
}

/** `seen`: the ids of headings read before, in another root (the body, then the abstracts). */
export function readHeadingAttributes(tree: Root, file: VFile, seen = new Set<string>()): void {
  const source = String(file.value)
  visit(tree, 'heading', (heading) => {
    const attributes = takeAttributes(heading, source)
    if (!attributes) return
    heading.data = { ...heading.data, classes: attributes.classes, values: attributes.values }
    const { id } = attributes
    if (id === undefined) return
    // `@sec-x` could not tell two such sections apart: which one is meant is the author's to say.
    if (seen.has(id) && SECTION_ID.test(id)) {
      error(file, `Heading id "${id}" is used by an earlier heading: a reference @${id} could not tell the two sections apart, so give this one another id`, heading.position?.start, 'section-duplicate-id')
      return
    }
    const why = idProblem(id, seen, 'is used by an earlier heading')
    if (why) {
      warn(file, `Heading id "${id}" ${why}: the section is set without it`, heading.position?.start, 'heading-id')
      return
    }
    seen.add(id)
    heading.data.id = id
  })
}

function takeAttributes(heading: Heading, source: string): ReturnType<typeof parseAttributes> {
  const last = heading.children.at(-1)
  if (last?.type !== 'text') return undefined
  const block = TRAILING_BLOCK.exec(last.value)
  const end = last.position?.end.offset
  if (!block || end === undefined || heading.position?.end.offset === undefined) return undefined
  const written = block[0].trimEnd()
  // The text's value loses escapes: `\{.x}` reads as `{.x}` but is no block.
  const start = end - (last.value.length - block.index)
  if (source.slice(start, start + written.length) !== written || source[start - 1] === '\\') return undefined
  if (!LINE_END.test(source.slice(start + written.length, heading.position.end.offset))) return undefined
  const attributes = parseAttributes(written)
  if (!attributes) return undefined
  last.value = last.value.slice(0, block.index).trimEnd()
  if (last.position) last.position.end = { ...last.position.end, offset: start, column: last.position.end.column - (end - start) }
  if (last.value === '') heading.children.pop()
  return attributes
}

/** Once figures, tables and equations have their ids: a heading may not take one of them. */
export function releaseClashingIds(tree: Root, taken: ReadonlySet<string>, file: VFile): void {
  visit(tree, 'heading', (heading) => {
    const id = heading.data?.id
    if (id === undefined || !taken.has(id)) return
    warn(file, `Heading id "${id}" is also a figure's, table's or equation's: the section is set without it`, heading.position?.start, 'heading-id')
    delete heading.data!.id
  })
}
