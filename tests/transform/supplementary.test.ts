import fs from 'node:fs'
import path from 'node:path'
import type { Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { findings } from '../../src/cli/report.ts'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { transformFigures } from '../../src/transform/figures.ts'
import { readSupplementary } from '../../src/transform/supplementary.ts'
import { PNG_1x1, fixture } from '../helpers.ts'

const CSV = 'visit,value\n1,2\n'

function transformed(markdown: string, files: Record<string, string | Buffer> = {}) {
  const dir = fixture({ 'supplementary/table s1.csv': CSV, 'data.pdf': '%PDF-1.4\n', 'figures/a.png': PNG_1x1, ...files })
  const file = new VFile({ path: path.join(dir, 'letter.md'), cwd: dir, value: markdown })
  const tree = parseMarkdown(file)
  const targets = transformFigures(tree, file)
  const taken = new Map([...targets.files, ['letter.html', 'an output']])
  const supplementary = readSupplementary(tree, file, taken)
  const paragraph = (index: number) => (tree.children[index] as unknown as { children: Array<Record<string, unknown>> }).children
  return { dir, tree: tree as Root, supplementary, paragraph, findings: findings([file]) }
}

describe('supplementary material', () => {
  it('turns links to local files into links to their copies, each file listed once with its media type and caption', () => {
    const { dir, supplementary, paragraph, findings } = transformed(
      'See [Table S1](supplementary/table%20s1.csv), [the data](data.pdf) and [Table S1 again](supplementary/table%20s1.csv#top), or [the web](https://example.org/x.csv).\n')
    expect(findings).toEqual([])
    expect(paragraph(0).map((node) => [node.type, node.identifier, node.href])).toEqual([
      ['text', undefined, undefined],
      ['supplementaryLink', 'supp1', 'supplementary/table%20s1.csv'],
      ['text', undefined, undefined],
      ['supplementaryLink', 'supp2', 'data.pdf'],
      ['text', undefined, undefined],
      ['supplementaryLink', 'supp1', 'supplementary/table%20s1.csv'],
      ['text', undefined, undefined],
      ['link', undefined, undefined],
      ['text', undefined, undefined],
    ])
    expect(supplementary.map(({ position: _position, ...entry }) => entry)).toEqual([
      { id: 'supp1', from: fs.realpathSync(path.join(dir, 'supplementary/table s1.csv')), to: 'supplementary/table s1.csv', href: 'supplementary/table%20s1.csv', mediaType: 'text/csv', caption: [{ type: 'text', value: 'Table S1', position: expect.anything() }] },
      { id: 'supp2', from: fs.realpathSync(path.join(dir, 'data.pdf')), to: 'data.pdf', href: 'data.pdf', mediaType: 'application/pdf', caption: [{ type: 'text', value: 'the data', position: expect.anything() }] },
    ])
  })

  it('takes a caption from {caption="…"} after the link, and reads reference-style links', () => {
    const { supplementary, paragraph } = transformed('[Table S1](data.pdf){caption="Doses by *visit*"} and [S2][s2].\n\n[s2]: supplementary/table%20s1.csv\n')
    expect(supplementary.map((entry) => entry.caption)).toEqual([
      [{ type: 'text', value: 'Doses by ' }, { type: 'emphasis', children: [{ type: 'text', value: 'visit' }] }],
      [expect.objectContaining({ value: 'S2' })],
    ])
    expect(paragraph(0)[1]).toMatchObject({ type: 'text', value: ' and ' })
  })

  it('keeps a link to a file it cannot copy as it is, with a warning where it was written', () => {
    const outside = fixture({ 'secret.csv': CSV })
    const markdown = `[gone](missing.csv) [out](${path.join(outside, 'secret.csv')}) [up](../x.csv) [folder](supplementary) [page](letter.html)\n`
    const { supplementary, paragraph, findings } = transformed(markdown, { 'letter.html': '<p>old</p>' })
    expect(supplementary).toEqual([])
    expect(paragraph(0).filter((node) => node.type === 'link')).toHaveLength(5)
    expect(findings.map(({ ruleId, severity, line, column }) => ({ ruleId, severity, line, column }))).toEqual(
      ['[gone]', '[out]', '[up]', '[folder]', '[page]'].map((link) => ({ ruleId: 'supplementary-file', severity: 'warning', line: 1, column: markdown.indexOf(link) + 1 })))
    expect(findings[1].message).toContain('outside')
    expect(findings[4].message).toContain('copied over an output')
  })
})

describe('inline images', () => {
  it('are copied flat beside the outputs, as figures are, and point at the copy', () => {
    const { tree, findings } = transformed('An icon ![star](figures/a.png) in the text.\n')
    expect(findings).toEqual([])
    const image = (tree.children[0] as unknown as { children: Array<Record<string, unknown>> }).children[1]
    expect(image).toMatchObject({ type: 'image', url: 'a.png', data: { copy: { to: 'a.png' } } })
  })

  it('warn when their file is not there, and are left as written', () => {
    const { tree, findings } = transformed('An icon ![star](figures/none.png).\n')
    expect(findings).toMatchObject([{ ruleId: 'image-missing', severity: 'warning', line: 1, column: 9 }])
    expect((tree.children[0] as unknown as { children: Array<Record<string, unknown>> }).children[1]).toMatchObject({ url: 'figures/none.png' })
  })
})
