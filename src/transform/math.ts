/**
 * TeX math → MathML, once, for every output (temml, in-process):
 *   $x^2$            inline formula
 *   $$E = mc^2$$     display formula (inline to Pandoc; a paragraph of its own is an equation)
 *   $$…$$ {#eq-x}    numbered equation (Quarto), cross-referenced by @eq-x
 * A `$` pair Pandoc would not read as math (`$5 and $10`, `$a$5`) is text again.
 */
import type { Paragraph, PhrasingContent, Root } from 'mdast'
import type { InlineMath } from 'mdast-util-math'
import { createRequire } from 'node:module'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { error, warn } from '../diagnostics/messages.ts'
import type { Equation } from '../types.ts'
import { parseAttributes } from './attributes.ts'

/**
 * temml is loaded at the first formula (its CommonJS build, the same code as
 * the ES one, so that this transform stays synchronous): a manuscript without
 * math does not pay its ≈17 ms of loading.
 */
let temml: typeof import('temml').default | undefined
const loadTemml = () => (temml ??= createRequire(import.meta.url)('temml') as typeof import('temml').default)

export function transformMath(tree: Root, file: VFile, equations: Map<string, number>): void {
  transformInlineMath(tree, file)
  tree.children = tree.children.map((node) => (node.type === 'paragraph' ? toEquation(node, equations, file) ?? node : node))
}

/** Each `$…$` as MathML, or back to its text where Pandoc would not read it as math; no equations (a title's math stays inline). */
export function transformInlineMath(tree: Root, file: VFile): void {
  const source = String(file.value)
  const place = location(file)
  visit(tree, 'inlineMath', (node, index, parent) => {
    if (!parent || index === undefined) return
    const written = sourceOf(node, source)
    if (written !== undefined && !readsAsMath(written, source, node)) {
      parent.children[index] = { type: 'text', value: written, position: node.position } as PhrasingContent
      return SKIP
    }
    const display = written?.startsWith('$$') ?? false
    node.data = { mathml: toMathml(node.value, display, node, source, place, file), display }
  })
}

function sourceOf(node: InlineMath, source: string): string | undefined {
  const { start, end } = node.position ?? {}
  if (start?.offset === undefined || end?.offset === undefined) return undefined
  return source.slice(start.offset, end.offset)
}

/**
 * Pandoc's rule for `$…$`: a non-space right after the opening `$`, a
 * non-space right before the closing one, and no digit right after it.
 */
function readsAsMath(written: string, source: string, node: InlineMath): boolean {
  if (written.startsWith('$$')) return true
  const after = source[node.position!.end.offset!] ?? ''
  return !/^\s/.test(written.slice(1)) && !/\s$/.test(written.slice(0, -1)) && !/[0-9]/.test(after)
}

/** temml's MathML for the TeX; a TeX error is an error at the character temml stopped at. */
function toMathml(tex: string, display: boolean, node: InlineMath, source: string, place: ReturnType<typeof location>, file: VFile): string {
  try {
    return loadTemml().renderToString(tex, { displayMode: display, xml: true, throwOnError: true, annotate: false })
  } catch (problem) {
    const { message, position } = problem as { message: string; position?: number }
    const start = node.position?.start.offset
    const texStart = start === undefined ? undefined : source.indexOf(tex, start)
    const point = texStart !== undefined && texStart >= 0 && position !== undefined ? place.toPoint(texStart + position) : undefined
    error(file, `TeX error in math: ${message.replace(/^\s*(?:Temml parse error:)?\s*/i, '')}; fix the TeX between the dollar signs`, point ?? node.position, 'math-tex')
    return ''
  }
}

/** A paragraph of one `$$…$$`, with `{#eq-id}` or nothing after it → an equation. */
function toEquation(paragraph: Paragraph, equations: Map<string, number>, file: VFile): Equation | undefined {
  const [math, after, ...rest] = paragraph.children
  if (math?.type !== 'inlineMath' || !math.data?.display || rest.length > 0) return undefined
  if (after && after.type !== 'text') return undefined
  const attributes = after ? parseAttributes(after.value) : undefined
  if (after && !attributes) return undefined
  const identifier = attributes?.id
  const equation: Equation = { type: 'equation', value: math.value, data: { mathml: math.data.mathml ?? '', display: true } }
  if (paragraph.position) equation.position = paragraph.position
  if (!identifier) return equation
  if (!identifier.startsWith('eq-')) {
    warn(file, `Equation id "${identifier}" should start with "eq-" to be numbered and cross-referenced`, after!.position, 'equation-id')
    return equation
  }
  if (equations.has(identifier)) {
    error(file, `Duplicate id "${identifier}": each equation needs its own id`, after!.position, 'figure-duplicate-id')
    return equation
  }
  equations.set(identifier, equations.size + 1)
  return { ...equation, identifier, number: equations.get(identifier) }
}
