/**
 * Formulas in HTML: temml's MathML Core, native (Chromium renders it, in
 * the page and in the PDF), in the template's math font (see its CSS).
 */
import type { Element, ElementContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { h } from 'hastscript'
import type { InlineMath, Math } from 'mdast-util-math'
import type { State } from 'mdast-util-to-hast'
import type { Equation } from '../types.ts'

/** temml's `<math>` as hast; the TeX itself when it did not convert (already an error, never a blank). */
function mathElement(tex: string, mathml: string | undefined): ElementContent {
  const math = mathml ? fromHtml(mathml, { fragment: true }).children.find((child) => child.type === 'element') : undefined
  return math ?? { type: 'text', value: tex }
}

export function inlineMath(state: State, node: InlineMath): ElementContent {
  const result = mathElement(node.value, node.data?.mathml)
  state.patch(node, result)
  return result
}

export function displayMath(state: State, node: Math | Equation): Element {
  const number = node.type === 'equation' ? node.number : undefined
  const result = h('div', { className: ['equation'], id: number === undefined ? undefined : (node as Equation).identifier }, [
    mathElement(node.value, node.data?.mathml),
    number === undefined ? undefined : h('span', { className: ['equation-number'] }, `(${number})`),
  ].filter((child) => child !== undefined))
  state.patch(node, result)
  return result
}
