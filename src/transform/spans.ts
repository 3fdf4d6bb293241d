/**
 * Pandoc's bracketed spans: `[Small caps]{.smallcaps}`, `[a]{.underline}`,
 * `[a]{.mark}`. The brackets nest and balance as in Pandoc (an inner span,
 * emphasis or code stays inside), an escaped `\[` or `\]` is a literal, and
 * the attribute block must follow the `]` at once (`[a] {.x}` is text), as
 * tests/pandoc/spans.test.ts checks against Pandoc. The outputs carry the
 * classes they have markup for and the id (a link target in the HTML); what
 * else the block says is reported here, once, at the span.
 */
import type { Parent, PhrasingContent, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'
import type { Span } from '../types.ts'
import { attributeBlock, parseAttributes } from './attributes.ts'
import { type SourceChar, type Token, isChar, rebuild, spanOf, tokensOf } from './source-chars.ts'

/** The span classes an output has markup for (JATS `<sc>`, `<underline>`, `<highlight>`). */
export const SPAN_CLASSES = ['smallcaps', 'underline', 'mark'] as const

export function transformSpans(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml') return
    if (!('children' in node) || !node.children.some((child) => child.type === 'text' && child.value.includes(']{'))) return
    const parent = node as Parent
    const tokens = tokensOf(parent.children as PhrasingContent[], file)
    if (readSpans(tokens, file)) parent.children = rebuild(tokens)
  })
}

/** Replaces each `[…]{…}` among the tokens by one span token, innermost first; whether any was found. */
function readSpans(tokens: Token[], file: VFile): boolean {
  const open: number[] = []
  let found = false
  for (let at = 0; at < tokens.length; at++) {
    if (isChar(tokens[at], '[')) open.push(at)
    if (!isChar(tokens[at], ']') || open.length === 0) continue
    const start = open.pop()!
    const block = attributeBlock(tokens, at + 1)
    if (!block) continue
    const attributes = parseAttributes(block.text)
    if (!attributes) continue
    const span: Span = {
      type: 'span',
      classes: attributes.classes.filter((name) => (SPAN_CLASSES as readonly string[]).includes(name)),
      children: rebuild(tokens.slice(start + 1, at)),
    }
    if (attributes.id) span.identifier = attributes.id
    const opening = tokens[start] as SourceChar
    const closing = spanOf([tokens[block.end - 1] as SourceChar], 0, 1)
    if (opening.point && closing) span.position = { start: opening.point, end: closing.end }
    const unused = [
      ...attributes.classes.filter((name) => !span.classes.includes(name)).map((name) => `.${name}`),
      ...Object.keys(attributes.values).map((key) => `${key}=`),
    ]
    if (unused.length > 0) {
      warn(file, `No output uses ${unused.join(', ')} on this span: its text is kept (Galley sets .${SPAN_CLASSES.join(', .')} and an id)`, span.position?.start, 'span-unused')
    }
    tokens.splice(start, block.end - start, { node: span })
    at = start
    found = true
  }
  return found
}
