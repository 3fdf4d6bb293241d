/**
 * The machinery every JATS handler shares, in mdast-util-to-hast's shape: a
 * table of handlers `(state, node, parent)` keyed by mdast node type, a state
 * that walks children with `one`/`all`, `patch` to carry Markdown positions
 * onto the XML, and the link definitions for reference-style links. Adding a
 * node type means adding one handler to the table.
 */
import type { Definition, Nodes as MdastNodes, Parents as MdastParents } from 'mdast'
import type { Node as UnistNode } from 'unist'
import { position } from 'unist-util-position'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { ElementContent } from 'xast'
import { warnUnsupportedNode } from '../diagnostics/messages.ts'
import type { Article, Footnote, Reference } from '../types.ts'
import { text } from './elements.ts'

// The small element builders every handler module uses, from one place.
export { leaf, text, unlessEmpty, wrapBlocks } from './elements.ts'

export type JatsContent = ElementContent
export type HandlerResult = JatsContent | JatsContent[] | undefined

/** What a handler's parent may be: an mdast parent, or a bare list of children (a caption, a title). */
export type ParentNode = MdastParents | { type?: undefined; children: readonly UnistNode[] }

export type Handler<Node = MdastNodes> = (state: State, node: Node, parent: ParentNode | undefined) => HandlerResult

/** One optional handler per mdast type (Galley's own included). */
export type Handlers = {
  [Type in MdastNodes['type']]?: Handler<Extract<MdastNodes, { type: Type }>>
}

export interface Options {
  /** Handlers to add or to use instead of Galley's, by node type. */
  handlers?: Handlers
  /** Where findings about the manuscript go (default: the article's file). */
  file?: VFile
}

export interface State {
  article: Article
  handlers: Handlers
  /** Findings met while emitting (unknown nodes) go here, positioned in the manuscript. */
  file: VFile
  referencesByKey: ReadonlyMap<string, Reference>
  /** Link and image definitions by upper-cased identifier, the first of each winning as in CommonMark. */
  definitionById: ReadonlyMap<string, Definition>
  /** Referenced footnotes by identifier, numbered in order of first reference. */
  footnotes: ReadonlyMap<string, Footnote>
  /** The JATS for one node, always as a list (possibly empty). */
  one(node: UnistNode, parent?: ParentNode): JatsContent[]
  /** The JATS for the children of a parent, in order. */
  all(parent: ParentNode): JatsContent[]
  /** Copy the Markdown position of `from` onto `to`, so that findings about the XML can point at the manuscript. */
  patch<To extends JatsContent>(from: UnistNode, to: To): To
}

/**
 * Node types no JATS handler sets where they stand, on purpose. Anything else
 * without a handler keeps its content and gets a `node-unsupported` warning.
 */
export const DROPPED: Readonly<Record<string, string>> = {
  definition: 'a link definition: its URL is used where `[text][ref]` or `![alt][ref]` refers to it',
  footnoteDefinition: 'set in the back matter\'s <fn-group>, numbered in order of first reference',
  yaml: 'the front matter, read into <front>',
  toml: 'front matter Galley does not read',
  html: 'raw HTML, reported as `html-dropped` when the manuscript is read',
  thematicBreak: 'a scene break JATS has no element for; sections come from headings',
}

export function createState(article: Article, handlers: Handlers, options: Options = {}): State {
  const table = { ...handlers, ...options.handlers }
  // Typed per node type for authors of handlers; looked up by a runtime string here.
  const byType = table as unknown as Record<string, Handler<UnistNode> | undefined>
  const state: State = {
    article,
    handlers: table,
    file: options.file ?? article.file,
    referencesByKey: new Map(article.references.map((reference) => [reference.key, reference])),
    definitionById: definitions(article),
    footnotes: new Map(article.footnotes.map((footnote) => [footnote.identifier, footnote])),
    one(node, parent) {
      const handler = Object.hasOwn(byType, node.type) ? byType[node.type] : undefined
      const result = handler ? handler(state, node, parent) : unknown(state, node)
      return result === undefined ? [] : Array.isArray(result) ? result : [result]
    },
    all(parent) {
      return (parent.children ?? []).flatMap((child) => state.one(child, parent))
    },
    patch(from, to) {
      if (from.position) to.position = position(from)
      return to
    },
  }
  return state
}

function definitions(article: Article): Map<string, Definition> {
  const byId = new Map<string, Definition>()
  visit(article.tree, 'definition', (node) => {
    const id = node.identifier.toUpperCase()
    if (!byId.has(id)) byId.set(id, node)
  })
  return byId
}

/** A node no handler knows: its content is kept (as before), and the author is told. */
function unknown(state: State, node: UnistNode): HandlerResult {
  if (Object.hasOwn(DROPPED, node.type)) return undefined
  warnUnsupportedNode(state.file, node, 'JATS')
  if ('children' in node) return state.all(node as { children: UnistNode[] })
  if ('value' in node && typeof node.value === 'string') return text(node.value)
  return undefined
}
