import type { Paragraph, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { locatorTerms, readSuffix } from '../../src/citations/locator.ts'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { transformCitations } from '../../src/transform/citations.ts'
import { transformInlineNotes } from '../../src/transform/inline-notes.ts'
import { transformScripts } from '../../src/transform/scripts.ts'
import type { Citation } from '../../src/types.ts'

const terms = locatorTerms('en-US')

function read(markdown: string) {
  const file = new VFile({ path: 'letter.md', value: markdown })
  const tree: Root = parseMarkdown(file)
  transformScripts(tree, file)
  transformCitations(tree, file, { terms })
  const paragraph = tree.children[0] as Paragraph
  return { file, paragraph, citations: paragraph.children.filter((node): node is Citation => node.type === 'citation') }
}

const words = (content: unknown) => toString({ type: 'paragraph', children: (content ?? []) as never })

describe('Pandoc citation grammar', () => {
  it('keeps a prefix and a suffix, with their markup, on every item', () => {
    const [citation] = read('Blah [*see* @a, pp. 33-35; also @b, chap. 1].').citations
    expect(citation.items.map((item) => [item.key, item.mode, words(item.prefix), words(item.suffix), words(item.afterNumber)])).toEqual([
      ['a', 'normal', 'see', ', pp. 33-35', ', pp. 33-35'],
      ['b', 'normal', 'also', ', chap. 1', ', chap. 1'],
    ])
    expect(citation.items[0].prefix?.[0].type).toBe('emphasis')
    expect(citation.items.map((item) => item.locator)).toEqual([{ label: 'page', value: '33-35' }, { label: 'chapter', value: '1' }])
  })

  it('reads a locator without a comma, and adds the comma it prints', () => {
    const [citation] = read('[@b p. 4]').citations
    expect(citation.items[0]).toMatchObject({ locator: { label: 'page', value: '4' } })
    expect(words(citation.items[0].suffix)).toBe(' p. 4')
    expect(words(citation.items[0].afterNumber)).toBe(', p. 4')
  })

  it('reads author-in-text with a bracketed suffix or cluster, and suppress-author', () => {
    const { citations } = read('@a [p. 9] says, @b [@c] agree, and [-@d] too.')
    expect(citations.map((citation) => [citation.mode, citation.items.map((item) => `${item.mode}:${item.key}:${words(item.suffix)}`)])).toEqual([
      ['narrative', ['author-in-text:a:p. 9']],
      ['narrative', ['author-in-text:b:', 'normal:c:']],
      ['parenthetical', ['suppress-author:d:']],
    ])
  })

  it('keeps escaped brackets as text around an in-text citation, and an escaped @ as text', () => {
    const { paragraph } = read('\\[@a\\] and \\@b')
    expect(paragraph.children.map((node) => node.type === 'text' ? node.value : `${node.type}:${(node as Citation).mode}`))
      .toEqual(['[', 'citation:narrative', '] and @b'])
  })

  it('leaves e-mail addresses as text', () => {
    expect(read('Write to someone@example.org.').citations).toEqual([])
  })

  it('keeps the place of text split around superscripts, so citations after them keep theirs', () => {
    const { citations } = read('H~2~O and 10^6^ cells [@a].')
    expect(citations[0].position?.start).toMatchObject({ line: 1, column: 23 })
  })
})

describe('refusals say what Pandoc would do', () => {
  const messages = (markdown: string) => read(markdown).file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)

  it('a citation inside a link', () => {
    expect(messages('A [link @a](https://x.org).')[0]).toMatch(/^1:9 Pandoc reads @a inside this link's text as a citation/)
  })
  it('a citation nested in a suffix', () => {
    expect(messages('[@a, see also @b]')[0]).toMatch(/^1:2 Pandoc reads @b inside the suffix of @a .*\[@a; see also @b\]/)
  })
  it('an example-list marker opening a paragraph', () => {
    expect(messages('@a. Then more.')[0]).toMatch(/^1:1 Pandoc reads "@a\." at the start of a paragraph as an example-list marker/)
  })
  it('a citation nested in a prefix', () => {
    expect(messages('[a [@b] c @d]')[0]).toMatch(/^1:11 Pandoc reads a bracketed citation inside the prefix of @d/)
  })
  it('a cross-reference sharing brackets with a citation', () => {
    expect(messages('[@fig-x; @a]')[0]).toMatch(/^1:2 Cross-reference @fig-x cannot share brackets/)
  })
})

describe('locators as citeproc reads them', () => {
  const locator = (suffix: string, locale = 'en-US') => {
    const read = readSuffix([{ type: 'text', value: suffix }], locatorTerms(locale))
    return [read.locator ? `${read.locator.label}=${read.locator.value}` : '-', words(read.rest)]
  }
  it.each([
    [', p. 33', 'page=33', ''],
    [' 33-35, 38-39 and passim', 'page=33-35, 38-39', ' and passim'],
    [', chap. 3', 'chapter=3', ''],
    [', sec. 2.1(a)', 'section=2.1(a)', ''],
    [', {pp. iv, vi-xi} with suffix', 'page=iv, vi-xi', ' with suffix'],
    [' and nowhere else', '-', ' and nowhere else'],
    ['with suffix', '-', ', with suffix'],
  ])('%s', (suffix, expected, rest) => {
    expect(locator(suffix)).toEqual([expected, rest])
  })
  it('knows the terms of the manuscript language as well as English', () => {
    expect(locator(', página 4', 'es-ES')).toEqual(['page=4', ''])
    expect(locator(', cap. 2', 'es-ES')).toEqual(['chapter=2', ''])
    expect(locator(', chap. 2', 'es-ES')).toEqual(['chapter=2', ''])
  })
})

describe('inline notes', () => {
  it('become a footnote reference where they stand and a definition at the end', () => {
    const file = new VFile({ path: 'letter.md', value: 'Text.^[A note citing [@a].] More.' })
    const tree: Root = parseMarkdown(file)
    transformInlineNotes(tree, file)
    const [paragraph, definition] = tree.children as [Paragraph, { type: string; identifier: string; children: Paragraph[] }]
    expect(paragraph.children.map((node) => node.type)).toEqual(['text', 'footnoteReference', 'text'])
    expect(definition).toMatchObject({ type: 'footnoteDefinition', identifier: 'inline-note-1' })
    expect(toString(definition.children[0])).toBe('A note citing [@a].')
  })
})
