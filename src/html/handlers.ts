/**
 * mdast-util-to-hast handlers for the nodes Galley's transform stage adds
 * (citation, crossReference, figure, tableFigure). Each handler is a small
 * pure function of (state, node); the Article they need (references, words,
 * the journal's citation look) comes in through the `createHandlers` closure.
 */
import type { Element, ElementContent } from 'hast'
import type { Code, Heading, Image, Link, Nodes, PhrasingContent } from 'mdast'
import { type Handlers, type Options, type State, defaultHandlers } from 'mdast-util-to-hast'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import { warnUnsupportedNode } from '../diagnostics/messages.ts'
import { crossReferenceWord, sectionWord } from '../template/words.ts'
import { displayMath, inlineMath } from './math.ts'
import { toString } from 'mdast-util-to-string'
import { clusterParts, narrativeAuthors } from '../citations/cluster.ts'
import { footnoteHandlers, footnoteOptions } from './footnotes.ts'
import type { FencedDiv } from '../parse/fenced-divs.ts'
import { type DefListDescriptionNode, defListHastHandlers } from 'mdast-util-definition-list'
import type {
  Article, Caption, Citation, CitationLook, CrossReference, Division, Figure, FigureGroup, Line, LineBlock, Reference, Span, Subscript, Superscript, SupplementaryLink, TableFigure, Words,
} from '../types.ts'

/** Everything mdast-util-to-hast needs to render this article's Markdown: handlers and words. */
export function hastOptions(article: Article): Options {
  return { handlers: createHandlers(article), ...footnoteOptions(article) }
}

export function createHandlers(article: Article): Handlers {
  const byNumber = new Map(article.references.map((reference) => [reference.number, reference]))
  const look = article.template.citation
  return {
    citation: (state: State, node: Citation) => citation(node, byNumber, look, article.words, state),
    crossReference: (state: State, node: CrossReference) => crossReference(node, article.words, state),
    figure: (state: State, node: Figure) => figure(state, node, article.words),
    figureGroup: (state: State, node: FigureGroup) => figureGroup(state, node, article.words),
    division: (state: State, node: Division) => patched(state, node, h('div', { id: node.identifier }, state.all(node))),
    // A linked file: the link points at its copy beside the page.
    supplementaryLink: (state: State, node: SupplementaryLink) => patched(state, node, h('a', { href: node.href, className: ['supplementary'] }, state.all(node))),
    // The transform opens every div; one that got past it keeps its blocks.
    fencedDiv: (state: State, node: FencedDiv) => state.all(node),
    tableFigure: (state: State, node: TableFigure) => tableFigure(state, node, article.words),
    inlineMath,
    math: displayMath,
    equation: displayMath,
    heading,
    ...defListHastHandlers,
    // The package sets a tight description's paragraphs as one run of text; Pandoc keeps each a <p>.
    defListDescription: (state: State, node: DefListDescriptionNode) =>
      defListHastHandlers.defListDescription(state, { ...node, spread: node.spread || node.children.length > 1 }, undefined),
    // As Pandoc's HTML writer sets them: the lines in one div, a <br> between.
    lineBlock: (state: State, node: LineBlock) =>
      patched(state, node, h('div', { className: ['line-block'] }, node.children.flatMap((line, index) => [...(index > 0 ? [h('br'), '\n'] : []), ...state.all(line)]))),
    line: (state: State, node: Line) => state.all(node),
    span,
    link: (state: State, node: Link) => withId(defaultHandlers.link(state, node), node.data?.id),
    code: (state: State, node: Code) => withId(defaultHandlers.code(state, node), node.data?.id),
    image,
    subscript: (state: State, node: Subscript) => script('sub', state, node),
    superscript: (state: State, node: Superscript) => script('sup', state, node),
    // A caption is set by its figure or table, with the label; a lone one is a caption still.
    caption: (state: State, node: Caption) => patched(state, node, h('figcaption', state.all({ type: 'paragraph', children: node.children }))),
    ...footnoteHandlers(article),
  }
}

/**
 * mdast-util-to-hast's fallback for a node no handler knows (a `<div>` of its
 * children, or its text), plus a `node-unsupported` warning in the
 * manuscript's file: the HTML keeps the text but not what the node meant.
 */
export function unknownHandler(file: VFile) {
  return (state: State, node: Nodes): ElementContent | undefined => {
    warnUnsupportedNode(file, node, 'HTML')
    if ('children' in node) return patched(state, node, h('div', state.all(node)))
    if ('value' in node && typeof node.value === 'string') return patched(state, node, { type: 'text', value: node.value })
    return undefined
  }
}

/** `to`, with the Markdown position of `from` (to-hast's `patch` returns nothing). */
function patched<To extends ElementContent>(state: State, from: Nodes | Caption, to: To): To {
  state.patch(from as Nodes, to)
  return to
}

/** A span: `<span class="smallcaps">`, `<u>` and `<mark>` as Pandoc writes them, nested in the order written; the id on the outermost. */
function span(state: State, node: Span): ElementContent[] {
  const content = node.classes.reduceRight<ElementContent[]>((inner, name) =>
    [name === 'underline' ? h('u', inner) : name === 'mark' ? h('mark', inner) : h('span', { className: ['smallcaps'] }, inner)], state.all(node))
  if (node.identifier === undefined) return content.length === 1 && content[0].type === 'element' ? [patched(state, node, content[0])] : content
  const outer = content.length === 1 && content[0].type === 'element' && node.classes.length > 0 ? content[0] : h('span', content)
  outer.properties = { ...outer.properties, id: node.identifier }
  return [patched(state, node, outer)]
}

/** An inline image with what its `{…}` said: an id, and its size as Pandoc's HTML writer sets it (a bare number is a `width` in pixels). */
function image(state: State, node: Image): Element {
  const result = withId(defaultHandlers.image(state, node), node.data?.id)
  const styles: string[] = []
  for (const key of ['width', 'height'] as const) {
    const value = node.data?.[key]
    if (value === undefined) continue
    if (/^[\d.]+$/.test(value)) result.properties[key] = value
    else styles.push(`${key}:${value}`)
  }
  if (styles.length > 0) result.properties.style = styles.join(';')
  return result
}

function withId(element: Element, id: string | undefined): Element {
  if (id !== undefined) element.properties = { ...element.properties, id }
  return element
}

function script(tagName: 'sub' | 'sup', state: State, node: Subscript | Superscript): Element {
  const result = h(tagName, state.all(node))
  state.patch(node, result)
  return result
}

/** The article title is the page's h1, so the manuscript's `#` headings start at h2. */
export function heading(state: State, node: Heading): Element {
  // The heading's `{#id .class}` (transform/heading-attributes.ts) is kept on it.
  const classes = node.data?.classes
  const result = h(`h${Math.min(node.depth + 1, 6)}`, { id: node.data?.id, className: classes?.length ? classes : undefined }, state.all(node))
  state.patch(node, result)
  return result
}

/**
 * A cluster as `<span class="citation">`: superscript¹ or bracketed [1]. A
 * narrative citation puts the author names, as plain text, before that span,
 * so the punctuation transform can move the number alone ("Callen and
 * Wortmann,⁴ the course …", as the printed letter has it).
 */
export function citation(
  node: Citation,
  byNumber: ReadonlyMap<number, Reference>,
  look: CitationLook,
  words: Words,
  state?: State,
): ElementContent[] {
  const marks: ElementContent[] = clusterParts(node.items).flatMap((part): ElementContent[] => {
    if (part.type === 'separator') return [{ type: 'text', value: part.value }]
    if (part.type === 'prefix' || part.type === 'suffix') {
      return state ? state.all({ type: 'paragraph', children: part.content }) : [{ type: 'text', value: toString({ type: 'paragraph', children: part.content }) }]
    }
    const reference = byNumber.get(part.item.number)
    return [h('a', { href: `#${reference?.id ?? `B${part.item.number}`}`, role: 'doc-biblioref' },
      String(part.item.number))]
  })
  const cluster = h('span', {
    className: ['citation'],
    dataCitationStyle: look.style,
    dataCitationMode: node.mode,
  }, look.style === 'superscript' ? [h('sup', marks)] : ['[', ...marks, ']'])
  if (node.mode !== 'narrative') return [cluster]
  const first = byNumber.get(node.items[0]?.number)
  const names = first ? narrativeAuthors(first.csl, words) : ''
  // A superscript hugs the last name; a bracket stands a space apart.
  return [{ type: 'text', value: look.style === 'superscript' ? names : `${names} ` }, cluster]
}

export function crossReference(node: CrossReference, words: Words, state?: State): Element {
  // No-break space: "Fig. 1" never splits across lines, nor "Section" from the title's first word.
  const word = node.bare ? '' : `${crossReferenceWord(words, node.kind)}\u00a0`
  if (node.kind !== 'sec') return h('a', { className: ['xref'], href: `#${node.identifier}` }, `${word}${node.number}${node.panel ?? ''}`)
  const section = node.section
  const name = section ? sectionWord(words, section) : undefined
  const title: ElementContent[] = name !== undefined || !section ? [{ type: 'text', value: name ?? node.identifier }]
    : state ? state.all({ type: 'paragraph', children: section.title }) : [{ type: 'text', value: toString({ type: 'paragraph', children: section.title }) }]
  return h('a', { className: ['xref'], href: `#${node.identifier}` }, word ? [word, ...title] : title)
}

export function figure(state: State, node: Figure, words: Words): Element {
  // The image stays eagerly loaded: Chromium prints the page right after it loads.
  const image = h('img', { src: node.href, alt: node.alt })
  const label = node.panel ?? `${words.figureLabel}\u00a0${node.number}`
  const result = h('figure', { id: node.identifier, className: [node.panel ? 'panel' : 'figure'] }, [
    image,
    caption(state, label, node.children[0].children),
  ])
  state.patch(node, result)
  return result
}

/** Panels in a grid of the group's columns (the templates' CSS reads the custom property), the group's caption below. */
export function figureGroup(state: State, node: FigureGroup, words: Words): Element {
  const [captionNode, ...panels] = node.children
  const result = h('figure', { id: node.identifier, className: ['figure', 'figure-group'], style: `--galley-columns: ${node.columns}` }, [
    h('div', { className: ['panels'] }, panels.map((panel) => figure(state, panel, words))),
    caption(state, `${words.figureLabel}\u00a0${node.number}`, captionNode.children),
  ])
  state.patch(node, result)
  return result
}

export function tableFigure(state: State, node: TableFigure, words: Words): Element {
  // The table itself goes through the default GFM table handler.
  const [captionNode, tableNode] = node.children
  const table = state.one(tableNode, undefined)
  const result = h('figure', { id: node.identifier, className: ['table'] }, [
    caption(state, `${words.table}\u00a0${node.number}`, captionNode.children),
    ...(Array.isArray(table) ? table : table ? [table] : []),
  ])
  state.patch(node, result)
  return result
}

function caption(state: State, label: string, content: PhrasingContent[]): Element {
  const children = state.all({ type: 'paragraph', children: content })
  return h('figcaption', [h('span', { className: ['label'] }, label), ' ', ...children])
}
