import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { findings } from '../../src/cli/report.ts'
import type { Citation, Figure, TableFigure } from '../../src/types.ts'
import { FRONT, PNG_1x1, manuscript } from '../helpers.ts'

const frontLines = FRONT.split('\n').length - 1

function prepare(body: string, withImage = true) {
  const dir = manuscript(`Cite [@alpha2020].\n\n${body}`, withImage ? { 'figures/a.png': PNG_1x1 } : {})
  return prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
}

describe('figures and cross-references', () => {
  it('turns an image with an id into a numbered figure with alt text', () => {
    const { article } = prepare('See @fig-a.\n\n![A *caption*.](figures/a.png){#fig-a fig-alt="A picture"}\n')
    const figure = article!.tree.children.find((node) => node.type === 'figure') as Figure
    expect(figure).toMatchObject({ identifier: 'fig-a', number: 1, url: 'figures/a.png', alt: 'A picture' })
    expect(figure.path).toMatch(/figures\/a\.png$/)
  })

  it('names the copy beside the outputs once, on the figure: its own file name, as a URI for links', () => {
    const dir = manuscript('Cite [@alpha2020].\n\n![One](figures/my%20face.png?v=2){#fig-a fig-alt="x"}\n', { 'figures/my face.png': PNG_1x1 })
    const { article, files } = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
    expect(findings(files).filter((finding) => finding.severity === 'error')).toEqual([])
    const figure = article!.tree.children.find((node) => node.type === 'figure') as Figure
    expect(figure).toMatchObject({ file: 'my face.png', href: 'my%20face.png', path: path.join(dir, 'figures/my face.png') })
  })

  it('numbers figures in order and resolves @fig- references', () => {
    const body = 'See @fig-b and [@fig-a].\n\n![One](figures/a.png){#fig-a fig-alt="x"}\n\n![Two](figures/a.png){#fig-b fig-alt="y"}\n'
    const { article } = prepare(body)
    const paragraph = article!.tree.children[1]
    expect(paragraph.type).toBe('paragraph')
    const refs = (paragraph as { children: Array<{ type: string; number?: number }> }).children.filter((node) => node.type === 'crossReference')
    expect(refs.map((node) => node.number)).toEqual([2, 1])
  })

  it('stops on a missing image file, at the image', () => {
    const { files } = prepare('![Gone](figures/gone.png){#fig-gone fig-alt="x"}\n')
    expect(findings(files).find((f) => f.ruleId === 'figure-missing-file')).toMatchObject({ severity: 'error', line: frontLines + 3, column: 1 })
  })

  it('stops on a reference to an unknown figure, with a suggestion', () => {
    const { files } = prepare('See @fig-aa.\n\n![One](figures/a.png){#fig-a fig-alt="x"}\n')
    expect(findings(files).find((f) => f.ruleId === 'xref-unknown')).toMatchObject({
      severity: 'error', line: frontLines + 3, column: 5, message: expect.stringContaining('Unknown figure "@fig-aa" (did you mean "fig-a"?)'),
    })
  })

  it('warns when a figure has no alt text', () => {
    const { files } = prepare('![One](figures/a.png){#fig-a}\n')
    expect(findings(files).find((f) => f.ruleId === 'figure-alt-missing')).toMatchObject({ severity: 'warning' })
  })

  it('reads a captioned table and its cross-reference', () => {
    const body = 'As @tbl-x shows.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: Counts of things {#tbl-x}\n'
    const { article, files } = prepare(body, false)
    expect(findings(files).filter((f) => f.severity === 'error')).toEqual([])
    const table = article!.tree.children.find((node) => node.type === 'tableFigure') as TableFigure
    expect(table).toMatchObject({ identifier: 'tbl-x', number: 1, children: [{ type: 'caption', children: [{ type: 'text', value: 'Counts of things' }] }, { type: 'table' }] })
  })

  it('reads captions as Markdown and numbers citations in captions and table cells in document order', () => {
    const body = '![Plaques *in situ*, adapted from @gamma2021 [@delta2019].](figures/a.png){#fig-a fig-alt="x"}\n\n' +
      '| Site | Source |\n|---|---|\n| Face | [@eta2018] |\n\n: Sites, after [@gamma2021] {#tbl-x}\n\nSee @fig-a and @tbl-x.\n'
    const { article, files } = prepare(body)
    expect(findings(files).filter((f) => f.severity === 'error')).toEqual([])
    const figure = article!.tree.children.find((node) => node.type === 'figure') as Figure
    expect(figure.children[0].children.map((node) => node.type)).toEqual(['text', 'emphasis', 'text', 'citation', 'text'])
    // As in Pandoc, `@gamma2021 [@delta2019]` is one cluster: in-text, then bracketed.
    expect((figure.children[0].children[3] as Citation).items.map((item) => item.mode)).toEqual(['author-in-text', 'normal'])
    // alpha2020 is cited first in the text before the figure, then the caption's works, then the table's.
    expect(article!.references.map((reference) => reference.key)).toEqual(['alpha2020', 'gamma2021', 'delta2019', 'eta2018'])
  })
})
