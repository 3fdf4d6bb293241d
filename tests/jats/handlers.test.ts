/**
 * The to-hast shape of the JATS emitter: positions patched onto elements,
 * reference-style links and images through the definitions, handlers a
 * caller adds or overrides, the dropped list and the unknown-node warning.
 */
import type { RootContent } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { x } from 'xastscript'
import { htmlBody } from '../../src/html/page.ts'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { DROPPED } from '../../src/jats/state.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { bodyState, elementsNamed, jatsOf, makeArticle } from './fixture.ts'

const t = (value: string) => ({ type: 'text' as const, value })

/** An article whose body is this Markdown, parsed as Galley parses a manuscript (positions included). */
function articleOf(markdown: string) {
  const file = new VFile({ path: '/manuscript/letter.md', value: markdown })
  const article = makeArticle({ tree: parseMarkdown(file).children })
  article.file = file
  return article
}

describe('reference-style links and images', () => {
  const markdown = '# Case\n\nSee [the registry][reg] and [reg][].\n\n![A rash.][rash]\n\n[reg]: https://example.org/registry\n[RASH]: figures/rash.png\n'

  it('link to the URL of their definition, matched case-insensitively, as the HTML does', () => {
    const article = articleOf(markdown)
    const xml = serializeJats(toJats(article))
    expect(xml).toContain('<p>See <ext-link ext-link-type="uri" xlink:href="https://example.org/registry">the registry</ext-link>' +
      ' and <ext-link ext-link-type="uri" xlink:href="https://example.org/registry">reg</ext-link>.</p>')
    // Untransformed, the definition's URL as it is: naming the copy is transform/figures.ts's part.
    expect(xml).toContain('<p><inline-graphic xlink:href="figures/rash.png"><alt-text>A rash.</alt-text></inline-graphic></p>')
    expect(xml).not.toContain('registry]')
    expect(validateJats(xml, 'references.xml')).toEqual([])
    expect(article.file.messages).toEqual([])

    const html = JSON.stringify(htmlBody(articleOf(markdown)))
    expect(html).toContain('"href":"https://example.org/registry"')
    expect(html).toContain('"src":"figures/rash.png"')
  })

  it('read as the Markdown written when the definition is missing (only built trees have such nodes)', () => {
    expect(jatsOf({ type: 'paragraph', children: [{ type: 'linkReference', identifier: 'x', label: 'X', referenceType: 'full', children: [t('text')] }] }))
      .toBe('<p>[text][X]</p>')
    expect(jatsOf({ type: 'paragraph', children: [{ type: 'imageReference', identifier: 'y', label: 'y', referenceType: 'shortcut', alt: 'alt' }] }))
      .toBe('<p>![alt]</p>')
  })
})

describe('positions', () => {
  it('carry each Markdown position onto the element made from it', () => {
    const root = toJats(articleOf('# Case\n\nA *rash* in [1 of 2](https://example.org).\n\n- item\n'))
    const line = (name: string) => elementsNamed(root, name)[0].position?.start.line
    expect([line('sec'), line('title'), line('p'), line('italic'), line('ext-link'), line('list'), line('list-item')])
      .toEqual([1, 1, 3, 3, 3, 5, 5])
    expect(elementsNamed(root, 'italic')[0].position).toEqual({ start: { line: 3, column: 3, offset: 10 }, end: { line: 3, column: 9, offset: 16 } })
  })

  it('are left out of the XML', () => {
    const xml = serializeJats(toJats(articleOf('A *rash*.\n')))
    expect(xml).toContain('<p>A <italic>rash</italic>.</p>')
    expect(xml).not.toMatch(/position|offset/)
  })
})

describe('handlers a caller passes', () => {
  it('add a node type the JATS did not carry', () => {
    const article = articleOf('One.\n\n***\n\nTwo.\n')
    const plain = serializeJats(toJats(article))
    const carried = serializeJats(toJats(article, { handlers: { thematicBreak: (state, node) => state.patch(node, x('hr')) } }))
    expect(plain).toContain('<p>One.</p>\n    <p>Two.</p>')
    expect(carried).toContain('<p>One.</p>\n    <hr/>\n    <p>Two.</p>')
  })

  it('replace Galley\'s handler for a type, with the parent to look at', () => {
    const parents: string[] = []
    const xml = serializeJats(toJats(articleOf('A **b**.\n'), {
      handlers: {
        strong: (state, node, parent) => {
          parents.push(parent?.type ?? 'none')
          return x('sc', {}, state.all(node))
        },
      },
    }))
    expect(xml).toContain('<p>A <sc>b</sc>.</p>')
    expect(parents).toEqual(['paragraph'])
  })
})

describe('nodes no handler knows', () => {
  const mystery = { type: 'mystery', position: { start: { line: 4, column: 2 }, end: { line: 4, column: 9 } }, children: [t('kept')] } as unknown as RootContent

  it('keep their text and get a positioned node-unsupported warning, in JATS and HTML alike', () => {
    const article = makeArticle({ tree: [{ type: 'paragraph', children: [mystery as never] }] })
    const state = bodyState(article)
    expect(state.one(article.tree.children[0]).length).toBe(1)
    expect(jatsOf(mystery, state)).toBe('kept')
    expect(jatsOf({ type: 'leaf', value: 'a value' } as unknown as RootContent, state)).toBe('a value')
    htmlBody(article)
    expect(article.file.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal, message.reason])).toEqual([
      ['node-unsupported', 4, 2, false, 'JATS has no handler for a `mystery` node: its text is kept, its markup is lost (a Galley gap: please report it with the manuscript)'],
      ['node-unsupported', 4, 2, false, 'JATS has no handler for a `mystery` node: its text is kept, its markup is lost (a Galley gap: please report it with the manuscript)'],
      ['node-unsupported', undefined, undefined, false, 'JATS has no handler for a `leaf` node: its text is kept, its markup is lost (a Galley gap: please report it with the manuscript)'],
      ['node-unsupported', 4, 2, false, 'HTML has no handler for a `mystery` node: its text is kept, its markup is lost (a Galley gap: please report it with the manuscript)'],
    ])
  })

  it('are not those dropped on purpose, which stay quiet', () => {
    const article = articleOf('---\na: 1\n---\n\n[x]: https://example.org\n\nText.[^1]\n\n[^1]: Note.\n\n<div>raw</div>\n\n***\n')
    const xml = serializeJats(toJats(article))
    htmlBody(article)
    expect(article.file.messages).toEqual([])
    expect(xml).toContain('<fn id="fn1">')
    expect(Object.keys(DROPPED).sort()).toEqual(['definition', 'footnoteDefinition', 'html', 'thematicBreak', 'toml', 'yaml'])
  })
})

describe('handlers one by one', () => {
  const cell = (value: string) => ({ type: 'tableCell' as const, children: [t(value)] })
  const row = (...values: string[]) => ({ type: 'tableRow' as const, children: values.map(cell) })

  it('sets a cell as <td>, a row as header or data cells by its place in the table, aligned by the table', () => {
    expect(jatsOf(cell('a'))).toBe('<td>a</td>')
    expect(jatsOf(row('a', 'b'))).toBe('<tr><th>a</th><th>b</th></tr>')
    const table = { type: 'table' as const, align: ['right' as const, null], children: [row('h', 'i'), row('a', 'b')] }
    const state = bodyState()
    expect(state.one(table.children[1], table).map((node) => (node.type === 'element' ? node.children.map((c) => c.type === 'element' && [c.name, c.attributes.align]) : []))).toEqual([[['td', 'right'], ['td', undefined]]])
    expect(state.one(table.children[0], table)[0]).toMatchObject({ name: 'tr', children: [{ name: 'th', attributes: { align: 'right' } }, { name: 'th', attributes: {} }] })
  })

  it('sets a lone caption as <caption><p>, and nothing for an empty one', () => {
    expect(jatsOf({ type: 'caption', children: [t('Doses.')] })).toBe('<caption><p>Doses.</p></caption>')
    expect(jatsOf({ type: 'caption', children: [] })).toBe('')
  })

  it('sets the root as its sections', () => {
    expect(jatsOf({ type: 'root', children: [{ type: 'heading', depth: 2, children: [t('A')] }, { type: 'paragraph', children: [t('a')] }] }))
      .toBe('<sec><title>A</title><p>a</p></sec>')
  })
})
