/** transform/math.ts: TeX → MathML once, equations with ids, Pandoc's `$` rules, TeX errors at their character. */
import type { Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { transformMath } from '../../src/transform/math.ts'

function transformed(markdown: string) {
  const file = new VFile({ path: 'case.md', value: markdown })
  const tree: Root = parseMarkdown(file)
  const equations = new Map<string, number>()
  transformMath(tree, file, equations)
  return { tree, file, equations }
}

describe('transformMath', () => {
  it('gives an inline formula its MathML, not display', () => {
    const { tree } = transformed('Dose $d_0$ given.\n')
    const paragraph = tree.children[0] as any
    expect(paragraph.children.map((node: any) => node.type)).toEqual(['text', 'inlineMath', 'text'])
    expect(paragraph.children[1].data.display).toBe(false)
    expect(paragraph.children[1].data.mathml).toMatch(/^<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"><msub><mi>d<\/mi><mn>0<\/mn><\/msub><\/math>$/)
  })

  it('makes a paragraph of $$…$$ {#eq-x} a numbered equation spanning lines, as Quarto writes it', () => {
    const { tree, equations } = transformed('$$\nE = mc^2\n$$ {#eq-mass}\n\n$$a + b$$ {#eq-sum}\n\n$$x$$\n')
    expect(tree.children.map((node: any) => [node.type, node.identifier, node.number, node.value])).toEqual([
      ['equation', 'eq-mass', 1, 'E = mc^2'], ['equation', 'eq-sum', 2, 'a + b'], ['equation', undefined, undefined, 'x'],
    ])
    expect((tree.children[0] as any).data.mathml).toContain('display="block"')
    expect([...equations]).toEqual([['eq-mass', 1], ['eq-sum', 2]])
  })

  it('keeps $$…$$ inside a sentence a display formula in its paragraph, as Pandoc does', () => {
    const { tree } = transformed('So $$x = 1$$ holds.\n')
    expect(tree.children[0].type).toBe('paragraph')
    expect((tree.children[0] as any).children[1].data.display).toBe(true)
  })

  it('reads dollars Pandoc does not read as math as text', () => {
    const { tree } = transformed('It cost $5 and $10, and $a$5.\n')
    expect(JSON.stringify(tree)).not.toContain('inlineMath')
    expect((tree.children[0] as any).children.map((node: any) => node.value).join('')).toBe('It cost $5 and $10, and $a$5.')
  })

  it('reports a TeX error at the line and column where temml stopped, and keeps the TeX', () => {
    const { file, tree } = transformed('# Case\n\nThen $\\frac{1}{$ and\n\n$$\n\\sqrt{x\n$$ {#eq-bad}\n')
    const messages = file.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal])
    expect(messages).toEqual([['math-tex', 3, 16, true], ['math-tex', 6, 8, true]])
    expect(file.messages[0].reason).toMatch(/^TeX error in math: Unexpected end of input.*expected '}'/)
    expect((tree.children.at(-1) as any).value).toBe('\\sqrt{x')
  })

  it('warns about an equation id without eq- and refuses one used twice', () => {
    const { file, equations } = transformed('$$a$$ {#mass}\n\n$$b$$ {#eq-a}\n\n$$c$$ {#eq-a}\n')
    expect(file.messages.map((message) => [message.ruleId, message.line])).toEqual([['equation-id', 1], ['figure-duplicate-id', 5]])
    expect([...equations]).toEqual([['eq-a', 1]])
  })
})
