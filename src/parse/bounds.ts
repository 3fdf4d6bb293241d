/**
 * Bounds on what a manuscript may ask of the parser and the emitters, checked
 * before they run: micromark's time grows with the cube of container nesting
 * (200 nested list levels take 3 s, 500 take 12 s, 5,000 never end), and the
 * emitters recurse once per level of the tree.
 */
import type { Root } from 'mdast'
import type { Node, Parent } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../diagnostics/messages.ts'
import { openingFence } from './fenced-divs.ts'

/** Containers (block quotes, list levels) one line may open: deeper than any letter, shallow enough to parse at once. */
export const MAX_CONTAINER_NESTING = 64
/** Levels of the syntax tree (blocks and inline markup together). */
export const MAX_TREE_DEPTH = 200

/**
 * The containers a line sits in, estimated from its prefix: each `>` and list
 * marker, and every two columns of indentation (the least a nested list needs),
 * plus the fenced divs open around it.
 * Returns the first line over the bound.
 */
export function checkNesting(file: VFile): boolean {
  const lines = String(file.value).split('\n')
  // Fenced divs open containers too, each line read once more per div around it.
  let divs = 0
  for (let index = 0; index < lines.length; index++) {
    const fence = /^[\s>]*(:{3,}.*)$/.exec(lines[index])?.[1]
    if (fence !== undefined && openingFence(fence) !== undefined) divs++
    else if (fence !== undefined && /^:+\s*$/.test(fence)) divs = Math.max(0, divs - 1)
    const depth = containerDepth(lines[index]) + divs
    if (depth > MAX_CONTAINER_NESTING) {
      error(file, `This line is nested about ${depth} block quotes, list levels or fenced divs deep; Galley reads at most ${MAX_CONTAINER_NESTING}: flatten the structure`, { line: index + 1, column: 1 }, 'nesting-too-deep')
      return false
    }
  }
  return true
}

function containerDepth(line: string): number {
  let markers = 0
  let columns = 0
  for (let at = 0; at < line.length;) {
    const char = line[at]
    if (char === ' ') columns += 1
    else if (char === '\t') columns += 4
    else {
      const marker = /^(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/.exec(line.slice(at, at + 11))
      if (!marker) break
      markers += 1
      at += marker[0].length
      // The one space that follows a marker belongs to it, not to a deeper level.
      if (line[at] === ' ') at += 1
      continue
    }
    at += 1
  }
  return markers + Math.floor(columns / 2)
}

/** The tree's depth, walked without recursion; the deepest node over the bound is the finding. */
export function checkTreeDepth(tree: Root, file: VFile): boolean {
  const stack: Array<[Node, number]> = [[tree, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (depth > MAX_TREE_DEPTH) {
      error(file, `Markup nested ${MAX_TREE_DEPTH} levels deep here (lists, quotes, emphasis, links inside each other); Galley reads at most ${MAX_TREE_DEPTH}: flatten it`, node.position, 'nesting-too-deep')
      return false
    }
    for (const child of (node as Parent).children ?? []) stack.push([child, depth + 1])
  }
  return true
}
