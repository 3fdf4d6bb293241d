/** `@sec-x`: Quarto's section cross-references, read from the Markdown through the transforms that make them. */
import type { Heading, Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { resolveCrossReferences, sectionTargets } from '../../src/transform/cross-references.ts'
import { transformCitations } from '../../src/transform/citations.ts'
import { gatherDeclarations } from '../../src/transform/declarations.ts'
import { readHeadingAttributes } from '../../src/transform/heading-attributes.ts'
import type { CrossReference } from '../../src/types.ts'

const NO_TARGETS = { fig: new Map(), tbl: new Map(), eq: new Map(), panels: new Map(), files: new Map() }

function transformed(markdown: string) {
  const file = new VFile({ value: markdown })
  const tree = parseMarkdown(file)
  readHeadingAttributes(tree, file)
  gatherDeclarations(tree)
  transformCitations(tree, file, { terms: new Map() })
  resolveCrossReferences(tree, NO_TARGETS, file, sectionTargets([tree]))
  return { tree, file, findings: file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason]) }
}

/** The inline nodes of paragraph `index` (of the paragraphs), without positions. */
function inline(tree: Root, index: number): unknown[] {
  const paragraph = tree.children.filter((node) => node.type === 'paragraph')[index]
  return JSON.parse(JSON.stringify(paragraph.children, (key, value) => (key === 'position' || key === 'data' ? undefined : value)))
}

const text = (value: string) => ({ type: 'text', value })

describe('@sec-x', () => {
  it('names the section whose heading has the id, by its title, in each written form', () => {
    const { tree, findings } = transformed('# Case *presentation* {#sec-case}\n\nAs @sec-case, [-@sec-case] and [see @sec-case] say.\n')
    expect(findings).toEqual([])
    const section = { title: [text('Case '), { type: 'emphasis', children: [text('presentation')] }] }
    expect(inline(tree, 0)).toEqual([
      text('As '),
      { type: 'crossReference', kind: 'sec', identifier: 'sec-case', number: 0, section },
      text(', '),
      { type: 'crossReference', kind: 'sec', identifier: 'sec-case', number: 0, bare: true, section },
      text(' and '),
      text('see'), text(' '),
      { type: 'crossReference', kind: 'sec', identifier: 'sec-case', number: 0, bare: true, section },
      text(' say.'),
    ])
  })

  it('reaches sections in declarations and appendices, and a heading nested in a quote; a title leaves its notes and citations out', () => {
    const { tree, findings } = transformed([
      '# Discussion', '', 'See @sec-ack, @sec-extra, @sec-more and @sec-aside.', '',
      '> ## Aside {#sec-aside}', '',
      '## Acknowledgements {#sec-ack}', '', 'Thanks.', '',
      '## Extra tables {#sec-extra .appendix}', '', '### More[^1] [@who] {#sec-more}', '', 'Text.', '',
      '[^1]: A note.', '',
    ].join('\n'))
    expect(findings.filter(([rule]) => rule === 'xref-unknown')).toEqual([])
    const sections = Object.fromEntries((inline(tree, 0) as CrossReference[]).filter((node) => node.type === 'crossReference').map((node) => [node.identifier, node.section]))
    expect(sections).toEqual({
      'sec-ack': { title: [text('Acknowledgements')], declaration: { kind: 'acknowledgements', heading: true } },
      'sec-extra': { title: [text('Extra tables')], declaration: { kind: 'appendix', heading: true } },
      'sec-more': { title: [text('More')], declaration: { kind: 'appendix', heading: false } },
      'sec-aside': { title: [text('Aside')] },
    })
  })

  it('is an error at its place for an id no heading has, naming the ids there are', () => {
    const { findings } = transformed('# One {#sec-one}\n\n# Two {#sec-two}\n\nText, then @sec-nothing.\n')
    expect(findings).toEqual([['xref-unknown', 5, 12, 'Unknown section "@sec-nothing" (the sections with ids: sec-one, sec-two): give the section\'s heading the id {#sec-nothing}']])
  })

  it('suggests the nearest id', () => {
    const { findings } = transformed('# Methods {#sec-methods}\n\nAs @sec-method says.\n')
    expect(findings.map(([, , , reason]) => reason)).toEqual(['Unknown section "@sec-method" (did you mean "sec-methods"?): give the section\'s heading the id {#sec-method}'])
  })

  it('is an error at the second of two headings with one sec- id; another repeated id stays a warning', () => {
    const { tree, findings } = transformed('# A {#sec-a}\n\n# B {#sec-a}\n\n# C {#c}\n\n# D {#c}\n')
    expect(findings.map(([rule, line]) => [rule, line])).toEqual([['section-duplicate-id', 3], ['heading-id', 7]])
    expect((tree.children as Heading[]).map((heading) => heading.data?.id)).toEqual(['sec-a', undefined, 'c', undefined])
  })

  it('leaves @intro, for a heading {#intro} without the prefix, a citation, as Pandoc reads it', () => {
    const { tree } = transformed('# Intro {#intro}\n\nAs @intro says.\n')
    expect((inline(tree, 0)[1] as { type: string }).type).toBe('citation')
  })
})
