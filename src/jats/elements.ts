/**
 * Small builders of xast content shared by the JATS handlers. They depend on
 * nothing else in the emitter, so any module of it may import them.
 */
import type { Element, ElementContent } from 'xast'
import { x } from 'xastscript'

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

export function text(value: string): ElementContent {
  return { type: 'text', value }
}

/**
 * The blocks of a container whose DTD model takes only some of them
 * (`<list-item>`: paragraphs and lists; `<fn>`: paragraphs): any other block,
 * code or a quote in a list item, goes inside a `<p>`, which JATS lets hold
 * every display element. `specific-use="wrapper"` tells a reader of the XML
 * that the paragraph is only a holder, as Pandoc's JATS writer marks it.
 */
export function wrapBlocks(content: readonly ElementContent[], allowed: ReadonlySet<string>): ElementContent[] {
  return content.map((child) => {
    if (child.type !== 'element' || allowed.has(child.name)) return child
    const wrapper = x('p', { 'specific-use': 'wrapper' }, child)
    if (child.position) wrapper.position = child.position
    return wrapper
  })
}
