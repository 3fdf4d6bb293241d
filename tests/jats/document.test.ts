import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RootContent } from 'mdast'
import { describe, expect, it } from 'vitest'
import type { Element } from 'xast'
import { JATS_DOCTYPE, serializeJats, toJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { abstractOf, elementsNamed, makeArticle } from './fixture.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const sharedJats = path.resolve(repoRoot, '../shared/jats')


describe('toJats', () => {
  it('returns the XML declaration, the 1.3 Publishing DOCTYPE and <article>', () => {
    const root = toJats(makeArticle())
    expect(root.children.map((child) => child.type)).toEqual(['instruction', 'doctype', 'element'])
    expect(root.children[1]).toEqual(JATS_DOCTYPE)
    const article = root.children[2] as Element
    expect(article.attributes).toEqual({
      'xmlns:xlink': 'http://www.w3.org/1999/xlink',
      'xmlns:mml': 'http://www.w3.org/1998/Math/MathML',
      'xmlns:ali': 'http://www.niso.org/schemas/ali/1.0/',
      'article-type': 'letter',
      'dtd-version': '1.3',
      'xml:lang': 'en',
    })
    expect(article.children.flatMap((child) => (child.type === 'element' ? [child.name] : [])))
      .toEqual(['front', 'body', 'back'])
  })
})

describe('serializeJats', () => {
  const xml = serializeJats(toJats(makeArticle()))

  it('starts with the declaration and DOCTYPE and ends with one newline', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE article PUBLIC ' +
      '"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN" ' +
      '"https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3-mathml3.dtd">\n<article ')).toBe(true)
    expect(xml.endsWith('</article>\n')).toBe(true)
  })

  it('gives the same bytes for the same article', () => {
    expect(serializeJats(toJats(makeArticle()))).toBe(xml)
  })

  it('indents element-only content but adds no whitespace inside mixed content', () => {
    expect(xml).toContain('\n  <front>\n    <journal-meta>\n')
    for (const mixed of ['p', 'aff', 'corresp', 'element-citation', 'title', 'td', 'th']) {
      for (const [fragment] of xml.matchAll(new RegExp(`<${mixed}[ >][\\s\\S]*?</${mixed}>`, 'g'))) {
        expect(fragment, fragment).not.toContain('\n')
      }
    }
  })

  it('does not change the tree it is given', () => {
    const root = toJats(makeArticle())
    const before = structuredClone(root)
    serializeJats(root)
    expect(root).toEqual(before)
  })
})

describe('the fixture letter', () => {
  const xml = serializeJats(toJats(makeArticle({ meta: { abstract: abstractOf('A short abstract.') } })))

  it('is valid JATS 1.3 Publishing for libxml2-wasm', () => {
    expect(validateJats(xml, 'letter.xml')).toEqual([])
  })

  it('stays valid with sparse metadata and edge constructs', () => {
    const t = (value: string) => ({ type: 'text' as const, value })
    const edges: RootContent[] = [
      { type: 'heading', depth: 3, children: [t('Deep first')] },
      { type: 'paragraph', children: [{ type: 'image', url: 'x/inline.png', alt: 'icon' }, t(' with icon')] },
      { type: 'heading', depth: 1, children: [] },
      { type: 'figure', identifier: 'f1', number: 1, url: 'f.tiff', path: '/f.tiff', file: 'f.tiff', href: 'f.tiff', alt: '', children: [{ type: 'caption', children: [] }] },
      { type: 'table', children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: [t('only head')] }] }] },
      { type: 'blockquote', children: [{ type: 'heading', depth: 2, children: [t('quoted heading')] }] },
      { type: 'list', ordered: true, children: [{ type: 'listItem', children: [] }] },
      { type: 'html', value: '<div>' },
      { type: 'code', value: 'if (a[b[0]]>1) x = "<&>"' },
      { type: 'paragraph', children: [{ type: 'citation', mode: 'parenthetical', items: [{ key: 'ghost', number: 7 }] }] },
    ]
    const sparse = makeArticle({
      tree: edges,
      meta: {
        doi: undefined, heading: undefined, translatedTitles: [], keywords: [], copyright: undefined,
        license: undefined, volume: undefined, issue: undefined, pages: undefined,
        date: { year: 2025 }, affiliations: [{ id: '1', name: 'Solo Institute' }],
        authors: [{ given: 'Ann', family: 'Lone', corresponding: true, affiliations: ['1'] }],
      },
      references: [],
    })
    const sparseXml = serializeJats(toJats(sparse))
    expect(validateJats(sparseXml, 'sparse.xml')).toEqual([])
    expect(sparseXml).toContain('<preformat>if (a[b[0]]&gt;1) x = "&#x3C;&#x26;>"</preformat>')
  })

  it('is valid for the system xmllint too, through the shared catalog (make test installs xmllint; ../shared must be beside the checkout)', () => {
    expect(fs.existsSync(path.join(sharedJats, 'catalog.xml')), `${sharedJats}/catalog.xml is missing`).toBe(true)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-jats-'))
    const file = path.join(dir, 'letter.xml')
    fs.writeFileSync(file, xml)
    const lint = () => execFileSync('xmllint', ['--noout', '--nonet', '--valid', file], {
      env: { ...process.env, XML_CATALOG_FILES: path.join(sharedJats, 'catalog.xml') },
      stdio: 'pipe',
    })
    try {
      expect(lint).not.toThrow()
      // And the two validators agree on a broken copy.
      fs.writeFileSync(file, xml.replace('<article-title>', '<title>').replace('</article-title>', '</title>'))
      expect(lint).toThrow()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('emits every graphic with its alt text and every bibr xref resolving to a ref', () => {
    const root = toJats(makeArticle())
    const refIds = new Set(elementsNamed(root, 'ref').map((ref) => ref.attributes.id))
    const rids = elementsNamed(root, 'xref').filter((xref) => xref.attributes['ref-type'] === 'bibr')
      .map((xref) => xref.attributes.rid)
    expect(rids.length).toBeGreaterThan(0)
    expect(rids.every((rid) => refIds.has(rid))).toBe(true)
    expect(elementsNamed(root, 'graphic').every((graphic) => elementsNamed(graphic, 'alt-text').length === 1)).toBe(true)
  })
})
