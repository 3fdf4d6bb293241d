/**
 * Every node type the emitters can meet has a JATS and an HTML handler, or is
 * on the list of types dropped on purpose. The list of types is checked by
 * the compiler: `Record<Nodes['type'], …>` wants every type mdast, GFM,
 * footnotes and src/types.ts declare, and no other.
 */
import type { Nodes } from 'mdast'
import { defaultHandlers } from 'mdast-util-to-hast'
import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { createHandlers } from '../../src/html/handlers.ts'
import { bodyHandlers } from '../../src/jats/body.ts'
import { DROPPED } from '../../src/jats/state.ts'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import '../../src/types.ts'
import { makeArticle } from '../jats/fixture.ts'

const NODE_TYPES: Record<Nodes['type'], 'mdast' | 'gfm' | 'footnotes' | 'math' | 'front matter' | 'definition lists' | 'galley'> = {
  root: 'mdast', paragraph: 'mdast', heading: 'mdast', thematicBreak: 'mdast', blockquote: 'mdast', list: 'mdast',
  listItem: 'mdast', html: 'mdast', code: 'mdast', definition: 'mdast', text: 'mdast', emphasis: 'mdast',
  strong: 'mdast', inlineCode: 'mdast', break: 'mdast', link: 'mdast', image: 'mdast', linkReference: 'mdast',
  imageReference: 'mdast',
  delete: 'gfm', table: 'gfm', tableRow: 'gfm', tableCell: 'gfm',
  footnoteDefinition: 'footnotes', footnoteReference: 'footnotes',
  inlineMath: 'math', math: 'math',
  yaml: 'front matter',
  defList: 'definition lists', defListTerm: 'definition lists', defListDescription: 'definition lists',
  span: 'galley', lineBlock: 'galley', line: 'galley',
  citation: 'galley', crossReference: 'galley', caption: 'galley', subscript: 'galley', superscript: 'galley',
  figure: 'galley', tableFigure: 'galley', equation: 'galley', figureGroup: 'galley', division: 'galley', fencedDiv: 'galley', supplementaryLink: 'galley',
}
// `toml` is not an mdast type Galley parses, but mdast-util-to-hast knows it; the JATS drops it too.
const TYPES = [...Object.keys(NODE_TYPES), 'toml']

describe('handler coverage', () => {
  const html = new Set([...Object.keys(defaultHandlers), ...Object.keys(createHandlers(makeArticle()))])

  it.each(TYPES)('%s has a JATS handler or is dropped on purpose, never both', (type) => {
    expect(Object.hasOwn(bodyHandlers, type) !== Object.hasOwn(DROPPED, type), type).toBe(true)
  })

  it.each(TYPES)('%s has an HTML handler', (type) => {
    expect(html.has(type), type).toBe(true)
  })

  it('knows every type the parser makes from a manuscript using every construct', () => {
    const markdown = [
      '---', 'title: x', '---', '', '# H', '', 'A *b* **c** `d` ~~e~~ [f](u) ![g](v) [h][r] ![i][r]  ', 'j[^n]', '',
      '> q', '', '- l', '', '```', 'c', '```', '', '***', '', '<div>x</div>', '', '| a |', '| - |', '| b |', '',
      '[r]: w', '', '[^n]: note', '', 'm $x$ $$y$$', '', 'Term', ':   Definition', '',
    ].join('\n')
    const seen = new Set<string>()
    visit(parseMarkdown(new VFile(markdown)), (node) => void seen.add(node.type))
    expect([...seen].filter((type) => !TYPES.includes(type))).toEqual([])
    expect(seen.size).toBeGreaterThan(24)
  })

  it('lists no dropped type that is not a node type', () => {
    expect(Object.keys(DROPPED).filter((type) => !TYPES.includes(type))).toEqual([])
  })
})
