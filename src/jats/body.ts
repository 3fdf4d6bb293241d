/**
 * `<body>`: one handler `(state, node, parent)` per mdast node type, in the
 * order and under the names of mdast-util-to-hast's handlers (then Galley's
 * own), and the sectioning that turns the flat heading/content sequence of
 * the root into nested `<sec>`s.
 */
import path from 'node:path'
import type { Definition, Image, ImageReference, Link, LinkReference, Root, Table, TableCell, TableRow } from 'mdast'
import type { Element } from 'xast'
import { x } from 'xastscript'
import { clusterParts, narrativeAuthors } from '../citations/cluster.ts'
import type { Citation, CitationItem, CrossReference, DeclarationKind, Span } from '../types.ts'
import type { DefListNode } from 'mdast-util-definition-list'
import { warn } from '../diagnostics/messages.ts'
import { crossReferenceWord, sectionWord } from '../template/words.ts'
import { displayMath, inlineMath } from './math.ts'
import { supplementaryLink } from './supplementary.ts'
import { type Handlers, type JatsContent, type ParentNode, type State, text, unlessEmpty, wrapBlocks } from './state.ts'

export const bodyHandlers: Handlers = {
  blockquote: (state, node) => unlessEmpty(state.patch(node, x('disp-quote', {}, state.all(node)))),
  // JATS has no line break inside <p>.
  break: () => text(' '),
  code: (state, node) => state.patch(node, x('preformat', { id: node.data?.id }, node.value)),
  delete: (state, node) => state.patch(node, x('strike', {}, state.all(node))),
  emphasis: (state, node) => state.patch(node, x('italic', {}, state.all(node))),
  footnoteReference: (state, node) => {
    const footnote = state.footnotes.get(node.identifier)
    return footnote ? state.patch(node, x('xref', { 'ref-type': 'fn', rid: footnote.id }, String(footnote.number))) : undefined
  },
  // Top-level headings open sections (see `root`); one nested in a list or a
  // quote cannot, so it keeps its words as a bold paragraph, and its id (an `@sec-x` can point at it).
  heading: (state, node) => unlessEmpty(state.patch(node, x('p', { id: node.data?.id }, unlessEmpty(x('bold', {}, state.all(node)))))),
  imageReference: (state, node) => {
    const definition = state.definitionById.get(node.identifier.toUpperCase())
    return definition ? image(state, node, definition) : revert(state, node)
  },
  image: (state, node) => image(state, node, node),
  inlineCode: (state, node) => state.patch(node, x('monospace', {}, node.value)),
  // mdast-util-math's nodes; the parser makes only `inlineMath` (see parse/markdown.ts).
  inlineMath,
  math: displayMath,
  linkReference: (state, node) => {
    const definition = state.definitionById.get(node.identifier.toUpperCase())
    return definition ? link(state, node, definition) : revert(state, node)
  },
  link: (state, node) => link(state, node, node),
  listItem: (state, node) => unlessEmpty(state.patch(node, x('list-item', {}, wrapBlocks(state.all(node), LIST_ITEM_BLOCKS)))),
  list: (state, node) =>
    unlessEmpty(state.patch(node, x('list', { 'list-type': node.ordered ? 'order' : 'bullet' }, state.all(node)))),
  // micromark-extension-definition-list's nodes: a term opens a <def-item>, its descriptions follow (see `definitionList`).
  defList: (state, node) => unlessEmpty(state.patch(node, x('def-list', {}, definitionList(state, node)))),
  defListTerm: (state, node) => state.patch(node, x('term', {}, state.all(node))),
  // A <def> holds paragraphs only; a list or code in it goes inside one.
  defListDescription: (state, node) => state.patch(node, x('def', {}, wrapBlocks(state.all(node), DEF_BLOCKS))),
  paragraph: (state, node) => unlessEmpty(state.patch(node, x('p', {}, state.all(node)))),
  root: (state, node) => sections(state, node),
  strong: (state, node) => state.patch(node, x('bold', {}, state.all(node))),
  table: (state, node) => state.patch(node, x('table-wrap', {}, table(state, node))),
  tableCell: (state, node) => state.patch(node, x('td', {}, state.all(node))),
  tableRow: (state, node, parent) => tableRow(state, node, parent),
  text: (state, node) => state.patch(node, text(node.value)),
  // Galley's own nodes, in the order of src/html/handlers.ts.
  citation: (state, node) => citation(state, node),
  crossReference: (state, node) => node.kind === 'sec' ? sectionReference(state, node)
    : state.patch(node, x('xref', { 'ref-type': REF_TYPES[node.kind], rid: node.identifier },
      `${node.bare ? '' : `${crossReferenceWord(state.article.words, node.kind)} `}${node.number}${node.panel ?? ''}`)),
  equation: displayMath,
  // A panel sits in its group's <fig-group>, which floats; its label is its letter.
  figure: (state, node) =>
    state.patch(node, x('fig', { id: node.identifier, position: node.panel ? undefined : 'float' },
      x('label', {}, node.panel ?? `${state.article.words.figureLabel} ${node.number}`),
      state.one(node.children[0], node),
      x('graphic', { 'xlink:href': node.href, mimetype: 'image', 'mime-subtype': mimeSubtype(node.file) },
        node.alt ? x('alt-text', {}, node.alt) : undefined))),
  figureGroup: (state, node) =>
    state.patch(node, x('fig-group', { id: node.identifier, position: 'float' },
      x('label', {}, `${state.article.words.figureLabel} ${node.number}`),
      state.all(node))),
  // JATS has no plain block container: a div's blocks stand where it stood.
  division: (state, node) => state.all(node),
  supplementaryLink,
  fencedDiv: (state, node) => state.all(node),
  tableFigure: (state, node) =>
    state.patch(node, x('table-wrap', { id: node.identifier },
      x('label', {}, `${state.article.words.table} ${node.number}`),
      state.one(node.children[0], node),
      table(state, node.children[1]))),
  lineBlock: (state, node) => unlessEmpty(state.patch(node, x('verse-group', {}, state.all(node)))),
  line: (state, node) => state.patch(node, x('verse-line', {}, state.all(node))),
  span: (state, node) => span(state, node),
  subscript: (state, node) => state.patch(node, x('sub', {}, state.all(node))),
  superscript: (state, node) => state.patch(node, x('sup', {}, state.all(node))),
  caption: (state, node) =>
    unlessEmpty(state.patch(node, x('caption', {}, unlessEmpty(x('p', {}, state.all(node)))))),
}

const REF_TYPES = { fig: 'fig', tbl: 'table', eq: 'disp-formula' } as const

/**
 * `@sec-x`: "Section Methods", linked to the `<sec>` (or what the section became
 * in the JATS: an `<app>`, an `<ack>`, an author note's `<fn>`). The funding
 * section's words go into article-meta's `<funding-statement>`, which has no
 * id, so a reference to it (or to a section inside it) is its words, unlinked.
 */
function sectionReference(state: State, node: CrossReference): JatsContent[] {
  const section = node.section
  if (!section) return []
  const words = state.article.words
  const name = sectionWord(words, section)
  const title = name === undefined ? linkText(state.all({ children: section.title })) : [text(name)]
  const content = node.bare ? title : [text(`${crossReferenceWord(words, 'sec')} `), ...title]
  const declaration = section.declaration
  if (declaration?.kind === 'funding') return content
  const refType = !declaration?.heading ? 'sec' : declaration.kind === 'appendix' ? 'app' : FN_KINDS.has(declaration.kind) ? 'fn' : 'sec'
  return [state.patch(node, x('xref', { 'ref-type': refType, rid: node.identifier }, content))]
}

/** The declarations JATS sets as author notes (jats/declarations.ts). */
const FN_KINDS: ReadonlySet<DeclarationKind> = new Set(['conflicts', 'contributions'])

/** What `<xref>` may hold of a title: text and its styling; a formula reads as its TeX, anything else as its words. */
function linkText(content: JatsContent[]): JatsContent[] {
  return content.flatMap((child): JatsContent[] => {
    if (child.type !== 'element') return [child]
    if (LINK_TEXT.has(child.name)) return [{ ...child, children: linkText(child.children as JatsContent[]) as Element['children'] }]
    if (child.name === 'inline-formula') return [text(texOf(child))]
    return linkText(child.children as JatsContent[])
  })
}

function texOf(element: Element): string {
  for (const child of element.children) {
    if (child.type !== 'element') continue
    if (child.name === 'tex-math') return child.children.map((leaf) => (leaf.type === 'text' ? leaf.value : '')).join('')
    const inner = texOf(child)
    if (inner) return inner
  }
  return ''
}

/** What `<list-item>` holds as it is; other blocks are wrapped in a `<p>`. */
const LIST_ITEM_BLOCKS = new Set(['p', 'list', 'def-list'])

const DEF_BLOCKS = new Set(['p'])

/** A definition list's items: each term with the descriptions after it; a description before any term gets an empty one. */
function definitionList(state: State, node: DefListNode): Element[] {
  const items: Element[] = []
  for (const child of node.children) {
    const [element] = state.one(child, node as never) as Element[]
    if (!element) continue
    if (child.type === 'defListTerm' || items.length === 0) items.push(state.patch(child, x('def-item', {}, child.type === 'defListTerm' ? [] : x('term'))))
    items.at(-1)!.children.push(element)
  }
  return items
}

/**
 * JATS's element for each span class Galley carries. Journal Publishing 1.3
 * has no highlight element: a mark is `<named-content content-type="mark">`,
 * as Pandoc's JATS writer sets it. A span with none keeps its content bare.
 */
const SPAN_ELEMENTS: Record<string, [string, Record<string, string>]> = {
  smallcaps: ['sc', {}], underline: ['underline', {}], mark: ['named-content', { 'content-type': 'mark' }],
}

/** A span's styling elements, nested in the order written; its id on the outermost, or on a `<styled-content>` (as Pandoc writes it) when it has none. */
function span(state: State, node: Span): JatsContent[] {
  const content = node.classes.reduceRight<JatsContent[]>((inner, name) =>
    SPAN_ELEMENTS[name] ? [state.patch(node, x(SPAN_ELEMENTS[name][0], SPAN_ELEMENTS[name][1], inner))] : inner, state.all(node))
  if (node.identifier === undefined) return content
  const [only] = content
  if (content.length === 1 && only.type === 'element' && node.classes.some((name) => SPAN_ELEMENTS[name])) {
    only.attributes = { ...only.attributes, id: node.identifier }
    return content
  }
  return [state.patch(node, x('styled-content', { id: node.identifier }, content))]
}

/** The `<body>`: the JATS of the whole tree, or nothing when it is empty. */
export function body(state: State): Element | undefined {
  return unlessEmpty(x('body', {}, state.one(state.article.tree)))
}

/** The root's content, with each heading opening a `<sec>` that runs to the next heading of the same or higher rank. */
function sections(state: State, root: Root): JatsContent[] {
  const top: JatsContent[] = []
  const open: Array<{ depth: number; sec: Element }> = []
  const currentChildren = () => open.at(-1)?.sec.children ?? top
  for (const node of root.children) {
    if (node.type !== 'heading') {
      currentChildren().push(...state.one(node, root))
      continue
    }
    while (open.length > 0 && open.at(-1)!.depth >= node.depth) open.pop()
    // The heading's `{#id}` (transform/heading-attributes.ts) names the section.
    const sec = state.patch(node, x('sec', { id: node.data?.id }, state.patch(node, x('title', {}, state.all(node)))))
    currentChildren().push(sec)
    open.push({ depth: node.depth, sec })
  }
  return top
}

/**
 * An inline link, or a reference-style one with the URL of its definition.
 * JATS's `<ext-link>` holds only text and its styling, so anything else in
 * the link (an image, a formula, a citation) is set between pieces of the
 * link, unlinked, with a warning at it; a link left with no text of its own
 * reads as its images' alt text, or else its URL.
 */
function link(state: State, node: Link | LinkReference, target: Link | Definition): JatsContent[] {
  // Split around content JATS cannot link, the link's id goes on its first piece.
  let id = node.type === 'link' ? node.data?.id : undefined
  const linked = (children: JatsContent[]) => {
    const element = state.patch(node, x('ext-link', { id, 'ext-link-type': 'uri', 'xlink:href': target.url }, children))
    id = undefined
    return element
  }
  const result: JatsContent[] = []
  let run: JatsContent[] = []
  const endRun = () => {
    if (run.some((child) => child.type !== 'text' || child.value.trim() !== '')) result.push(linked(run))
    else result.push(...run)
    run = []
  }
  const moved: Element[] = []
  for (const child of state.all(node)) {
    if (child.type !== 'element' || LINK_TEXT.has(child.name)) {
      run.push(child)
      continue
    }
    endRun()
    result.push(child)
    moved.push(child)
    warn(state.file, `JATS cannot put ${LINK_CONTENT[child.name] ?? `<${child.name}>`} inside a link: it is set beside the link's text, unlinked, in the JATS (the HTML and PDF keep it linked)`,
      child.position ?? node.position, 'jats-link-content')
  }
  endRun()
  if (!result.some((child) => child.type === 'element' && child.name === 'ext-link')) {
    const alt = moved.map(altText).filter(Boolean).join(' ')
    result.push(linked([text(alt || target.url)]))
  }
  return result
}

function altText(element: Element): string {
  const alt = element.children.find((child) => child.type === 'element' && child.name === 'alt-text')
  return alt?.type === 'element' ? alt.children.map((child) => (child.type === 'text' ? child.value : '')).join('').trim() : ''
}

/** What `<ext-link>` may hold, of what the handlers make: text and its styling. */
const LINK_TEXT = new Set(['bold', 'italic', 'monospace', 'strike', 'sub', 'sup', 'sc', 'underline', 'named-content'])

const LINK_CONTENT: Record<string, string> = {
  'inline-graphic': 'an image', 'inline-formula': 'a formula', xref: 'a citation or cross-reference',
}

/**
 * An inline image, or a reference-style one with the URL of its definition. A
 * local image's URL is already its copy's name (transform/figures.ts decided it);
 * a remote one keeps its whole address.
 */
function image(state: State, node: Image | ImageReference, target: Image | Definition): Element {
  return state.patch(node, x('inline-graphic', { id: node.type === 'image' ? node.data?.id : undefined, 'xlink:href': target.url },
    node.alt ? x('alt-text', {}, node.alt) : undefined))
}

/**
 * A reference whose definition is missing reads as the Markdown that was
 * written (`[text][ref]`), as mdast-util-to-hast does. The parser makes
 * references only when a definition exists, so only built trees get here.
 */
function revert(state: State, node: LinkReference | ImageReference): JatsContent[] {
  const suffix = node.referenceType === 'collapsed' ? '][]'
    : node.referenceType === 'full' ? `][${node.label ?? node.identifier}]` : ']'
  if (node.type === 'imageReference') return [text(`![${node.alt ?? ''}${suffix}`)]
  return [text('['), ...state.all(node), text(suffix)]
}

/**
 * JATS's canonical citation, whatever the journal's look: `[1]`, `[5,6]`,
 * `[2, p. 5]`; narrative `Callen and Wortmann [4]`. Runs are not collapsed
 * (`[1,2,3]`, not `[1–3]`): each cited work keeps its own xref, and a range
 * is for renderers to draw.
 */
function citation(state: State, node: Citation): JatsContent[] {
  if (node.mode === 'parenthetical') return [text('['), ...cluster(state, node), text(']')]
  // `@a` or `@a [@b]`: the in-text work's authors, then the whole cluster.
  const reference = state.referencesByKey.get(node.items[0].key)
  const who = reference ? narrativeAuthors(reference.csl, state.article.words) : node.items[0].key
  return [text(`${who} [`), ...cluster(state, node), text(']')]
}

function cluster(state: State, node: Citation): JatsContent[] {
  return clusterParts(node.items, { collapse: false }).flatMap((part) => {
    if (part.type === 'number') return [state.patch(node, citedNumber(part.item, state))]
    if (part.type === 'separator') return [text(part.value)]
    return state.all({ children: part.content })
  })
}

function citedNumber(item: CitationItem, state: State): JatsContent {
  const reference = state.referencesByKey.get(item.key)
  // A dangling rid would make the whole document invalid; the bare number still reads.
  if (!reference) return text(String(item.number))
  return x('xref', { 'ref-type': 'bibr', rid: reference.id }, String(item.number))
}

/** The `<table>` of a GFM table: header row in `<thead>`, the others in `<tbody>`. */
function table(state: State, node: Table): Element {
  const [head, ...rows] = state.all(node)
  // The DTD wants a <tbody> after a <thead>; a header-only table is bare rows.
  if (rows.length === 0) return x('table', {}, head)
  return x('table', {}, x('thead', {}, head), x('tbody', {}, rows))
}

/** A row: header cells in the table's first row, data cells below, aligned as the table's delimiter row says. */
function tableRow(state: State, node: TableRow, parent: ParentNode | undefined): Element {
  const rows = parent?.children ?? []
  const cellName = rows.length === 0 || rows.indexOf(node) === 0 ? 'th' : 'td'
  const align = parent?.type === 'table' ? parent.align ?? [] : []
  return state.patch(node, x('tr', {}, node.children.flatMap((cell: TableCell, index) =>
    state.one(cell, node).map((result) => {
      if (result.type !== 'element') return result
      const attributes = align[index] ? { ...result.attributes, align: align[index] } : result.attributes
      return { ...result, name: cellName, attributes }
    }))))
}

/** Figures are copied flat beside the XML, so only the file name is kept. */
const MIME_SUBTYPES: Record<string, string> = {
  png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', tif: 'tiff', tiff: 'tiff', svg: 'svg+xml', webp: 'webp',
}

/** The MIME subtype of an image by its name (png, svg+xml), as JATS `mime-subtype` says it. */
export function mimeSubtype(file: string): string | undefined {
  return MIME_SUBTYPES[path.posix.extname(file).slice(1).toLowerCase()]
}
