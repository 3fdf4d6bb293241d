import { describe, expect, it } from 'vitest'
import { toXml } from 'xast-util-to-xml'
import { back, elementCitation, publicationType } from '../../src/jats/back.ts'
import type { CslItem } from '../../src/types.ts'
import { bodyState, makeArticle, references } from './fixture.ts'

const citationOf = (key: string) => {
  const reference = references.find((candidate) => candidate.key === key)!
  return toXml(elementCitation(reference.csl, reference.pages))
}

describe('ref-list', () => {
  it('has a localised title and one labelled ref per work', () => {
    const xml = toXml(back(bodyState())!)
    expect(xml).toContain('<ref-list><title>References</title><ref id="B1"><label>1</label><element-citation')
    expect(xml.match(/<ref id=/g)).toHaveLength(references.length)
  })

  it('comes after the footnotes', () => {
    expect(toXml(back(bodyState())!)).toMatch(/^<back><fn-group><fn id="fn1"><label>1<\/label><p>Registry checked in 2024.<\/p><\/fn><\/fn-group><ref-list>/)
  })

  it('is left out when nothing is cited and there are no footnotes', () => {
    const tree = makeArticle().tree.children.filter((node) => node.type !== 'footnoteDefinition')
    expect(back(bodyState(makeArticle({ references: [], tree })))).toBeUndefined()
  })
})

describe('element-citation, field by field from CSL-JSON', () => {
  it('tags a journal article', () => {
    expect(citationOf('doe2019')).toBe('<element-citation publication-type="journal">' +
      '<person-group person-group-type="author">' +
      '<name name-style="western"><surname>Doe</surname><given-names>Jane</given-names></name>' +
      '<name name-style="western"><surname>Roe</surname><given-names>Richard</given-names></name></person-group>' +
      '<article-title>Acral erythema after antibiotic exposure: a case series</article-title>' +
      '<source>Example Journal of Clinical Reports</source><year>2019</year><month>06</month>' +
      '<volume>1</volume><issue>2</issue><fpage>455</fpage><lpage>462</lpage>' +
      '<pub-id pub-id-type="doi">10.5555/exjcr.2019.0101</pub-id><pub-id pub-id-type="pmid">31000001</pub-id>' +
      '</element-citation>')
  })

  it('tags a book with edition and publisher', () => {
    expect(citationOf('smith2020')).toBe('<element-citation publication-type="book">' +
      '<person-group person-group-type="author"><name name-style="western"><surname>Smith</surname>' +
      '<given-names>Anna</given-names></name></person-group><source>Cutaneous Drug Reactions</source>' +
      '<edition>2</edition><publisher-loc>London</publisher-loc><publisher-name>Example Books</publisher-name>' +
      '<year>2020</year></element-citation>')
  })

  it('tags a chapter with chapter-title, editors and the book as source', () => {
    expect(citationOf('lee2018')).toContain('<chapter-title>Fixed drug eruptions</chapter-title>' +
      '<person-group person-group-type="editor"><name name-style="western"><surname>Grant</surname>' +
      '<given-names>Paula</given-names></name></person-group><source>Handbook of Skin Reactions</source>')
    expect(citationOf('lee2018')).toContain('<fpage>12</fpage><lpage>30</lpage>')
  })

  it('tags a web page by an organisation, linking the URL when there is no DOI', () => {
    expect(citationOf('who2021')).toBe('<element-citation publication-type="webpage">' +
      '<person-group person-group-type="author"><collab>World Example Organization</collab></person-group>' +
      '<source>Antibiotic safety notes</source><year>2021</year><month>11</month>' +
      '<ext-link ext-link-type="uri" xlink:href="https://example.org/antibiotic-safety">' +
      'https://example.org/antibiotic-safety</ext-link></element-citation>')
  })

  it('tags a data set with data-title and its repository as source', () => {
    expect(citationOf('callen2023')).toContain('<element-citation publication-type="data">')
    expect(citationOf('callen2023')).toContain('<data-title>Erythema photographs</data-title><source>Zenodo</source>')
  })

  it('prefers the DOI over the URL, and uses elocation-id for an article number', () => {
    const csl: CslItem = {
      id: 'x', type: 'article-journal', title: 'T', 'container-title': 'J', DOI: '10.5555/x', URL: 'https://x.org',
      'article-number': 'e42', issued: { literal: 'Spring 2017' },
    }
    const xml = toXml(elementCitation(csl, undefined))
    expect(xml).toContain('<year>2017</year><elocation-id>e42</elocation-id><pub-id pub-id-type="doi">10.5555/x</pub-id>')
    expect(xml).not.toContain('ext-link')
  })
})

describe('helpers', () => {
  it('maps CSL types onto JATS publication types, avoiding "other"', () => {
    const type = (cslType: string, extra: Partial<CslItem> = {}) => publicationType({ id: 'x', type: cslType, ...extra })
    expect(['article-journal', 'article-magazine', 'chapter', 'book', 'webpage', 'dataset', 'report', 'thesis']
      .map((cslType) => type(cslType))).toEqual(['journal', 'journal', 'book', 'book', 'webpage', 'data', 'report', 'thesis'])
    expect(type('article')).toBe('preprint')
    expect(type('paper-conference')).toBe('confproc')
    expect(type('entry-encyclopedia')).toBe('book')
    expect(type('manuscript', { 'container-title': 'Some Series' })).toBe('journal')
  })
})
