/**
 * Where a citation mark sits against punctuation, as the journal prints it.
 *
 * `after-punctuation` (Elsevier, Vancouver superscripts): the mark moves after
 * a following run of [.,;:] and the space before it goes: "scarce [@x]." →
 * "scarce.¹". `before-punctuation`: the author's order stays: "scarce [1].".
 * Either way a superscript hugs the word before it (no space).
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast'
import type { CitationLook } from '../types.ts'

const LEADING_PUNCTUATION = /^[.,;:]+/

export function placeCitations(tree: Root, look: CitationLook): Root {
  walk(tree.children, look)
  return tree
}

function walk(children: Array<RootContent | ElementContent>, look: CitationLook): void {
  for (let index = 0; index < children.length; index++) {
    const child = children[index]
    if (child.type !== 'element') continue
    if (!isCitation(child)) {
      walk(child.children, look)
      continue
    }
    const before = children[index - 1]
    const after = children[index + 1]
    let moved: string | undefined
    if (look.placement === 'after-punctuation' && after?.type === 'text') {
      moved = LEADING_PUNCTUATION.exec(after.value)?.[0]
      if (moved) after.value = after.value.slice(moved.length)
      if (after.value === '') children.splice(index + 1, 1)
    }
    if (moved || look.style === 'superscript') {
      if (before?.type === 'text') before.value = before.value.trimEnd()
    }
    // "Muro et al." + "." must not read "et al..".
    if (moved && before?.type === 'text' && before.value.endsWith('.') && moved.startsWith('.')) moved = moved.slice(1)
    if (moved) {
      if (before?.type === 'text') before.value += moved
      else {
        const text: Text = { type: 'text', value: moved }
        children.splice(index, 0, text)
        index++
      }
    }
  }
}

function isCitation(node: Element): boolean {
  const className = node.properties.className
  return node.tagName === 'span' && Array.isArray(className) && className.includes('citation')
}
