/**
 * `<body>`: one handler per mdast node type, and the sectioning that turns
 * the flat heading/content sequence into nested `<sec>`s.
 */
import path from 'node:path'
import type { PhrasingContent, Table, TableRow } from 'mdast'
import type { Node as UnistNode } from 'unist'
import type { Element } from 'xast'
import { x } from 'xastscript'
import { clusterParts, narrativeAuthors } from '../citations/cluster.ts'
import type { Citation, CitationItem } from '../types.ts'
import { type Handlers, type JatsContent, type State, text, unlessEmpty } from './state.ts'

export const bodyHandlers: Handlers = {
  text: (node) => text(node.value),
  paragraph: (node, state) => unlessEmpty(x('p', {}, state.all(node))),
  emphasis: (node, state) => x('italic', {}, state.all(node)),
  strong: (node, state) => x('bold', {}, state.all(node)),
  delete: (node, state) => x('strike', {}, state.all(node)),
  subscript: (node, state) => x('sub', {}, state.all(node)),
  superscript: (node, state) => x('sup', {}, state.all(node)),
  inlineCode: (node) => x('monospace', {}, node.value),
  // JATS has no line break inside <p>.
  break: () => text(' '),
  link: (node, state) => {
    const content = state.all(node)
    return x('ext-link', { 'ext-link-type': 'uri', 'xlink:href': node.url },
      content.length > 0 ? content : node.url)
  },
  image: (node) =>
    x('inline-graphic', { 'xlink:href': graphicHref(node.url) }, node.alt ? x('alt-text', {}, node.alt) : undefined),
  // Top-level headings open sections (see `body`); one nested in a list or a
  // quote cannot, so it keeps its words as a bold paragraph.
  heading: (node, state) => unlessEmpty(x('p', {}, unlessEmpty(x('bold', {}, state.all(node))))),
  list: (node, state) =>
    unlessEmpty(x('list', { 'list-type': node.ordered ? 'order' : 'bullet' }, state.all(node))),
  listItem: (node, state) => unlessEmpty(x('list-item', {}, state.all(node))),
  blockquote: (node, state) => unlessEmpty(x('disp-quote', {}, state.all(node))),
  thematicBreak: () => undefined,
  code: (node) => x('preformat', {}, node.value),
  table: (node, state) => x('table-wrap', {}, table(node, state)),
  tableFigure: (node, state) =>
    x('table-wrap', { id: node.identifier },
      x('label', {}, `${state.article.words.table} ${node.number}`),
      caption(node.children[0].children, state),
      table(node.children[1], state)),
  figure: (node, state) =>
    x('fig', { id: node.identifier, position: 'float' },
      x('label', {}, `${state.article.words.figureLabel} ${node.number}`),
      caption(node.children[0].children, state),
      x('graphic', { 'xlink:href': node.href, mimetype: 'image', 'mime-subtype': mimeSubtype(node.file) },
        node.alt ? x('alt-text', {}, node.alt) : undefined)),
  crossReference: (node, state) =>
    x('xref', { 'ref-type': node.kind === 'fig' ? 'fig' : 'table', rid: node.identifier },
      `${node.kind === 'fig' ? state.article.words.figure : state.article.words.table} ${node.number}`),
  citation: (node, state) => citation(node, state),
  footnoteReference: (node, state) => {
    const footnote = state.footnotes.get(node.identifier)
    return footnote ? x('xref', { 'ref-type': 'fn', rid: footnote.id }, String(footnote.number)) : undefined
  },
  // Set in back's <fn-group>, not where they are defined.
  footnoteDefinition: () => undefined,
  // html, yaml, footnotes, math, …: keep whatever content they wrap, drop the rest.
  unknown: (node, state) => ('children' in node ? state.all(node as { children: UnistNode[] }) : undefined),
}

/** The `<body>`, with each heading opening a `<sec>` that runs to the next heading of the same or higher rank. */
export function body(state: State): Element | undefined {
  const top: JatsContent[] = []
  const open: Array<{ depth: number; sec: Element }> = []
  const currentChildren = () => open.at(-1)?.sec.children ?? top
  for (const node of state.article.tree.children) {
    if (node.type !== 'heading') {
      currentChildren().push(...state.one(node))
      continue
    }
    while (open.length > 0 && open.at(-1)!.depth >= node.depth) open.pop()
    const sec = x('sec', {}, x('title', {}, state.all(node)))
    currentChildren().push(sec)
    open.push({ depth: node.depth, sec })
  }
  return unlessEmpty(x('body', {}, top))
}

/**
 * JATS's canonical citation, whatever the journal's look: `[1]`, `[5,6]`,
 * `[2, p. 5]`; narrative `Callen and Wortmann [4]`. Runs are not collapsed
 * (`[1,2,3]`, not `[1–3]`): each cited work keeps its own xref, and a range
 * is for renderers to draw.
 */
function citation(node: Citation, state: State): JatsContent[] {
  if (node.mode === 'parenthetical') return [text('['), ...cluster(node.items, state), text(']')]
  return node.items.flatMap((item, index) => {
    const reference = state.referencesByKey.get(item.key)
    const who = reference ? narrativeAuthors(reference.csl, state.article.words) : item.key
    return [text(`${index > 0 ? '; ' : ''}${who} [`), ...cluster([item], state), text(']')]
  })
}

function cluster(items: readonly CitationItem[], state: State): JatsContent[] {
  return clusterParts(items, { collapse: false }).map((part) => {
    if (part.type === 'number') return citedNumber(part.item, state)
    return text(part.type === 'locator' ? `, ${part.value}` : part.value)
  })
}

function citedNumber(item: CitationItem, state: State): JatsContent {
  const reference = state.referencesByKey.get(item.key)
  // A dangling rid would make the whole document invalid; the bare number still reads.
  if (!reference) return text(String(item.number))
  return x('xref', { 'ref-type': 'bibr', rid: reference.id }, String(item.number))
}

function caption(content: PhrasingContent[], state: State): Element | undefined {
  return unlessEmpty(x('caption', {}, unlessEmpty(x('p', {}, state.all({ children: content })))))
}

function table(node: Table, state: State): Element {
  const [head, ...rows] = node.children
  const align = node.align ?? []
  const row = (tableRow: TableRow, cell: 'th' | 'td') =>
    x('tr', {}, tableRow.children.map((tableCell, index) =>
      x(cell, { align: align[index] ?? undefined }, state.all(tableCell))))
  // The DTD wants a <tbody> after a <thead>; a header-only table is bare rows.
  if (rows.length === 0) return x('table', {}, head ? row(head, 'th') : undefined)
  return x('table', {},
    x('thead', {}, row(head, 'th')),
    x('tbody', {}, rows.map((tableRow) => row(tableRow, 'td'))))
}

/** Figures are copied flat beside the XML, so only the file name is kept. */
export function graphicHref(url: string): string {
  return path.posix.basename(url.replace(/\\/g, '/').replace(/[?#].*$/, ''))
}

const MIME_SUBTYPES: Record<string, string> = {
  png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', tif: 'tiff', tiff: 'tiff', svg: 'svg+xml', webp: 'webp',
}

function mimeSubtype(file: string): string | undefined {
  return MIME_SUBTYPES[path.posix.extname(file).slice(1).toLowerCase()]
}
