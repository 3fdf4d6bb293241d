/**
 * The machinery every JATS handler shares, after mdast-util-to-hast: a table
 * of handlers keyed by mdast node type, and a state that walks children with
 * `one`/`all`. Adding a node type means adding one handler to the table.
 */
import type { Nodes as MdastNodes, Parent as MdastParent } from 'mdast'
import type { Node as UnistNode } from 'unist'
import type { Element, ElementContent } from 'xast'
import { x } from 'xastscript'
import type { Article, Reference } from '../types.ts'
import { collectFootnotes, type Footnote } from './footnotes.ts'

export type JatsContent = ElementContent
export type HandlerResult = JatsContent | JatsContent[] | undefined

export type Handler<Node = MdastNodes> = (node: Node, state: State) => HandlerResult

/** One optional handler per mdast type, plus the fallback for types nobody handles. */
export type Handlers = {
  [Type in MdastNodes['type']]?: Handler<Extract<MdastNodes, { type: Type }>>
} & { unknown: Handler<UnistNode> }

export interface State {
  article: Article
  handlers: Handlers
  referencesByKey: ReadonlyMap<string, Reference>
  /** Referenced footnotes by identifier, numbered in order of first reference. */
  footnotes: ReadonlyMap<string, Footnote>
  /** The JATS for one node, always as a list (possibly empty). */
  one(node: UnistNode): JatsContent[]
  /** The JATS for the children of a parent, in order. */
  all(parent: MdastParent | { children?: readonly UnistNode[] }): JatsContent[]
}

export function createState(article: Article, handlers: Handlers): State {
  const state: State = {
    article,
    handlers,
    referencesByKey: new Map(article.references.map((reference) => [reference.key, reference])),
    footnotes: collectFootnotes(article.tree),
    one(node) {
      // Typed per node type for authors of handlers; looked up by a runtime string here.
      const table = handlers as unknown as Record<string, Handler<UnistNode> | undefined>
      const handler = table[node.type] ?? handlers.unknown
      const result = handler(node, state)
      return result === undefined ? [] : Array.isArray(result) ? result : [result]
    },
    all(parent) {
      return (parent.children ?? []).flatMap((child) => state.one(child))
    },
  }
  return state
}

/**
 * The element, or nothing when it ended up without content: JATS output never
 * carries empty elements standing in for absent data.
 */
export function unlessEmpty(element: Element): Element | undefined {
  return element.children.length > 0 ? element : undefined
}

/** An element holding one text value, or nothing when the value is absent or blank. */
export function leaf(
  name: string,
  value: string | number | undefined | null,
  attributes: Record<string, string | undefined> = {},
): Element | undefined {
  const text = value === undefined || value === null ? '' : String(value).trim()
  return text ? x(name, attributes, text) : undefined
}

export function text(value: string): JatsContent {
  return { type: 'text', value }
}
