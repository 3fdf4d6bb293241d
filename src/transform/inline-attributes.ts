/**
 * Pandoc's link, image and inline code attributes: `[text](url){#id .class
 * key=value}`, `![alt](file.png){width=30%}`, `` `x`{.r} ``. The block must
 * follow the `)` (or an autolink's `>`, code's backtick) at once, written as
 * plain text, as for spans (tests/pandoc/inline-attributes.test.ts checks the
 * reading against Pandoc). It is taken off the text, and what an output has a
 * place for is kept on the node: a link's or image's id (an anchor in HTML,
 * an `id` in JATS), and an inline image's width and height (its size on the
 * page; JATS has no attribute for it). The rest is reported once, at the
 * node. Figures read their own block (transform/figures.ts), so this runs after.
 */
import type { Image, InlineCode, Link, Parent, PhrasingContent, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'
import { type Attributes, attributeBlock, parseAttributes } from './attributes.ts'
import { HTML_FORMATS, RAW, warnRawDropped } from './code-attributes.ts'
import { idProblem } from './heading-attributes.ts'
import { type Token, rebuild, tokensOf } from './source-chars.ts'

/** A CSS length as Pandoc's writers take one: a bare number is pixels. */
const LENGTH = /^(?:\d+(?:\.\d+)?|\.\d+)(?:%|px|cm|mm|in|pt|pc|em|ex|ch|rem|vw|vh)?$/

export function readInlineAttributes(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if (node.type === 'code' || node.type === 'yaml') return
    if (!('children' in node) || !hasBlockAfterHolder(node.children as PhrasingContent[])) return
    const parent = node as Parent
    const tokens = tokensOf(parent.children as PhrasingContent[], file)
    let changed = false
    for (let at = 0; at < tokens.length; at++) {
      const token = tokens[at]
      if (!('node' in token) || !isHolder(token.node) || !writtenInline(token.node, file)) continue
      const block = attributeBlock(tokens, at + 1)
      const raw = block && token.node.type === 'inlineCode' ? RAW.exec(block.text) : null
      if (block && raw) {
        // `<b>x</b>`{=html} is raw HTML (transform/raw-html.ts reports it); another format's is left out.
        const kept: Token[] = HTML_FORMATS.includes(raw[1]) ? [{ node: { type: 'html', value: (token.node as InlineCode).value, position: token.node.position } }] : []
        if (kept.length === 0) warnRawDropped(file, raw[1], 'inline', token.node)
        tokens.splice(at, block.end - at, ...kept)
        changed = true
        continue
      }
      const attributes = block && parseAttributes(block.text)
      if (!block || !attributes) continue
      keep(token.node, attributes, file)
      tokens.splice(at + 1, block.end - at - 1)
      changed = true
    }
    if (changed) parent.children = rebuild(tokens)
  })
}

type Holder = Link | Image | InlineCode

const isHolder = (node: PhrasingContent): node is Holder => node.type === 'link' || node.type === 'image' || node.type === 'inlineCode'

/** Pandoc reads a block after an inline link's or image's `)`, an autolink's `>` and code's backtick, not after a reference's `]`. */
function writtenInline(node: Holder, file: VFile): boolean {
  const end = node.position?.end.offset
  return end === undefined || /[)>`]/.test(String(file.value).charAt(end - 1))
}

/** A cheap look before reading characters: a link, image or code with a text starting `{` right after it. */
function hasBlockAfterHolder(children: readonly PhrasingContent[]): boolean {
  return children.some((child, index) => isHolder(child)
    && children[index + 1]?.type === 'text' && (children[index + 1] as { value: string }).value.startsWith('{'))
}

function keep(node: Holder, attributes: Attributes, file: VFile): void {
  if (node.type === 'inlineCode') {
    const all = [...(attributes.id ? [`#${attributes.id}`] : []), ...attributes.classes.map((name) => `.${name}`), ...Object.keys(attributes.values).map((key) => `${key}=`)]
    if (all.length > 0) warn(file, `No output uses ${all.join(', ')} on this code: it is set as plain code (Galley highlights no syntax)`, node.position?.start, 'attribute-unused')
    return
  }
  const kept: { id?: string; width?: string; height?: string } = {}
  if (attributes.id) kept.id = attributes.id
  const unused = attributes.classes.map((name) => `.${name}`)
  for (const [key, value] of Object.entries(attributes.values)) {
    const size = key === 'width' || key === 'height'
    if (size && node.type === 'image' && LENGTH.test(value)) kept[key] = value
    else unused.push(size && !LENGTH.test(value) ? `${key}=${value} (not a CSS length)` : `${key}=`)
  }
  Object.assign((node.data ??= {}), kept)
  if (unused.length === 0) return
  const what = node.type === 'image' ? 'image' : 'link'
  const carried = node.type === 'image' ? 'an id, width= and height=' : 'an id'
  warn(file, `No output uses ${unused.join(', ')} on this ${what}: the ${what} is kept as it is (Galley carries ${carried})`, node.position?.start, 'attribute-unused')
}

/**
 * Once headings, figures, tables and equations have their ids: a span's,
 * link's, image's or code block's id that is no XML ID, or that another element has, is
 * dropped (the element stays), so that both outputs keep every id unique.
 */
export function releaseInlineIds(roots: readonly Root[], taken: ReadonlySet<string>, file: VFile): void {
  const seen = new Set(taken)
  for (const root of roots) {
    visit(root, (node) => {
      const id = node.type === 'span' ? node.identifier : node.type === 'link' || node.type === 'image' || node.type === 'code' ? node.data?.id : undefined
      if (id === undefined) return
      const why = idProblem(id, seen, 'is already another element\'s')
      seen.add(id)
      if (!why) return
      warn(file, `Id "${id}" ${why}: the ${node.type === 'code' ? 'code block' : node.type} is set without it`, node.position?.start, 'inline-id')
      if (node.type === 'span') delete node.identifier
      else if (node.type === 'link' || node.type === 'image' || node.type === 'code') delete node.data!.id
    })
  }
}
