import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { transformFigures } from '../../src/transform/figures.ts'
import { readInlineAttributes, releaseInlineIds } from '../../src/transform/inline-attributes.ts'
import { transformSpans } from '../../src/transform/spans.ts'
import { findings } from '../../src/cli/report.ts'
import { PNG_1x1, fixture } from '../helpers.ts'

/** The transforms in prepare's order; the figures' ids and `headings` taken before the inline ones. */
function read(markdown: string, headings: string[] = []) {
  const dir = fixture({ 'figures/a.png': PNG_1x1 })
  const file = new VFile({ path: path.join(dir, 'letter.md'), cwd: dir, value: markdown })
  const tree = parseMarkdown(file)
  transformSpans(tree, file)
  const targets = transformFigures(tree, file)
  readInlineAttributes(tree, file)
  releaseInlineIds([tree], new Set([...targets.fig.keys(), ...headings]), file)
  return { tree, findings: findings([file]).map(({ line, column, message, ruleId }) => [ruleId, line, column, message]) }
}

describe('ids of spans, links and images', () => {
  it('keeps each unique XML id, and leaves off one that is no XML ID, repeats another, or is Galley\'s own', () => {
    const { tree, findings } = read([
      '![A](figures/a.png){#fig-a fig-alt="A"}', '',
      '## Methods', '',
      '[s]{#ok} [t]{#fig-a} [u](https://x.org){#1x} ![v](figures/a.png){#ok} [w]{#B1} [x]{#sec-methods}', '',
    ].join('\n'), ['sec-methods'])
    const paragraph = tree.children[2]
    expect(paragraph.type === 'paragraph' && paragraph.children.map((node) =>
      node.type === 'span' ? node.identifier ?? null : node.type === 'link' || node.type === 'image' ? node.data?.id ?? null : undefined).filter((id) => id !== undefined)).toEqual(['ok', null, null, null, null, null])
    expect(findings).toEqual([
      ['inline-id', 5, 10, 'Id "fig-a" is already another element\'s: the span is set without it'],
      ['inline-id', 5, 22, 'Id "1x" must start with a letter and hold only letters, digits, "-", "_" and ".": the link is set without it'],
      ['inline-id', 5, 46, 'Id "ok" is already another element\'s: the image is set without it'],
      ['inline-id', 5, 71, 'Id "B1" is one Galley gives its own elements: the span is set without it'],
      ['inline-id', 5, 80, 'Id "sec-methods" is already another element\'s: the span is set without it'],
    ])
  })
})

describe('attributes no output uses', () => {
  it('are reported at the link, the image, the code and the figure, which are kept', () => {
    const { findings } = read([
      '![A](figures/a.png){#fig-a fig-alt="A" width=50% fig-align=center .wide}', '',
      '[l](https://x.org){.ext target=_blank} ![i](figures/a.png){width=wide} `x`{.r}', '',
    ].join('\n'))
    expect(findings).toEqual([
      ['attribute-unused', 1, 1, 'No output uses .wide, width=, fig-align= on this figure: the template sets a figure\'s size and place (Galley reads an id and fig-alt=)'],
      ['attribute-unused', 3, 1, 'No output uses .ext, target= on this link: the link is kept as it is (Galley carries an id)'],
      ['attribute-unused', 3, 40, 'No output uses width=wide (not a CSS length) on this image: the image is kept as it is (Galley carries an id, width= and height=)'],
      ['attribute-unused', 3, 72, 'No output uses .r on this code: it is set as plain code (Galley highlights no syntax)'],
    ])
  })
})
