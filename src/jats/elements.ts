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
