/** The print page's markup, tree in, tree (or markup) out: soft hyphens and structure marks. */
import type { Element, Root, Text } from 'hast'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { SOFT_HYPHEN } from '../../src/pdf/hyphenate.ts'
import { hyphenateTree } from '../../src/pdf/print-hyphens.ts'
import { markTree } from '../../src/pdf/print-marks.ts'
import { printMarkup } from '../../src/pdf/print-markup.ts'
import { MARK_PREFIX } from '../../src/pdf/structure.ts'

const shown = (text: string) => text.replaceAll(SOFT_HYPHEN, '-')
const root = (...children: Root['children']): Root => ({ type: 'root', children })

describe('hyphenateTree', () => {
  it('breaks the running text of the body sections, each passage in its own language', () => {
    const tree = root(h('html', { lang: 'en' }, [
      h('header', ['Descriptions outside the body']),
      h('div.body', [
        h('p', ['Descriptions of facial calcinosis ', h('span', { lang: 'es' }, ['dermatomiositis']), ' remain scarce.']),
      ]),
    ]))
    hyphenateTree(tree)
    const html = tree.children[0] as Element
    expect(shown(JSON.stringify(html))).toContain('"De-scrip-tions of fa-cial cal-ci-nosis "')
    expect(shown(JSON.stringify(html))).toContain('"der-ma-to-mio-si-tis"')
    expect(shown(JSON.stringify(html))).toContain('"Descriptions outside the body"')
  })

  it('leaves links, marks, code, formulas, captions, headings and tables whole', () => {
    const tree = root(h('div.body', { lang: 'en' }, [
      h('h2', ['Descriptions']),
      h('p', [h('a', { href: '#x' }, ['calcinosis']), h('sup', ['calcinosis']), h('code', ['calcinosis'])]),
      h('figure', [h('figcaption', ['Descriptions'])]),
      h('table', [h('tbody', [h('tr', [h('td', ['calcinosis'])])])]),
    ]))
    const before = JSON.stringify(tree)
    hyphenateTree(tree)
    expect(JSON.stringify(tree)).toBe(before)
  })

  it('reads a word split over text nodes side by side as the browser does, whole', () => {
    const paragraph = h('p', ['calci', 'nosis'])
    hyphenateTree(root(h('div.body', { lang: 'en' }, [paragraph])))
    expect(paragraph.children.map((text) => shown((text as Text).value))).toEqual(['cal-ci-nosis'])
  })

  it('leaves text in a language without patterns as it is', () => {
    const paragraph = h('p', ['Descriptions'])
    hyphenateTree(root(h('div.body', { lang: 'x-unknown' }, [paragraph])))
    expect(paragraph.children).toEqual([{ type: 'text', value: 'Descriptions' }])
  })
})

describe('markTree', () => {
  it('marks each footnote a Note with its ID, their list a group, each section a Sect, in the language around them', () => {
    const note = h('li#fn-1', ['A note.'])
    const list = h('ol', [note])
    const footnotes = h('section', { dataFootnotes: true, className: ['footnotes'] }, [list])
    const inner = h('section', ['Inner'])
    const outer = h('section', { lang: 'es' }, [inner])
    markTree(root(h('html', { lang: 'en' }, [h('body', [outer, footnotes])])))
    expect(note.properties.lang).toBe(`en${MARK_PREFIX}note-666e2d31`)
    expect(list.properties.lang).toBe(`en${MARK_PREFIX}div`)
    expect(footnotes.properties.lang).toBe(`en${MARK_PREFIX}sect`)
    expect(outer.properties.lang).toBe(`es${MARK_PREFIX}sect`)
    // Marked after its section: it reads the language its section was left with.
    expect(inner.properties.lang).toBe(`es${MARK_PREFIX}sect${MARK_PREFIX}sect`)
  })

  it('leaves list items outside the footnotes, and footnotes without an ID, unmarked', () => {
    const item = h('li#a', ['Item'])
    const unnamed = h('li', ['Note'])
    markTree(root(h('div', [h('ol', [item]), h('section.footnotes', [h('ol', [unnamed])])])))
    expect(item.properties.lang).toBeUndefined()
    expect(unnamed.properties.lang).toBeUndefined()
  })
})

describe('printMarkup', () => {
  it('leaves the HTML page\'s tree as it was', () => {
    const tree = root({ type: 'doctype' }, h('html', { lang: 'en' }, [h('body', [h('section.body', [h('p', ['Descriptions of calcinosis.'])])])]))
    const before = structuredClone(tree)
    const markup = printMarkup(tree, '/nowhere/page.html')
    expect(tree).toEqual(before)
    expect(markup.placeholders.size).toBe(0)
    expect(shown(markup.html)).toBe(`<!doctype html><html lang="en"><body><section class="body" lang="en${MARK_PREFIX}sect"><p>De-scrip-tions of cal-ci-nosis.</p></section></body></html>`)
  })
})
