import path from 'node:path'
import type { Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { resolveCrossReferences } from '../../src/transform/cross-references.ts'
import { transformFigures } from '../../src/transform/figures.ts'
import { transformCitations } from '../../src/transform/citations.ts'
import { findings } from '../../src/cli/report.ts'
import { PNG_1x1, fixture } from '../helpers.ts'

/** The manuscript's blocks after the figure transform, without positions, and its findings. */
function transformed(markdown: string) {
  const dir = fixture({ 'figures/a.png': PNG_1x1, 'figures/b.png': PNG_1x1, 'figures/c.png': PNG_1x1 })
  const file = new VFile({ path: path.join(dir, 'letter.md'), cwd: dir, value: markdown })
  const tree = parseMarkdown(file)
  const targets = transformFigures(tree, file)
  transformCitations(tree, file, { terms: new Map() })
  resolveCrossReferences(tree, targets, file)
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip)
    if (!node || typeof node !== 'object') return node
    const { position: _position, path: _path, data: _data, ...rest } = node as Record<string, unknown>
    return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, strip(value)]))
  }
  return { tree: strip(tree) as Root, findings: findings([file]), targets }
}

const text = (value: string) => ({ type: 'text', value })
const panel = (identifier: string, letter: string, file: string, alt: string, caption: string) => ({
  type: 'figure', identifier, number: 1, panel: letter, url: `figures/${file}`, file, href: file, alt,
  children: [{ type: 'caption', children: [text(caption)] }],
})

describe('subfigures', () => {
  const markdown = [
    'See @fig-lesions and @fig-lesions-b.', '',
    '::: {#fig-lesions layout-ncol=2}',
    '![Before treatment](figures/a.png){#fig-lesions-a fig-alt="Plaques before"}', '',
    '![After six weeks](figures/b.png){#fig-lesions-b fig-alt="Plaques after"}', '',
    'Lesions of the left forearm.',
    ':::', '',
  ].join('\n')

  it('makes one group numbered once, its panels lettered, and cross-references to both', () => {
    const { tree, findings } = transformed(markdown)
    expect(findings).toEqual([])
    expect(tree.children[1]).toEqual({
      type: 'figureGroup', identifier: 'fig-lesions', number: 1, columns: 2,
      children: [
        { type: 'caption', children: [text('Lesions of the left forearm.')] },
        panel('fig-lesions-a', 'A', 'a.png', 'Plaques before', 'Before treatment'),
        panel('fig-lesions-b', 'B', 'b.png', 'Plaques after', 'After six weeks'),
      ],
    })
    const references = (tree.children[0] as unknown as { children: Array<Record<string, unknown>> }).children.filter((node) => node.type === 'crossReference')
    expect(references.map(({ identifier, number, panel }) => ({ identifier, number, panel }))).toEqual([
      { identifier: 'fig-lesions', number: 1, panel: undefined },
      { identifier: 'fig-lesions-b', number: 1, panel: 'B' },
    ])
  })

  it('numbers figures after a group on from it, panels not counted', () => {
    const { tree } = transformed(`${markdown}\n![Later](figures/c.png){#fig-later fig-alt="x"}\n`)
    expect(tree.children[2]).toMatchObject({ type: 'figure', identifier: 'fig-later', number: 2 })
  })

  it('reads panels written in one paragraph, letters panels without ids, and takes the caption from fig-cap', () => {
    const { tree, findings, targets } = transformed('::: {#fig-x fig-cap="Two *views*."}\n![](figures/a.png){fig-alt="one"} ![](figures/b.png){fig-alt="two"}\n:::\n')
    expect(findings).toEqual([])
    const group = tree.children[0] as unknown as { columns: number; children: Array<{ identifier?: string; panel?: string; children: unknown[] }> }
    expect(group.columns).toBe(2)
    expect(group.children[0].children).toEqual([text('Two '), { type: 'emphasis', children: [text('views')] }, text('.')])
    expect(group.children.slice(1).map(({ identifier, panel }) => [identifier, panel])).toEqual([['fig-x-a', 'A'], ['fig-x-b', 'B']])
    expect([...targets.panels]).toEqual([['fig-x-a', { number: 1, panel: 'A' }], ['fig-x-b', { number: 1, panel: 'B' }]])
  })

  it('captions panels without a description of their own from fig-subcap', () => {
    const { tree, findings } = transformed(`::: {#fig-x fig-subcap='["Before", "After *six* weeks"]'}\n![](figures/a.png){fig-alt="one"}\n\n![Own caption](figures/b.png){fig-alt="two"}\n\nCaption.\n:::\n`)
    expect(findings).toEqual([])
    const panels = (tree.children[0] as unknown as { children: Array<{ children: Array<{ children: unknown[] }> }> }).children.slice(1)
    expect(panels.map((panel) => panel.children[0].children)).toEqual([[text('Before')], [text('Own caption')]])
  })

  it('makes a div of one image a plain figure, its caption the div\'s last paragraph', () => {
    const { tree, findings } = transformed('::: {#fig-one}\n![](figures/a.png){fig-alt="alt"}\n\nThe caption.\n:::\n')
    expect(findings).toEqual([])
    expect(tree.children).toEqual([{
      type: 'figure', identifier: 'fig-one', number: 1, url: 'figures/a.png', file: 'a.png', href: 'a.png', alt: 'alt',
      children: [{ type: 'caption', children: [text('The caption.')] }],
    }])
  })

  it('warns about what a figure div holds besides images and its caption, and sets it after the figure', () => {
    const { tree, findings } = transformed('::: {#fig-x .wide layout-ncol=2 fig-align="center"}\n![A](figures/a.png){fig-alt="a"}\n\nStray text.\n\n![B](figures/b.png){fig-alt="b"}\n\nCaption.\n:::\n')
    expect(findings.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'div-unused', line: 1, column: 1 },
      { ruleId: 'figure-panel', line: 4, column: 1 },
    ])
    expect(findings[0].message).toContain('.wide, fig-align=')
    expect(tree.children.map((node) => node.type)).toEqual(['figureGroup', 'paragraph'])
  })

  it('stops on a panel id that another figure has', () => {
    const { findings } = transformed('![A](figures/c.png){#fig-x-a fig-alt="c"}\n\n::: {#fig-x}\n![A](figures/a.png){#fig-x-a fig-alt="a"}\n![B](figures/b.png){#fig-x-b fig-alt="b"}\n:::\n')
    expect(findings.find((finding) => finding.ruleId === 'figure-duplicate-id')).toMatchObject({ severity: 'error', line: 4, column: 1 })
  })
})

describe('fenced divs that are no figure', () => {
  it('keep their blocks, inside a division when they have an id, and figures inside them are figures', () => {
    const { tree, findings } = transformed('::: {#box}\nText.\n\n![A](figures/a.png){#fig-a fig-alt="a"}\n:::\n\n::: {.aside}\n::: {.inner}\nDeep.\n:::\n:::\n')
    expect(tree.children.map((node) => node.type)).toEqual(['division', 'paragraph'])
    expect(tree.children[0]).toMatchObject({ identifier: 'box', children: [{ type: 'paragraph' }, { type: 'figure', identifier: 'fig-a', number: 1 }] })
    expect(findings.map(({ ruleId, line, message }) => ({ ruleId, line, message }))).toEqual([
      { ruleId: 'div-unused', line: 7, message: expect.stringContaining('.aside') },
      { ruleId: 'div-unused', line: 8, message: expect.stringContaining('.inner') },
    ])
  })

  it('warn where a fence is read as text: unclosed, or with no blank line before it', () => {
    const { tree, findings } = transformed('Para\n::: note\ntext\n:::\n\n::: {.open}\nnever closed\n')
    expect(JSON.stringify(tree)).toContain('::: note')
    expect(findings.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'div-unclosed', line: 2, column: 1 },
      { ruleId: 'div-unclosed', line: 6, column: 1 },
    ])
  })
})

describe('bounds on fenced divs', () => {
  it('stops on divs nested deeper than Galley reads, at the first line too deep', async () => {
    const { checkNesting, MAX_CONTAINER_NESTING } = await import('../../src/parse/bounds.ts')
    const depth = MAX_CONTAINER_NESTING + 1
    const file = new VFile({ value: `${'::: {.a}\n'.repeat(depth)}x\n${':::\n'.repeat(depth)}` })
    expect(checkNesting(file)).toBe(false)
    expect(findings([file])).toMatchObject([{ ruleId: 'nesting-too-deep', line: depth, column: 1 }])
    expect(checkNesting(new VFile({ value: '::: {.a}\nx\n:::\n'.repeat(depth) }))).toBe(true)
  })

  it('reads a manuscript of unclosed fences about as fast as one of paragraphs: each fence is text', () => {
    // Unbounded look-aheads would read about 2·10⁹ characters here; the budget keeps it near the plain parse.
    const time = (markdown: string) => {
      const start = performance.now()
      const tree = parseMarkdown(new VFile(markdown))
      return { ms: performance.now() - start, tree }
    }
    const plain = time('x {.a}\n\n'.repeat(20_000))
    const fences = time('::: {.a}\n\n'.repeat(20_000))
    expect(fences.tree.children).toHaveLength(20_000)
    expect(fences.tree.children.every((node) => node.type === 'paragraph')).toBe(true)
    expect(fences.ms).toBeLessThan(4 * plain.ms + 1000)
  }, 120_000)
})
