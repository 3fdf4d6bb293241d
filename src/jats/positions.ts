/**
 * From a line of the generated XML back to the Markdown that made it. The
 * serialized XML is parsed again with positions, and its elements are paired
 * with the emitted tree's in document order (serializing adds only whitespace
 * and one kind of raw text, never elements); the emitted element carries the
 * Markdown position `state.patch` gave it, or its nearest ancestor does.
 */
import type { Position } from 'unist'
import type { Element, Nodes, Root } from 'xast'
import { fromXml } from 'xast-util-from-xml'

interface Placed {
  element: Element
  parent: number | undefined
}

/** Every element in document order, with the index of its parent element. */
function elementsInOrder(root: Root): Placed[] {
  const found: Placed[] = []
  const walk = (node: Nodes, parent: number | undefined) => {
    let self = parent
    if (node.type === 'element') {
      found.push({ element: node, parent })
      self = found.length - 1
    }
    if ('children' in node) for (const child of node.children) walk(child, self)
  }
  walk(root, undefined)
  return found
}

/**
 * The element a libxml2 problem names: the one starting on its line, named in
 * its message (`Element p content …`, `… of element xref`), or carrying the
 * unknown ID it quotes; else the innermost element spanning the line.
 */
function problemElement(parsed: readonly Placed[], line: number, message: string): number | undefined {
  const name = /\belement (\S+?)[:,]?\s/i.exec(`${message} `)?.[1]
  const idref = /attribute (\S+) references an unknown ID "([^"]*)"/.exec(message)
  const starting = parsed.flatMap(({ element }, index) => (element.position?.start.line === line ? [index] : []))
  const matches = (index: number) => {
    const { element } = parsed[index]
    if (idref) return element.attributes[idref[1]] === idref[2]
    return name === undefined || element.name === name
  }
  const named = starting.find(matches)
  if (named !== undefined) return named
  let innermost: number | undefined
  parsed.forEach(({ element }, index) => {
    const { start, end } = element.position ?? {}
    if (start && end && start.line <= line && end.line >= line) innermost = index
  })
  return innermost
}

/** The Markdown position behind a problem at `line` of `xml`, serialized from `root`; undefined when none is known. */
export function markdownPositionAt(root: Root, xml: string, line: number, message: string): Position | undefined {
  let parsedRoot: Root
  try {
    parsedRoot = fromXml(xml)
  } catch {
    return undefined // not well-formed: only the XML's own line is known
  }
  const emitted = elementsInOrder(root)
  const parsed = elementsInOrder(parsedRoot)
  if (emitted.length !== parsed.length) return undefined
  for (let index = problemElement(parsed, line, message); index !== undefined; index = emitted[index].parent) {
    const { position } = emitted[index].element
    if (position) return position
  }
  return undefined
}
