/**
 * Fenced divs that are no figure: their blocks stay where they are, and an
 * id is kept as a link target (a `division`); classes and attributes that no
 * output uses are reported. A fence Pandoc would read as text (unclosed, or
 * inside a paragraph) is reported too, so `:::` in an output is never a
 * surprise.
 */
import type { Parent, Root, RootContent, Text } from 'mdast'
import type { Point } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'
import { type FencedDiv, openingFence } from '../parse/fenced-divs.ts'
import { type Attributes, parseAttributes } from './attributes.ts'

/** A div's attributes: Pandoc's `{#id .class key=value}`, or one bare word, which is a class. */
export function divAttributes(raw: string): Attributes | undefined {
  if (raw.startsWith('{')) return parseAttributes(raw)
  return { classes: [raw], values: {} }
}

/** Reports what of a div's attributes no output carries, beyond the `used` keys. */
export function warnUnusedAttributes(div: FencedDiv, attributes: Attributes | undefined, used: readonly string[], file: VFile): void {
  if (!attributes) {
    warn(file, `Cannot read the attributes "${div.attributes}" of this div: write them as {#id .class key="value"}; its content is kept`, div.position?.start, 'div-unused')
    return
  }
  const unused = [
    ...attributes.classes.map((name) => `.${name}`),
    ...Object.keys(attributes.values).filter((key) => !used.includes(key)).map((key) => `${key}=`),
  ]
  if (unused.length === 0) return
  const what = attributes.id?.startsWith('fig-') ? 'figure' : 'div'
  warn(file, `No output uses ${unused.join(', ')} on this ${what}: ${what === 'div' ? 'its content is kept as it is' : 'the figure is set as usual'}`, div.position?.start, 'div-unused')
}

/**
 * Every fenced div left in the tree (transform/figures.ts has taken the
 * figures) becomes its content, inside a `division` when it has an id.
 */
export function unwrapDivs(tree: Root, file: VFile): void {
  visit(tree, 'fencedDiv', (div, index, parent) => {
    if (!parent || index === undefined) return
    const attributes = divAttributes(div.attributes)
    warnUnusedAttributes(div, attributes, [], file)
    const children = div.children as RootContent[]
    const replacement: RootContent[] = attributes?.id
      ? [{ type: 'division', identifier: attributes.id, children: children as never, position: div.position }]
      : children
    ;(parent as Parent).children.splice(index, 1, ...(replacement as never[]))
    // Visit what took its place: a div nested in this one is unwrapped in turn.
    return [SKIP, index]
  })
  warnAboutFencesInText(tree, file)
}

/** Lines of paragraph text that start with `:::`: a fence Pandoc reads as text. */
function warnAboutFencesInText(tree: Root, file: VFile): void {
  visit(tree, 'paragraph', (paragraph) => {
    // One finding per paragraph: the first fence is the one to fix.
    paragraph.children.some((child, at) => {
      if (child.type !== 'text') return false
      return child.value.split('\n').some((line, index) => {
        if (!line.startsWith(':::') || (index === 0 && at > 0)) return false
        const opening = openingFence(line) !== undefined
        const reason = index === 0 && at === 0 && opening
          ? 'This div has no closing fence (a line of `:::` alone), so it is read as text: close it'
          : `A fence inside a paragraph is read as text: leave a blank line before "${line.trim()}"${opening ? ' and close the div' : ''}`
        warn(file, reason, linePoint(child, index), 'div-unclosed')
        return true
      })
    })
  })
}

function linePoint(text: Text, index: number): Point | undefined {
  const start = text.position?.start
  if (!start) return undefined
  return index === 0 ? start : { line: start.line + index, column: 1 }
}
