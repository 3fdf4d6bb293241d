/**
 * Where a YAML scalar's text sits in the file, so that Markdown parsed out of
 * it (an abstract) carries the manuscript's lines and columns.
 */
import type { Point } from 'unist'
import { isScalar, type Node as YamlNode } from 'yaml'
import type { FrontMatter } from './front-matter.ts'

/** Maps a point in the scalar's value (line 1 is its first line) to a point in the file. */
export type Placement = (point: Point) => Point

/**
 * A literal block (`abstract: |`) keeps its lines: value line n is the n-th
 * line under the key, indented. A one-line plain or quoted scalar keeps its
 * columns, unless it holds an escape. Folded and multi-line flow scalars join their lines, so the value
 * no longer matches the source line by line: every point goes to where the
 * scalar starts, which is still the right key to look at.
 */
export function scalarPlacement(node: YamlNode | null | undefined, yaml: FrontMatter, toOffset: (point: Point) => number | undefined): Placement {
  const [from = 0, to = from] = node?.range ?? []
  // No offset: the value's text is not at this place, and must not be reread from there.
  const { line, column } = yaml.pointAt(from)
  const start = { line, column }
  const atStart: Placement = () => start
  if (!isScalar(node)) return atStart
  const source = yaml.text.slice(from, to)
  if (node.type === 'BLOCK_LITERAL') {
    const lines = source.split('\n').slice(1)
    // An explicit indentation indicator (`|2`) is rare enough to be read as the first line's.
    const indent = lines.find((line) => line.trim() !== '')?.match(/^ */)?.[0].length ?? 0
    return (point) => exact({ line: start.line + point.line, column: point.column + indent }, toOffset)
  }
  if (source.includes('\n') || node.type === 'BLOCK_FOLDED') return atStart
  const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0
  // An escape (`\\`, `\"`, `''`) makes the value shorter than its source: columns after it would be off.
  if (source.slice(quote, source.length - quote) !== String(node.value)) return atStart
  return (point) => (point.line === 1 ? exact({ line: start.line, column: start.column + quote + point.column - 1 }, toOffset) : start)
}

/** An exact place has its file offset too, which transforms that reread the source (math's `$` rules) need. */
function exact(point: Point, toOffset: (point: Point) => number | undefined): Point {
  const offset = toOffset(point)
  return offset === undefined ? point : { ...point, offset }
}
