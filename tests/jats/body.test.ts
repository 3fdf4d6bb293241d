import type { Heading, RootContent } from 'mdast'
import { describe, expect, it } from 'vitest'
import { toXml } from 'xast-util-to-xml'
import { body } from '../../src/jats/body.ts'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { bodyState, jatsOf, makeArticle } from './fixture.ts'

const t = (value: string) => ({ type: 'text' as const, value })

describe('inline handlers', () => {
  it('tags paragraphs, emphasis, strong, code, strike', () => {
    expect(jatsOf({
      type: 'paragraph',
      children: [
        { type: 'emphasis', children: [t('a')] }, { type: 'strong', children: [t('b')] },
        { type: 'inlineCode', value: 'c<d' }, { type: 'delete', children: [t('e')] },
      ],
    })).toBe('<p><italic>a</italic><bold>b</bold><monospace>c&#x3C;d</monospace><strike>e</strike></p>')
  })

  it('turns a hard break into a space, since <p> has no break', () => {
    expect(jatsOf({ type: 'paragraph', children: [t('a'), { type: 'break' }, t('b')] })).toBe('<p>a b</p>')
  })

  it('links as a uri ext-link, falling back to the URL as text', () => {
    expect(jatsOf({ type: 'link', url: 'https://example.org/a', children: [t('site')] }))
      .toBe('<ext-link ext-link-type="uri" xlink:href="https://example.org/a">site</ext-link>')
    expect(jatsOf({ type: 'link', url: 'https://example.org/a', children: [] }))
      .toBe('<ext-link ext-link-type="uri" xlink:href="https://example.org/a">https://example.org/a</ext-link>')
  })

  it('keeps a remote image\'s whole address', () => {
    expect(jatsOf({ type: 'image', url: 'https://example.org/img/a.png?v=2', alt: 'a' }))
      .toBe('<inline-graphic xlink:href="https://example.org/img/a.png?v=2"><alt-text>a</alt-text></inline-graphic>')
  })

  it('sets an image, a formula or a citation inside a link beside the link text, with a warning at it', () => {
    const state = bodyState()
    const image = { type: 'image' as const, url: 'moon.png', alt: 'moon', position: { start: { line: 3, column: 2 }, end: { line: 3, column: 20 } } }
    expect(jatsOf({ type: 'link', url: 'https://example.org/', children: [image] }, state))
      .toBe('<inline-graphic xlink:href="moon.png"><alt-text>moon</alt-text></inline-graphic>' +
        '<ext-link ext-link-type="uri" xlink:href="https://example.org/">moon</ext-link>')
    expect(jatsOf({ type: 'link', url: 'https://example.org/', children: [t('see '), { type: 'emphasis', children: [t('it')] }, image, t(' now')] }, state))
      .toBe('<ext-link ext-link-type="uri" xlink:href="https://example.org/">see <italic>it</italic></ext-link>' +
        '<inline-graphic xlink:href="moon.png"><alt-text>moon</alt-text></inline-graphic>' +
        '<ext-link ext-link-type="uri" xlink:href="https://example.org/"> now</ext-link>')
    expect(state.file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['jats-link-content', 3, 2], ['jats-link-content', 3, 2]])
    expect(state.file.messages[0].reason).toMatch(/^JATS cannot put an image inside a link/)
  })

  it('cross-references figures and tables with the template words', () => {
    expect(jatsOf({ type: 'crossReference', kind: 'fig', identifier: 'fig-a', number: 2 }))
      .toBe('<xref ref-type="fig" rid="fig-a">Fig. 2</xref>')
    expect(jatsOf({ type: 'crossReference', kind: 'tbl', identifier: 'tbl-b', number: 1 }))
      .toBe('<xref ref-type="table" rid="tbl-b">Table 1</xref>')
  })

  it('prints a bare cross-reference ([-@fig-a], or one with the author\'s prefix) without its word', () => {
    expect(jatsOf({ type: 'crossReference', kind: 'fig', identifier: 'fig-a', number: 2, bare: true }))
      .toBe('<xref ref-type="fig" rid="fig-a">2</xref>')
  })

  it('names a section by its title, styling kept, and a declaration by the word its heading prints', () => {
    const title = [t('Case of '), { type: 'emphasis' as const, children: [t('M. marinum')] }]
    expect(jatsOf({ type: 'crossReference', kind: 'sec', identifier: 'sec-case', number: 0, section: { title } }))
      .toBe('<xref ref-type="sec" rid="sec-case">Section Case of <italic>M. marinum</italic></xref>')
    expect(jatsOf({ type: 'crossReference', kind: 'sec', identifier: 'sec-case', number: 0, bare: true, section: { title } }))
      .toBe('<xref ref-type="sec" rid="sec-case">Case of <italic>M. marinum</italic></xref>')
    const declaration = (kind: 'acknowledgements' | 'appendix' | 'conflicts' | 'funding', heading = true) =>
      jatsOf({ type: 'crossReference', kind: 'sec', identifier: 'sec-x', number: 0, bare: true, section: { title: [t('Thanks')], declaration: { kind, heading } } })
    expect(declaration('acknowledgements')).toBe('<xref ref-type="sec" rid="sec-x">Acknowledgements</xref>')
    expect(declaration('appendix')).toBe('<xref ref-type="app" rid="sec-x">Thanks</xref>')
    expect(declaration('conflicts')).toBe('<xref ref-type="fn" rid="sec-x">Conflicts of interest</xref>')
    expect(declaration('conflicts', false)).toBe('<xref ref-type="sec" rid="sec-x">Thanks</xref>')
    // The funding statement has no id in JATS: the words stay, unlinked.
    expect(declaration('funding')).toBe('Funding')
  })

  it('keeps the id of a heading that cannot open a section, for a reference to point at', () => {
    expect(jatsOf({ type: 'blockquote', children: [{ type: 'heading', depth: 2, data: { id: 'sec-aside' }, children: [t('Aside')] }] }))
      .toBe('<disp-quote><p id="sec-aside"><bold>Aside</bold></p></disp-quote>')
  })
})

describe('block handlers', () => {
  it('drops an empty paragraph rather than emitting <p></p>', () => {
    expect(jatsOf({ type: 'paragraph', children: [{ type: 'html', value: '<!-- note -->' }] })).toBe('')
  })

  it('tags bullet and ordered lists with list-item/p', () => {
    const item = { type: 'listItem' as const, children: [{ type: 'paragraph' as const, children: [t('x')] }] }
    expect(jatsOf({ type: 'list', ordered: false, children: [item] }))
      .toBe('<list list-type="bullet"><list-item><p>x</p></list-item></list>')
    expect(jatsOf({ type: 'list', ordered: true, children: [item] }))
      .toBe('<list list-type="order"><list-item><p>x</p></list-item></list>')
  })

  it('wraps code, a quote or a table in a list item in a <p>, since <list-item> holds only paragraphs and lists', () => {
    const code = { type: 'code' as const, value: 'x = 1' }
    const quote = { type: 'blockquote' as const, children: [{ type: 'paragraph' as const, children: [t('q')] }] }
    const inner = { type: 'list' as const, children: [{ type: 'listItem' as const, children: [{ type: 'paragraph' as const, children: [t('y')] }] }] }
    expect(jatsOf({ type: 'list', children: [{ type: 'listItem', children: [{ type: 'paragraph', children: [t('x')] }, code, quote, inner] }] }))
      .toBe('<list list-type="bullet"><list-item><p>x</p><p specific-use="wrapper"><preformat>x = 1</preformat></p>' +
        '<p specific-use="wrapper"><disp-quote><p>q</p></disp-quote></p>' +
        '<list list-type="bullet"><list-item><p>y</p></list-item></list></list-item></list>')
  })

  it('tags quotes, code blocks and drops thematic breaks', () => {
    expect(jatsOf({ type: 'blockquote', children: [{ type: 'paragraph', children: [t('q')] }] }))
      .toBe('<disp-quote><p>q</p></disp-quote>')
    expect(jatsOf({ type: 'code', value: 'a < b\n  c' })).toBe('<preformat>a &#x3C; b\n  c</preformat>')
    expect(jatsOf({ type: 'thematicBreak' })).toBe('')
  })

  it('wraps a plain table in table-wrap without label, header in thead', () => {
    expect(jatsOf({
      type: 'table', align: [null, 'center'],
      children: [
        { type: 'tableRow', children: [{ type: 'tableCell', children: [t('h1')] }, { type: 'tableCell', children: [t('h2')] }] },
        { type: 'tableRow', children: [{ type: 'tableCell', children: [t('a')] }, { type: 'tableCell', children: [] }] },
      ],
    })).toBe('<table-wrap><table><thead><tr><th>h1</th><th align="center">h2</th></tr></thead>' +
      '<tbody><tr><td>a</td><td align="center"/></tr></tbody></table></table-wrap>')
  })

  it('keeps a header-only table as bare rows (the DTD wants tbody after thead)', () => {
    expect(jatsOf({ type: 'table', children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: [t('h')] }] }] }))
      .toBe('<table-wrap><table><tr><th>h</th></tr></table></table-wrap>')
  })

  it('tags a captioned table with id, label and caption', () => {
    expect(jatsOf({
      type: 'tableFigure', identifier: 'tbl-x', number: 3, children: [{ type: 'caption', children: [t('Doses.')] },
      { type: 'table', children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: [t('h')] }] }] }],
    })).toBe('<table-wrap id="tbl-x"><label>Table 3</label><caption><p>Doses.</p></caption>' +
      '<table><tr><th>h</th></tr></table></table-wrap>')
  })

  it('tags a figure with label, caption and a flat graphic href with its MIME subtype', () => {
    expect(jatsOf({
      type: 'figure', identifier: 'fig-a', number: 1, url: 'img/sub/face.PNG', path: '/abs/img/sub/face.PNG', file: 'face.PNG', href: 'face.PNG',
      alt: 'A face.', children: [{ type: 'caption', children: [t('The '), { type: 'emphasis', children: [t('face')] }] }],
    })).toBe('<fig id="fig-a" position="float"><label>Figure 1</label><caption><p>The <italic>face</italic></p></caption>' +
      '<graphic xlink:href="face.PNG" mimetype="image" mime-subtype="png"><alt-text>A face.</alt-text></graphic></fig>')
  })

  it('omits an empty caption and an empty alt text', () => {
    expect(jatsOf({ type: 'figure', identifier: 'f', number: 2, url: 'a.jpeg', path: '/a.jpeg', file: 'a.jpeg', href: 'a.jpeg', alt: '', children: [{ type: 'caption', children: [] }] }))
      .toBe('<fig id="f" position="float"><label>Figure 2</label>' +
        '<graphic xlink:href="a.jpeg" mimetype="image" mime-subtype="jpeg"/></fig>')
  })

  it('drops raw HTML and falls back to the children of unknown nodes (with a warning: see handlers.test.ts)', () => {
    expect(jatsOf({ type: 'html', value: '<b>x</b>' })).toBe('')
    expect(jatsOf({ type: 'mystery', children: [t('kept')] } as unknown as RootContent)).toBe('kept')
  })
})

describe('footnotes', () => {
  it('points at each footnote by its number and sets the notes in back, in order of first reference', () => {
    const note = (identifier: string, words: string): RootContent =>
      ({ type: 'footnoteDefinition', identifier, label: identifier, children: [{ type: 'paragraph', children: [t(words)] }] })
    const ref = (identifier: string) => ({ type: 'footnoteReference' as const, identifier, label: identifier })
    const xml = serializeJats(toJats(makeArticle({
      tree: [note('a', 'Note A.'), { type: 'paragraph', children: [t('One'), ref('b'), t(' two'), ref('a'), t(' again'), ref('b')] }, note('b', 'Note B.')],
    })))
    expect(xml).toContain('<p>One<xref ref-type="fn" rid="fn1">1</xref> two<xref ref-type="fn" rid="fn2">2</xref> again<xref ref-type="fn" rid="fn1">1</xref></p>')
    expect(xml).toMatch(/<fn-group>\s*<fn id="fn1">\s*<label>1<\/label>\s*<p>Note B.<\/p>\s*<\/fn>\s*<fn id="fn2">\s*<label>2<\/label>\s*<p>Note A.<\/p>/)
    expect(validateJats(xml, 'footnotes.xml')).toEqual([])
  })
  it('wraps a list or code in a footnote in a <p>, since <fn> holds only paragraphs', () => {
    const xml = serializeJats(toJats(makeArticle({
      tree: [
        { type: 'paragraph', children: [t('See'), { type: 'footnoteReference', identifier: 'a', label: 'a' }] },
        { type: 'footnoteDefinition', identifier: 'a', label: 'a', children: [{ type: 'paragraph', children: [t('Note.')] }, { type: 'code', value: 'x' }] },
      ],
    })))
    expect(xml).toMatch(/<label>1<\/label>\s*<p>Note.<\/p>\s*<p specific-use="wrapper"><preformat>x<\/preformat><\/p>/)
    expect(validateJats(xml, 'footnote-code.xml')).toEqual([])
  })
})

describe('sections', () => {
  const render = (tree: RootContent[]) => {
    const element = body(bodyState(makeArticle({ tree })))
    return element ? toXml(element) : ''
  }
  const heading = (depth: Heading['depth'], value: string): Heading => ({ type: 'heading', depth, children: [t(value)] })
  const para = (value: string): RootContent => ({ type: 'paragraph', children: [t(value)] })

  it('keeps content before any heading directly in body and nests secs by depth', () => {
    expect(render([para('intro'), heading(2, 'A'), para('a'), heading(3, 'A.1'), para('a1'), heading(2, 'B'), para('b')]))
      .toBe('<body><p>intro</p>' +
        '<sec><title>A</title><p>a</p><sec><title>A.1</title><p>a1</p></sec></sec>' +
        '<sec><title>B</title><p>b</p></sec></body>')
  })

  it('closes deeper sections when a shallower heading comes', () => {
    expect(render([heading(3, 'deep'), heading(1, 'top'), para('x')]))
      .toBe('<body><sec><title>deep</title></sec><sec><title>top</title><p>x</p></sec></body>')
  })

  it('turns a heading that cannot open a section into a bold paragraph', () => {
    expect(render([{ type: 'blockquote', children: [heading(2, 'inside')] }]))
      .toBe('<body><disp-quote><p><bold>inside</bold></p></disp-quote></body>')
  })

  it('emits no body when nothing is left', () => {
    expect(render([{ type: 'yaml', value: 'a: 1' }, { type: 'thematicBreak' }])).toBe('')
  })
})
