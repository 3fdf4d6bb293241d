import type { ElementContent } from 'hast'

/** Line breaks between block children, so the HTML source reads well. */
export function lines(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node) => [{ type: 'text' as const, value: '\n' }, node]).concat({ type: 'text', value: '\n' })
}
