/**
 * One manuscript with everything that is counted or labelled in more than one
 * output, built once: the JATS, the HTML and the PDF's text must agree on
 * pages, citations, footnotes, figures, tables, affiliation marks and figure
 * file names. Each output is read back on its own terms (XML text, parsed
 * HTML, pdftotext), never through Galley's own trees.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Element } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { describe, expect, it } from 'vitest'
import { pdftotext } from '../pdf/poppler.ts'
import { byClass, byTag, metaValues, textOf } from '../html/util.ts'
import { PNG_1x1, fixture } from '../helpers.ts'
import { galley } from './build.ts'

const LETTER = `---
title: Outputs that agree
lang: en
article-type: letter
author:
  - name: { given: Ana, family: Uno }
    email: ana@example.org
    corresponding: true
    affiliations: [{ ref: north }, { ref: south }]
  - name: { given: Bea, family: Dos }
    affiliations: [{ ref: south }]
  - name: { given: Cai, family: Tres }
    affiliations: [{ ref: east }]
affiliations:
  - { id: north, name: North Hospital, city: Madrid, country: Spain }
  - { id: south, name: South University, city: Sevilla, country: Spain }
  - { id: east, name: East Institute, city: Valencia, country: Spain }
date: 2021-03
volume: 12
issue: 3
pages: 101-9
bibliography: refs.bib
template: actas-dermo-sifiliograficas
---

Rare [@short2020], and rarer still [@long2019; @book2018].[^first]
As @short2020 showed, see @fig-one and @fig-two, and @tbl-sites.[^second]

![The first figure.](img/one.png){#fig-one fig-alt="First picture"}

![The second figure [@long2019].](img/two.png){#fig-two fig-alt="Second picture"}

| Site | Cases |
|------|------:|
| Face | 2     |

: Sites {#tbl-sites}

Once more.[^first]

[^first]: The first note.
[^second]: The second note, citing [@book2018].
`

const BIB = `@article{short2020,
  author = {Short, S. and Page, P.},
  title = {An abbreviated page range},
  journal = {Journal of Tests},
  year = {2020}, volume = {7}, pages = {455-62}
}
@article{long2019,
  author = {Long, L.},
  title = {A full page range},
  journal = {Journal of Tests},
  year = {2019}, volume = {6}, pages = {1021--1033}
}
@book{book2018,
  author = {Book, B. and Cover, C. and Spine, S.},
  title = {A book},
  publisher = {Test Press},
  year = {2018}
}
`

const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1])

describe('one manuscript, three outputs that agree', async () => {
  const dir = fixture({ 'letter.md': LETTER, 'refs.bib': BIB, 'img/one.png': PNG_1x1, 'img/two.png': PNG_1x1 })
  const out = path.join(dir, 'out')
  const run = await galley(['build', path.join(dir, 'letter.md'), '--out', out])
  if (run.code !== 0) throw new Error(`galley build failed:\n${run.stderr}`)
  const xml = fs.readFileSync(path.join(out, 'letter.xml'), 'utf8')
  const page = fromHtml(fs.readFileSync(path.join(out, 'letter.html'), 'utf8'))
  const pdf = pdftotext(fs.readFileSync(path.join(out, 'letter.pdf')))
  const body = byClass(page, 'body')[0]

  it('gives the article its pages in full everywhere: 101 to 109', () => {
    const front = xml.slice(xml.indexOf('<article-meta>'), xml.indexOf('</article-meta>'))
    expect([all(front, /<fpage>([^<]*)/g), all(front, /<lpage>([^<]*)/g)]).toEqual([['101'], ['109']])
    expect([metaValues(page, 'citation_firstpage'), metaValues(page, 'citation_lastpage')]).toEqual([['101'], ['109']])
    expect(textOf(byClass(page, 'journal-line')[0])).toContain(':101\u2013109')
    expect(pdf).toContain('101\u2013109')
  })

  it('gives a reference its pages in full in JATS and the HTML head, the style printing them its way', () => {
    const refs = all(xml, /<element-citation[^>]*>([\s\S]*?)<\/element-citation>/g)
    const jatsPages = refs.map((ref) => [/<fpage>([^<]*)/.exec(ref)?.[1], /<lpage>([^<]*)/.exec(ref)?.[1]])
    const metaPages = metaValues(page, 'citation_reference').map((value) =>
      [/citation_firstpage=([^;]*)/.exec(value)?.[1], /citation_lastpage=([^;]*)/.exec(value)?.[1]])
    expect(jatsPages).toEqual([['455', '462'], ['1021', '1033'], [undefined, undefined]])
    expect(metaPages).toEqual(jatsPages)
    // Vancouver's page-range-format is "minimal": the visible list abbreviates, from the full range.
    expect(textOf(byTag(byClass(page, 'references')[0], 'li')[0])).toContain('455\u201362')
  })

  it('numbers the same cited works, in the same order', () => {
    const jatsRefs = all(xml, /<ref id="(B\d+)">/g)
    const htmlRefs = byTag(byClass(page, 'reference-list')[0], 'li').map((li) => li.properties.id)
    expect(jatsRefs).toEqual(['B1', 'B2', 'B3'])
    expect(htmlRefs).toEqual(jatsRefs)
    expect(metaValues(page, 'citation_reference')).toHaveLength(3)
    // Every cited number, in order of appearance (JATS writes a run out; HTML may draw a range).
    const jatsCited = all(xml, /<xref ref-type="bibr" rid="B\d+">(\d+)<\/xref>/g)
    const htmlCited = byTag(page, 'a').filter((a) => a.properties.role === 'doc-biblioref').map(textOf)
    expect(jatsCited).toEqual(htmlCited)
  })

  it('numbers the same footnotes: marks and notes', () => {
    const jatsMarks = all(xml, /<xref ref-type="fn" rid="fn\d+">(\d+)<\/xref>/g)
    const htmlMarks = byTag(body, 'a').filter((a) => a.properties.dataFootnoteRef !== undefined).map(textOf)
    expect(jatsMarks).toEqual(['1', '2', '1'])
    expect(htmlMarks).toEqual(jatsMarks)
    const jatsNotes = all(xml, /<fn id="fn\d+">\s*<label>(\d+)<\/label>/g)
    const htmlNotes = byTag(byClass(page, 'footnotes')[0], 'li')
    expect(htmlNotes).toHaveLength(jatsNotes.length)
    expect(xml.indexOf('The first note.')).toBeLessThan(xml.indexOf('The second note'))
    expect(textOf(htmlNotes[0])).toContain('The first note.')
    expect(textOf(htmlNotes[1])).toContain('The second note')
  })

  it('has the same figures and tables, with the same file names, which the build wrote', () => {
    const graphics = all(xml, /<graphic xlink:href="([^"]*)"/g)
    const images = byTag(body, 'img').map((img) => img.properties.src)
    expect(graphics).toEqual(['one.png', 'two.png'])
    expect(images).toEqual(graphics)
    for (const name of graphics) expect(fs.existsSync(path.join(out, name)), name).toBe(true)
    expect(all(xml, /<fig id="([^"]*)"/g)).toEqual(byClass(page, 'figure').map((figure) => figure.properties.id))
    expect(all(xml, /<table-wrap id="([^"]*)"/g)).toEqual(byClass(page, 'table').map((table) => table.properties.id))
    for (const label of ['Figure 1', 'Figure 2', 'Table 1']) {
      expect(xml).toContain(`<label>${label}</label>`)
      expect(pdf.replace(/\s+/g, ' ')).toContain(label)
    }
  })

  it('marks affiliations alike: the same labels, on the same authors', () => {
    const jatsLabels = all(xml, /<aff id="aff\d+">\s*<label>([^<]*)<\/label>/g)
    const htmlLabels = byTag(byClass(page, 'affiliations')[0], 'sup').map(textOf)
    expect(jatsLabels).toEqual(['a', 'b', 'c'])
    expect(htmlLabels).toEqual(jatsLabels)
    const jatsByAuthor = all(xml, /<contrib contrib-type="author"[^>]*>([\s\S]*?)<\/contrib>/g)
      .map((contrib) => all(contrib, /<xref ref-type="aff" rid="aff\d+">\s*<sup>([^<]*)<\/sup>/g))
    const htmlByAuthor = byClass(page, 'marks').map((marks) =>
      byTag(marks, 'a').filter((a) => String(a.properties.href).startsWith('#aff-')).map(textOf))
    expect(jatsByAuthor).toEqual([['a', 'b'], ['b'], ['c']])
    expect(htmlByAuthor).toEqual(jatsByAuthor)
  })
})

export type { Element }
