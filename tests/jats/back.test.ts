import { describe, expect, it } from 'vitest'
import { toXml } from 'xast-util-to-xml'
import { back, elementCitation, publicationType } from '../../src/jats/back.ts'
import { workFacts } from '../../src/citations/facts.ts'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import type { CslItem, Reference } from '../../src/types.ts'
import { bodyState, makeArticle, references } from './fixture.ts'

const citationOf = (key: string) => {
  const reference = references.find((candidate) => candidate.key === key)!
  return toXml(elementCitation(bodyState(), reference))
}
/** A work as the citations stage makes it from CSL-JSON. */
const work = (csl: CslItem): Reference => ({ key: csl.id, number: 1, id: 'B1', csl, ...workFacts(csl), formatted: [] })
const xmlOfWork = (csl: CslItem) => toXml(elementCitation(bodyState(), work(csl)))

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
    const xml = xmlOfWork(csl)
    expect(xml).toContain('<year>2017</year><elocation-id>e42</elocation-id><pub-id pub-id-type="doi">10.5555/x</pub-id>')
    expect(xml).not.toContain('ext-link')
  })
})

describe('element-citation, the fields of other kinds of work', () => {
  it('tags inline markup in titles as the body would, never as literal <i>', () => {
    const xml = xmlOfWork({ id: 'x', type: 'article-journal', title: 'Infection by <i>Mycobacterium marinum</i> in H<sub>2</sub>O <span class="nocase">pH</span>', 'container-title': '<i>J</i> Clin' })
    expect(xml).toContain('<article-title>Infection by <italic>Mycobacterium marinum</italic> in H<sub>2</sub>O pH</article-title>')
    expect(xml).toContain('<source><italic>J</italic> Clin</source>')
  })

  it('keeps an article number written as the page whole, as elocation-id', () => {
    const xml = xmlOfWork({ id: 'x', type: 'article-journal', title: 'T', 'container-title': 'J Clin Microbiol', page: 'e00120-20' })
    expect(xml).toContain('<elocation-id>e00120-20</elocation-id>')
    expect(xml).not.toContain('fpage')
    expect(xmlOfWork({ id: 'x', type: 'article-journal', title: 'T', 'container-title': 'J', page: 'e12-e15' })).toContain('<fpage>e12</fpage><lpage>e15</lpage>')
  })

  it('tags a web page\'s access date', () => {
    const xml = xmlOfWork({ id: 'x', type: 'webpage', title: 'Guidance', 'container-title': 'WHO', URL: 'https://who.int/g', accessed: { 'date-parts': [[2024, 3, 5]] } })
    expect(xml).toContain('<date-in-citation content-type="access-date" iso-8601-date="2024-03-05">2024-03-05</date-in-citation>')
  })

  it('tags a book chapter: chapter title, editors, book title, publisher and place', () => {
    const xml = xmlOfWork({
      id: 'x', type: 'chapter', title: 'Calcinosis', 'container-title': 'Dermatology', editor: [{ family: 'Bolognia', given: 'Jean' }],
      publisher: 'Elsevier', 'publisher-place': 'London', edition: '4', page: '711-20', issued: { 'date-parts': [[2018]] },
    })
    expect(xml).toBe('<element-citation publication-type="book"><chapter-title>Calcinosis</chapter-title>' +
      '<person-group person-group-type="editor"><name name-style="western"><surname>Bolognia</surname><given-names>Jean</given-names></name></person-group>' +
      '<source>Dermatology</source><edition>4</edition><publisher-loc>London</publisher-loc><publisher-name>Elsevier</publisher-name>' +
      '<year>2018</year><fpage>711</fpage><lpage>720</lpage></element-citation>')
  })

  it('tags a data set\'s version, and its repository as the source', () => {
    const xml = xmlOfWork({ id: 'x', type: 'dataset', title: 'Photographs', publisher: 'Zenodo', version: '2.1', DOI: '10.5281/zenodo.1' })
    expect(xml).toContain('<data-title>Photographs</data-title><source>Zenodo</source><version>2.1</version>')
    expect(xml).not.toContain('publisher-name')
  })

  it('stays valid JATS with every kind of work and field', () => {
    const works: CslItem[] = [
      { id: 'a', type: 'article-journal', title: '<i>M. marinum</i> in H<sub>2</sub>O', 'container-title': 'J', page: 'e00120-20', accessed: { 'date-parts': [[2024, 3, 5]] } },
      { id: 'b', type: 'chapter', title: 'C', 'container-title': 'B', editor: [{ family: 'E', given: 'F' }], publisher: 'P', 'publisher-place': 'L', 'collection-title': 'S' },
      { id: 'c', type: 'dataset', title: 'D', publisher: 'Zenodo', version: '2', DOI: '10.5281/zenodo.1' },
      { id: 'd', type: 'paper-conference', title: 'Q', 'container-title': 'Proc', 'event-title': 'Congress', 'event-place': 'Paris', 'event-date': { 'date-parts': [[2019]] } },
      { id: 'e', type: 'webpage', title: 'W', URL: 'https://x.org', accessed: { 'date-parts': [[2024]] } },
    ]
    const references = works.map((csl, index) => ({ ...work(csl), number: index + 1, id: `B${index + 1}` }))
    expect(validateJats(serializeJats(toJats(makeArticle({ references }))), 'kinds.xml')).toEqual([])
  })

  it('tags a conference paper\'s conference', () => {
    const xml = xmlOfWork({ id: 'x', type: 'paper-conference', title: 'A poster', 'container-title': 'Proceedings', 'event-title': 'EADV Congress', 'event-place': 'Paris', 'event-date': { 'date-parts': [[2019, 10]] } })
    expect(xml).toContain('<conf-name>EADV Congress</conf-name><conf-loc>Paris</conf-loc><conf-date>2019-10</conf-date>')
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
    expect(type('document', { URL: 'https://who.int/x' })).toBe('webpage')
    expect(type('document')).toBe('other')
  })
})
