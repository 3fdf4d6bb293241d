import path from 'node:path'
import type { Paragraph } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { findings } from '../../src/cli/report.ts'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { transformFigures } from '../../src/transform/figures.ts'
import { resolveImageReferences } from '../../src/transform/image-references.ts'
import { PNG_1x1, fixture } from '../helpers.ts'

function transformed(markdown: string) {
  const dir = fixture({ 'figures/a.png': PNG_1x1, 'icons/b.png': PNG_1x1 })
  const file = new VFile({ path: path.join(dir, 'letter.md'), cwd: dir, value: markdown })
  const tree = parseMarkdown(file)
  resolveImageReferences(tree)
  const targets = transformFigures(tree, file)
  return { dir, tree, targets, findings: findings([file]) }
}

describe('resolveImageReferences', () => {
  it('makes a reference-style image a plain image, copied beside the outputs like one', () => {
    const { dir, tree, findings } = transformed('An icon ![the icon][Icon] in text.\n\n[icon]: icons/b.png "A title"\n')
    expect(findings).toEqual([])
    const image = (tree.children[0] as Paragraph).children[1]
    expect(image).toMatchObject({ type: 'image', url: 'b.png', title: 'A title', alt: 'the icon', position: { start: { line: 1, column: 9 } } })
    expect(image.data).toEqual({ copy: { from: path.join(dir, 'icons/b.png'), to: 'b.png' } })
  })

  it('makes a figure of a reference-style image alone in its paragraph, as Pandoc does', () => {
    const { tree, targets, findings } = transformed('![A caption.][a]{#fig-a fig-alt="A square."}\n\n[a]: figures/a.png\n')
    expect(findings).toEqual([])
    expect(tree.children[0]).toMatchObject({ type: 'figure', identifier: 'fig-a', number: 1, file: 'a.png' })
    expect([...targets.fig]).toEqual([['fig-a', 1]])
  })

  it('leaves a reference without a definition as the parser left it: text', () => {
    const { tree } = transformed('No ![image][nowhere] here.\n')
    expect((tree.children[0] as Paragraph).children.map((node) => node.type)).toEqual(['text'])
  })
})
