/** JATS formula handlers: <alternatives> with <mml:math> and <tex-math>, valid against the MathML 3 DTD. */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { transformMath } from '../../src/transform/math.ts'
import { jatsOf, makeArticle } from './fixture.ts'

const MATHML = '<math xmlns="http://www.w3.org/1998/Math/MathML" class="tml-display" style="display:block math;" display="block"><mi>x</mi></math>'

describe('JATS formula handlers', () => {
  it('sets an inline formula as <inline-formula>, MathML prefixed and without temml styling, then the TeX', () => {
    const node = { type: 'inlineMath', value: 'x', data: { mathml: '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>', display: false } } as const
    expect(jatsOf(node as any)).toBe('<inline-formula><alternatives><mml:math><mml:mi>x</mml:mi></mml:math><tex-math>x</tex-math></alternatives></inline-formula>')
  })

  it('sets a numbered equation as <disp-formula> with its id and label', () => {
    const node = { type: 'equation', value: 'x', identifier: 'eq-x', number: 3, data: { mathml: MATHML, display: true } } as const
    expect(jatsOf(node as any)).toBe('<disp-formula id="eq-x"><label>(3)</label><alternatives><mml:math display="block"><mml:mi>x</mml:mi></mml:math><tex-math>x</tex-math></alternatives></disp-formula>')
  })

  it('sets an unnumbered one, and mdast-util-math\'s block math, without id or label', () => {
    expect(jatsOf({ type: 'equation', value: 'x', data: { mathml: MATHML, display: true } } as any)).toMatch(/^<disp-formula><alternatives>/)
    expect(jatsOf({ type: 'math', value: 'x', data: { mathml: MATHML, display: true } } as any)).toMatch(/^<disp-formula><alternatives>/)
  })

  it('gives DTD-valid JATS for temml\'s output of real TeX, with cross-references to the equation', () => {
    const markdown = 'A $\\alpha_i \\le \\sqrt[3]{x}$ and $$\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}$$ inline.\n\n$$\nC(t) = C_0 e^{-kt} + \\frac{\\mathrm{d}y}{\\mathrm{d}t} \\quad \\sum_{i=1}^n \\int_0^\\infty\n$$ {#eq-c}\n'
    const file = new VFile({ path: 'case.md', value: markdown })
    const tree = parseMarkdown(file)
    transformMath(tree, file, new Map())
    tree.children.push({ type: 'paragraph', children: [{ type: 'crossReference', kind: 'eq', identifier: 'eq-c', number: 1 }] })
    const xml = serializeJats(toJats(makeArticle({ tree: tree.children })))
    expect(xml).toContain('Journal Publishing DTD with MathML3 v1.3')
    expect(xml).toContain('<xref ref-type="disp-formula" rid="eq-c">Eq. 1</xref>')
    expect(validateJats(xml, 'letter.xml')).toEqual([])
  })
})
