/**
 * Formulas in JATS: `<inline-formula>` and `<disp-formula>` holding
 * `<alternatives>` with the MathML (prefixed `mml:`, the namespace the
 * `<article>` declares) and the TeX as written, as JATS4R recommends.
 */
import type { InlineMath, Math } from 'mdast-util-math'
import type { Element, ElementContent, RootContent } from 'xast'
import { fromXml } from 'xast-util-from-xml'
import { x } from 'xastscript'
import type { Equation } from '../types.ts'
import type { HandlerResult, State } from './state.ts'

/** Attributes of temml's that only its own style sheet reads. */
const STYLING = new Set(['class', 'style', 'xmlns'])

function prefixed(node: Element): Element {
  const attributes = Object.fromEntries(Object.entries(node.attributes).filter(([name]) => !STYLING.has(name)))
  const children = node.children.flatMap((child): ElementContent[] =>
    child.type === 'element' ? [prefixed(child)] : child.type === 'text' ? [child] : [])
  return { type: 'element', name: `mml:${node.name}`, attributes, children }
}

/** The `<mml:math>` of temml's MathML; nothing when the TeX did not convert (already an error). */
export function mmlMath(mathml: string | undefined): Element | undefined {
  if (!mathml) return undefined
  const root = fromXml(mathml)
  const math = root.children.find((child: RootContent): child is Element => child.type === 'element')
  return math ? prefixed(math) : undefined
}

function alternatives(tex: string, mathml: string | undefined): Element {
  return x('alternatives', {}, mmlMath(mathml), x('tex-math', {}, tex))
}

export function inlineMath(state: State, node: InlineMath): HandlerResult {
  const name = node.data?.display ? 'disp-formula' : 'inline-formula'
  return state.patch(node, x(name, {}, alternatives(node.value, node.data?.mathml)))
}

export function displayMath(state: State, node: Math | Equation): HandlerResult {
  const number = node.type === 'equation' ? node.number : undefined
  const id = node.type === 'equation' ? node.identifier : undefined
  return state.patch(node, x('disp-formula', { id: number === undefined ? undefined : id },
    number === undefined ? undefined : x('label', {}, `(${number})`),
    alternatives(node.value, node.data?.mathml)))
}
