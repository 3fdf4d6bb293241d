import { describe, expect, it } from 'vitest'
import { toXml } from 'xast-util-to-xml'
import { front } from '../../src/jats/front.ts'
import type { ArticleMetadata, Template } from '../../src/types.ts'
import { abstractOf, bodyState, childNames, elementsNamed, makeArticle, template } from './fixture.ts'

function frontOf(metaOverrides: Partial<ArticleMetadata> = {}, templateOverride?: Template) {
  const article = makeArticle({ meta: metaOverrides })
  if (templateOverride) article.template = templateOverride
  return front(bodyState(article))
}
const xmlOf = (metaOverrides: Partial<ArticleMetadata> = {}, templateOverride?: Template) =>
  toXml(frontOf(metaOverrides, templateOverride))
const articleMetaChildren = (metaOverrides: Partial<ArticleMetadata> = {}) =>
  childNames(elementsNamed(frontOf(metaOverrides), 'article-meta')[0])

describe('journal-meta', () => {
  it('comes from the template journal', () => {
    expect(toXml(elementsNamed(frontOf(), 'journal-meta')[0])).toBe('<journal-meta>' +
      '<journal-id journal-id-type="publisher-id">Ex J Clin Rep</journal-id>' +
      '<journal-title-group><journal-title>Example Journal of Clinical Reports</journal-title>' +
      '<abbrev-journal-title abbrev-type="publisher">Ex J Clin Rep</abbrev-journal-title></journal-title-group>' +
      '<issn pub-type="ppub">0000-0019</issn><issn pub-type="epub">0000-0027</issn>' +
      '<publisher><publisher-name>Example Academic Press</publisher-name></publisher></journal-meta>')
  })

  it('is left out without an ISSN, which the DTD requires in it', () => {
    const journal = { ...template.journal, issnPrint: undefined, issnElectronic: undefined }
    expect(childNames(frontOf({}, { ...template, journal }))).toEqual(['article-meta'])
  })
})

describe('article-meta', () => {
  it('keeps the DTD order of its children', () => {
    expect(articleMetaChildren({ abstract: abstractOf('A short abstract.') })).toEqual([
      'article-id', 'article-categories', 'title-group', 'contrib-group', 'author-notes', 'pub-date',
      'volume', 'issue', 'fpage', 'lpage', 'permissions', 'abstract', 'kwd-group',
    ])
  })

  it('omits what the front matter lacks, never emitting empty elements', () => {
    const sparse = articleMetaChildren({
      doi: undefined, heading: undefined, volume: undefined, issue: undefined, pages: undefined,
      keywords: [], copyright: undefined, license: undefined, translatedTitles: [],
      authors: [{ given: 'Ann', family: 'Lone', corresponding: false, affiliations: [] }], affiliations: [],
    })
    // The template's licence still applies.
    expect(sparse).toEqual(['title-group', 'contrib-group', 'pub-date', 'permissions'])
    expect(xmlOf({ license: undefined, copyright: undefined })).toContain('<permissions><license>' +
      '<ali:license_ref>https://creativecommons.org/licenses/by-nc/4.0/</ali:license_ref>' +
      '<license-p>Journal default licence.</license-p></license></permissions>')
  })

  it('tags heading, title and translated title', () => {
    const xml = xmlOf()
    expect(xml).toContain('<article-categories><subj-group subj-group-type="heading"><subject>Scientific letter</subject></subj-group></article-categories>')
    expect(xml).toContain('<trans-title-group xml:lang="es"><trans-title>Eritema palmar')
  })

  it('tags contributors: orcid first, name, aff xrefs, corresp xref', () => {
    const [first, second] = elementsNamed(frontOf(), 'contrib')
    expect(toXml(first)).toBe('<contrib contrib-type="author" corresp="yes">' +
      '<contrib-id contrib-id-type="orcid">https://orcid.org/0000-0002-1825-0097</contrib-id>' +
      '<name name-style="western"><surname>Carberry</surname><given-names>Josiah</given-names></name>' +
      '<xref ref-type="aff" rid="aff1"><sup>a</sup></xref><xref ref-type="aff" rid="aff2"><sup>b</sup></xref>' +
      '<xref ref-type="corresp" rid="cor1"><sup>*</sup></xref></contrib>')
    expect(toXml(second)).toBe('<contrib contrib-type="author">' +
      '<name name-style="western"><surname>Ortega</surname><given-names>Lucía</given-names></name>' +
      '<xref ref-type="aff" rid="aff2"><sup>b</sup></xref></contrib>')
    expect(xmlOf()).toContain('<author-notes><corresp id="cor1">Corresponding author. ' +
      '<email>j.carberry@example.org</email></corresp></author-notes>')
  })

  it('labels affiliations as the transform stage did, with text separators and an ISO country code', () => {
    expect(toXml(elementsNamed(frontOf(), 'aff')[0])).toBe('<aff id="aff1"><label>a</label>' +
      '<institution content-type="dept">Department of Dermatology</institution>, ' +
      '<institution>Hospital Universitario de Ejemplo</institution>, <city>Madrid</city>, ' +
      '<country country="ES">Spain</country></aff>')
  })

  it('leaves an unlabelled affiliation (a single shared one) unlabelled and unlinked', () => {
    const single = frontOf({
      affiliations: [{ id: 'x', name: 'Example University' }],
      authors: [
        { given: 'A', family: 'One', corresponding: false, affiliations: ['x'] },
        { given: 'B', family: 'Two', corresponding: false, affiliations: ['x'] },
      ],
    })
    expect(toXml(elementsNamed(single, 'aff')[0])).toBe('<aff id="aff1"><institution>Example University</institution></aff>')
    expect(elementsNamed(single, 'xref')).toEqual([])
  })

  it('writes pub-date as day, month, year with zero padding and an ISO date', () => {
    expect(xmlOf()).toContain('<pub-date publication-format="print" date-type="pub" iso-8601-date="2025-03-04">' +
      '<day>04</day><month>03</month><year>2025</year></pub-date>')
    expect(xmlOf({ date: { year: 2024, month: 11 } })).toContain('iso-8601-date="2024-11"><month>11</month><year>2024</year></pub-date>')
    expect(xmlOf({ date: { year: 2024, day: 5 } })).toContain('iso-8601-date="2024"><year>2024</year></pub-date>')
  })

  it('reads the abstract as Markdown: paragraphs at blank lines, inline markup', () => {
    expect(xmlOf({ abstract: abstractOf('First *M. marinum*.\n\n**Second**\nline.') }))
      .toContain('<abstract><p>First <italic>M. marinum</italic>.</p><p><bold>Second</bold>\nline.</p></abstract>')
  })

  it('gives a structured abstract a <sec> per heading, at any heading level', () => {
    const abstract = abstractOf('## Background\n\nWhy.\n\n## Case\n\nWhat.')
    expect(xmlOf({ abstract })).toContain('<abstract><sec><title>Background</title><p>Why.</p></sec><sec><title>Case</title><p>What.</p></sec></abstract>')
    expect(xmlOf({ abstract: abstractOf('# OBJECTIVE\n\nWhy.') })).toContain('<abstract><sec><title>OBJECTIVE</title><p>Why.</p></sec></abstract>')
  })

  it('tags translated abstracts and keywords per language, in the DTD order', () => {
    const meta = {
      abstract: abstractOf('English.'),
      translatedAbstracts: [{ lang: 'es', abstract: abstractOf('Español.') }],
      translatedKeywords: [{ lang: 'es', keywords: ['eritema'] }],
    }
    const xml = xmlOf(meta)
    expect(xml).toContain('<abstract><p>English.</p></abstract><trans-abstract xml:lang="es"><p>Español.</p></trans-abstract>' +
      '<kwd-group><kwd>drug eruption</kwd><kwd>palmar erythema</kwd></kwd-group><kwd-group xml:lang="es"><kwd>eritema</kwd></kwd-group>')
  })

  it('tags permissions and keywords', () => {
    const xml = xmlOf()
    expect(xml).toContain('<permissions><copyright-statement>© 2025 The Authors</copyright-statement>' +
      '<copyright-year>2025</copyright-year><copyright-holder>The Authors</copyright-holder>' +
      '<license><ali:license_ref>https://creativecommons.org/licenses/by/4.0/</ali:license_ref>')
    expect(xml).toContain('<kwd-group><kwd>drug eruption</kwd><kwd>palmar erythema</kwd></kwd-group>')
  })
})
