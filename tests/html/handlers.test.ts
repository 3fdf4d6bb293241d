import type { Root as HastRoot } from 'hast'
import type { Paragraph, Root, RootContent } from 'mdast'
import { toHast } from 'mdast-util-to-hast'
import { describe, expect, it } from 'vitest'
import { hastOptions } from '../../src/html/handlers.ts'
import { toHtml } from '../../src/html/page.ts'
import type { Article, CitationLook } from '../../src/types.ts'
import { numberFootnotes } from '../../src/transform/footnotes.ts'
import * as fixture from './fixture.ts'
import { DEFAULT_WORDS } from '../../src/template/words.ts'
import { byClass, byTag, html, textOf } from './util.ts'

function convert(nodes: Root['children'], look?: CitationLook, overrides: Partial<Article> = {}): HastRoot {
  const article = fixture.article(overrides)
  if (look) article.template.citation = look
  return toHast({ type: 'root', children: nodes }, hastOptions(article)) as HastRoot
}

const paragraph = (...children: any[]): RootContent => ({ type: 'paragraph', children })
const cite = (mode: 'parenthetical' | 'narrative', ...items: Array<[number, string?]>) => ({
  type: 'citation',
  mode,
  items: items.map(([number, locator]) => ({ key: fixture.references[number - 1].key, number, ...(locator ? { afterNumber: [{ type: 'text' as const, value: `, ${locator}` }] } : {}) })),
})

describe('citation handler', () => {
  it('renders a superscript number linking to the reference', () => {
    const out = convert([paragraph(cite('parenthetical', [1]))])
    expect(html(byClass(out, 'citation')[0])).toBe(
      '<span class="citation" data-citation-style="superscript" data-citation-mode="parenthetical">' +
      '<sup><a href="#B1" role="doc-biblioref">1</a></sup></span>')
  })

  it('collapses a run to a range and keeps a locator beside its number', () => {
    const out = convert([paragraph(cite('parenthetical', [1], [2], [3], [4, 'p. 5']))])
    const span = byClass(out, 'citation')[0]
    expect(textOf(span)).toBe('1\u20133,4, p. 5')
    expect(byTag(span, 'a').map((a) => a.properties.href)).toEqual(['#B1', '#B3', '#B4'])
  })

  it('brackets the numbers, without <sup>, for the bracket look', () => {
    const out = convert([paragraph(cite('parenthetical', [2], [3]))], { style: 'bracket', placement: 'before-punctuation' })
    const span = byClass(out, 'citation')[0]
    expect(span.properties.dataCitationStyle).toBe('bracket')
    expect(byTag(span, 'sup')).toHaveLength(0)
    expect(textOf(span)).toBe('[2,3]')
  })

  it('puts the author names before a narrative citation', () => {
    const out = convert([paragraph({ type: 'text', value: 'According to ' }, cite('narrative', [4]))])
    expect(textOf(out)).toBe('According to Callen and Wortmann4')
    expect(byClass(out, 'citation')[0].properties.dataCitationMode).toBe('narrative')
    const bracket = convert([paragraph(cite('narrative', [1]))], { style: 'bracket', placement: 'before-punctuation' })
    expect(textOf(bracket)).toBe('Balin et al. [1]')
  })
})

describe('crossReference handler', () => {
  it('links "Fig. 1" and "Table 1" to their targets with a no-break space', () => {
    const out = convert([paragraph(
      { type: 'crossReference', kind: 'fig', identifier: 'fig-malar', number: 1 },
      { type: 'crossReference', kind: 'tbl', identifier: 'tbl-values', number: 2 },
    )])
    expect(html(byClass(out, 'xref'))).toBe(
      '<a class="xref" href="#fig-malar">Fig.\u00a01</a><a class="xref" href="#tbl-values">Table\u00a02</a>')
  })

  it('links a section by its title, and the bare form without "Section"', () => {
    const title = [{ type: 'text', value: 'Case ' }, { type: 'emphasis', children: [{ type: 'text', value: 'presentation' }] }]
    const out = convert([paragraph(
      { type: 'crossReference', kind: 'sec', identifier: 'sec-case', number: 0, section: { title } },
      { type: 'crossReference', kind: 'sec', identifier: 'sec-case', number: 0, bare: true, section: { title } },
      { type: 'crossReference', kind: 'sec', identifier: 'sec-ack', number: 0, section: { title: [{ type: 'text', value: 'Thanks' }], declaration: { kind: 'acknowledgements', heading: true } } },
    )])
    expect(html(byClass(out, 'xref'))).toBe(
      '<a class="xref" href="#sec-case">Section\u00a0Case <em>presentation</em></a>'
      + '<a class="xref" href="#sec-case">Case <em>presentation</em></a>'
      + '<a class="xref" href="#sec-ack">Section\u00a0Acknowledgements</a>')
  })

  it('prints the article\'s language: "Sección" in Spanish', () => {
    const out = convert([paragraph({ type: 'crossReference', kind: 'sec', identifier: 'sec-a', number: 0, section: { title: [{ type: 'text', value: 'Caso' }] } })],
      undefined, { words: DEFAULT_WORDS.es })
    expect(textOf(byClass(out, 'xref')[0])).toBe('Sección\u00a0Caso')
  })
})

describe('figure handler', () => {
  it('renders <figure> with the image by basename and a labelled caption', () => {
    const out = convert([fixture.tree().children[1]])
    const [figure] = byTag(out, 'figure')
    expect(figure.properties.id).toBe('fig-malar')
    const [img] = byTag(figure, 'img')
    expect(img.properties.src).toBe('fig1-malar-plaques.png')
    expect(img.properties.alt).toBe('Clinical photograph of firm plaques over both cheeks.')
    expect(img.properties.loading).toBeUndefined()
    expect(html(byTag(figure, 'figcaption')[0])).toBe(
      '<figcaption><span class="label">Figure\u00a01</span> Stony-hard plaques in both malar regions, ' +
      '<em>well defined</em>.</figcaption>')
  })
})

describe('tableFigure handler', () => {
  it('renders the caption, then the GFM table through the default handler', () => {
    const out = convert([fixture.tree().children[2]])
    const [figure] = byTag(out, 'figure')
    expect(figure.properties).toMatchObject({ id: 'tbl-values', className: ['table'] })
    expect(figure.children.filter((child) => child.type === 'element').map((child) => child.tagName))
      .toEqual(['figcaption', 'table'])
    expect(textOf(byTag(figure, 'figcaption')[0])).toBe('Table\u00a01 Laboratory values.')
    expect(byTag(figure, 'th').map(textOf)).toEqual(['Test', 'Value'])
    expect(byTag(figure, 'td')[1].properties.align).toBe('right')
  })
})

describe('nodes the HTML has no handler for', () => {
  it('keep their content, as mdast-util-to-hast would, and are warned about where the manuscript has them', async () => {
    const { htmlBody } = await import('../../src/html/page.ts')
    const article = fixture.article()
    const place = { start: { line: 7, column: 3 }, end: { line: 7, column: 12 } }
    article.tree = { type: 'root', children: [paragraph({ type: 'mystery', position: place, children: [{ type: 'text', value: 'kept' }] })] }
    const out = htmlBody(article)
    expect(html(out)).toBe('<p><div>kept</div></p>')
    expect(article.file.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal])).toEqual([['node-unsupported', 7, 3, false]])
    expect(article.file.messages[0].reason).toMatch(/^HTML has no handler for a `mystery` node/)
  })

  it('include no caption: a lone one is a <figcaption>', () => {
    const out = convert([{ type: 'caption', children: [{ type: 'text', value: 'Doses.' }] } as never])
    expect(html(out)).toBe('<figcaption>Doses.</figcaption>')
  })
})

describe('footnotes', () => {
  const ref = (identifier: string) => ({ type: 'footnoteReference' as const, identifier, label: identifier })
  const note = (identifier: string, value: string): RootContent =>
    ({ type: 'footnoteDefinition', identifier, label: identifier, children: [paragraph({ type: 'text', value }) as Paragraph] })

  it('marks and sets notes with the numbers the transform gave, in the article language', () => {
    const tree: Root = { type: 'root', children: [note('a', 'Nota A.'), paragraph(ref('b'), ref('a'), ref('b')), note('b', 'Nota B.')] }
    const words = { ...fixture.words, footnotes: 'Notas', backToReference: 'Volver a la referencia' }
    const out = convert(tree.children, undefined, { tree, footnotes: numberFootnotes(tree), words })
    expect(byTag(out, 'a').filter((a) => a.properties.dataFootnoteRef).map(textOf)).toEqual(['1', '2', '1'])
    const section = byClass(out, 'footnotes')[0]
    expect(textOf(byTag(section, 'h2')[0])).toBe('Notas')
    expect(byTag(section, 'li').map((li) => textOf(li).replace(/↩[\s\S]*/, '').trim())).toEqual(['Nota B.', 'Nota A.'])
    expect(byTag(section, 'a').map((a) => a.properties.ariaLabel)).toEqual(
      ['Volver a la referencia 1', 'Volver a la referencia 1-2', 'Volver a la referencia 2'])
    expect(html(out)).not.toMatch(/Footnotes|Back to/)
  })

  it('sets numbers the transform gave even when they differ from the order of the marks', () => {
    const tree: Root = { type: 'root', children: [paragraph(ref('a')), note('a', 'A.')] }
    const footnotes = numberFootnotes(tree).map((footnote) => ({ ...footnote, number: 7 }))
    const out = convert(tree.children, undefined, { tree, footnotes })
    expect(textOf(byTag(out, 'sup')[0])).toBe('7')
  })

  it('links back to the marks in the declarations too, each mark with an id of its own', () => {
    const tree: Root = { type: 'root', children: [paragraph(ref('a')), note('a', 'Body note.'), note('b', 'Lab note.')] }
    const declarations: Article['declarations'] = [
      { kind: 'acknowledgements', id: 'ack', title: [], children: [paragraph({ type: 'text', value: 'Thanks' }, ref('b'), ref('a'))] },
      { kind: 'funding', id: 'funding-statement', title: [], children: [paragraph({ type: 'text', value: 'None' }, ref('a'))] },
    ]
    const out = toHtml(fixture.article({ tree, footnotes: numberFootnotes({ type: 'root', children: [...tree.children, ...declarations.flatMap((d) => d.children)] }), declarations })).tree
    const marks = byTag(out, 'a').filter((a) => a.properties.dataFootnoteRef)
    expect(marks.map((a) => [textOf(a), a.properties.id])).toEqual([
      ['1', 'user-content-fnref-a'], ['2', 'user-content-fnref-b'], ['1', 'user-content-fnref-a-2'], ['1', 'user-content-fnref-a-3'],
    ])
    const backs = byTag(byClass(out, 'footnotes')[0], 'a').map((a) => a.properties.href)
    expect(backs.sort()).toEqual(marks.map((a) => `#${a.properties.id}`).sort())
  })
})
