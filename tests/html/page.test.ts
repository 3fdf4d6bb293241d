import { existsSync } from 'node:fs'
import type { Element } from 'hast'
import { describe, expect, it } from 'vitest'
import { serializeHtml, toHtml } from '../../src/html/page.ts'
import { labelAffiliations } from '../../src/transform/affiliations.ts'
import * as fixture from './fixture.ts'
import { byClass, byTag, elements, metaValues, textOf } from './util.ts'

const page = () => toHtml(fixture.article())

describe('document head', () => {
  it('declares language, charset, viewport and title', () => {
    const { tree } = page()
    expect(byTag(tree, 'html')[0].properties.lang).toBe('en')
    expect(byTag(tree, 'meta')[0].properties.charSet).toBe('utf-8')
    expect(metaValues(tree, 'viewport')).toEqual(['width=device-width, initial-scale=1'])
    expect(textOf(byTag(tree, 'title')[0])).toBe(fixture.article().meta.title)
  })

  it('writes Highwire Press citation_* tags, author details after each author', () => {
    const { tree } = page()
    const names = elements(tree, (e) => e.tagName === 'meta' && String(e.properties.name).startsWith('citation_'))
      .map((e) => e.properties.name)
    expect(names.slice(0, 8)).toEqual([
      'citation_title', 'citation_author', 'citation_author_institution', 'citation_author_email',
      'citation_author', 'citation_author_institution', 'citation_author', 'citation_author_institution',
    ])
    expect(metaValues(tree, 'citation_author')).toEqual(['Herrero-Moyano, M.', 'Martínez-Mera, C.', 'Dauden, E.'])
    expect(metaValues(tree, 'citation_author_institution')[0])
      .toBe('Servicio de Dermatología, Hospital Universitario de La Princesa, Madrid, Spain')
    expect(metaValues(tree, 'citation_author_email')).toEqual(['mariaherreromoyano@gmail.com'])
    expect(metaValues(tree, 'citation_publication_date')).toEqual(['2018/10'])
    expect(metaValues(tree, 'citation_journal_title')).toEqual(['Actas Dermo-Sifiliográficas'])
    expect(metaValues(tree, 'citation_journal_abbrev')).toEqual(['Actas Dermosifiliogr'])
    expect(metaValues(tree, 'citation_issn')).toEqual(['0001-7310', '1578-2190'])
    expect(metaValues(tree, 'citation_publisher')).toEqual(['Elsevier España'])
    expect([...['volume', 'issue', 'firstpage', 'lastpage', 'language'].map((n) => metaValues(tree, `citation_${n}`)[0])])
      .toEqual(['109', '8', '760', '762', 'en'])
    expect(metaValues(tree, 'citation_pdf_url')).toEqual(['letter.pdf'])
    expect(metaValues(tree, 'citation_doi')).toEqual([])
    expect(metaValues(tree, 'citation_keywords')).toEqual([])
  })

  it('adds citation_doi and citation_keywords when the article has them', () => {
    const article = fixture.article()
    article.meta.doi = '10.1016/j.ad.2018.02.030'
    article.meta.keywords = ['Calcinosis', 'Dermatomyositis']
    const { tree } = toHtml(article)
    expect(metaValues(tree, 'citation_doi')).toEqual(['10.1016/j.ad.2018.02.030'])
    expect(metaValues(tree, 'citation_keywords')).toEqual(['Calcinosis; Dermatomyositis'])
  })

  it('writes one citation_reference per reference', () => {
    const references = metaValues(page().tree, 'citation_reference')
    expect(references).toHaveLength(4)
    expect(references[0]).toBe('citation_title=Calcinosis cutis occurring in association with autoimmune ' +
      'connective tissue disease; citation_author=Balin, S. J.; citation_author=Wetter, D. A.; ' +
      'citation_author=Andersen, L. K.; citation_journal_title=Archives of Dermatology; citation_year=2012; ' +
      'citation_volume=148; citation_firstpage=455; citation_lastpage=462; ' +
      'citation_doi=10.1001/archdermatol.2011.2052')
    // A ";" inside a value would end the field early.
    expect(references[1]).toContain('citation_title=Paraneoplastic dermatomyositis: a study of 12 cases;')
  })

  it('describes the article as schema.org JSON-LD, the only script', () => {
    const scripts = byTag(page().tree, 'script')
    expect(scripts).toHaveLength(1)
    expect(scripts[0].properties.type).toBe('application/ld+json')
    const data = JSON.parse(textOf(scripts[0]))
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ScholarlyArticle',
      headline: 'Facial Calcinosis Cutis in a Woman with Paraneoplastic Dermatomyositis',
      alternativeHeadline: ['Calcinosis cutis facial en una paciente con dermatomiositis paraneoplásica'],
      inLanguage: 'en',
      datePublished: '2018-10',
      pageStart: '760',
      pageEnd: '762',
      publisher: { '@type': 'Organization', name: 'Elsevier España' },
      isPartOf: {
        '@type': 'PublicationIssue',
        issueNumber: '8',
        isPartOf: {
          '@type': 'PublicationVolume',
          volumeNumber: '109',
          isPartOf: { '@type': 'Periodical', name: 'Actas Dermo-Sifiliográficas', issn: ['0001-7310', '1578-2190'] },
        },
      },
    })
    expect(data.author[0]).toEqual({
      '@type': 'Person',
      name: 'M. Herrero-Moyano',
      givenName: 'M.',
      familyName: 'Herrero-Moyano',
      email: 'mariaherreromoyano@gmail.com',
      affiliation: [{ '@type': 'Organization', name: 'Servicio de Dermatología, Hospital Universitario de La Princesa, Madrid, Spain' }],
    })
    expect(data.citation).toHaveLength(4)
    expect(data.citation[0]).toEqual({ '@type': 'CreativeWork', name: fixture.references[0].csl.title,
      sameAs: 'https://doi.org/10.1001/archdermatol.2011.2052' })
    expect(data.citation[1].url).toBe('https://www.actasdermo.org/paraneoplastic')
    expect(data).not.toHaveProperty('sameAs')
  })

  it('inlines the template CSS, print CSS under media="print", fonts rewritten to assets/', () => {
    const { tree, assets } = page()
    const styles = byTag(tree, 'style')
    const print = styles.filter((style) => style.properties.media === 'print')
    expect(print).toHaveLength(1)
    const css = styles.map(textOf).join('\n')
    expect(css).toContain('url("assets/source-serif-4-latin-400-normal.woff2")')
    expect(css).not.toMatch(/url\((?!"assets\/)/)
    const fonts = assets.filter((asset) => asset.to.startsWith('assets/'))
    expect(fonts.length).toBeGreaterThanOrEqual(6)
    for (const font of fonts) expect(existsSync(font.from), font.from).toBe(true)
    // Figures too, flat beside letter.html, as the figure handler points at them.
    expect(assets).toContainEqual({ from: '/manuscript/figures/fig1-malar-plaques.png', to: 'fig1-malar-plaques.png' })
  })
  it('hands the running head and page numbering to the print CSS as custom properties', () => {
    const css = byTag(page().tree, 'style').map(textOf).join('\n')
    expect(css).toContain('--galley-journal-line: "Actas Dermosifiliogr. 2018;109(8):760\u2013762";')
    expect(css).toContain('--galley-running-authors: "M. Herrero-Moyano et al.";')
    expect(css).toContain('--galley-page-offset: 759;')
  })
})

describe('document body', () => {
  it('resolves every internal link and reference to an element id, ids unique', () => {
    const { tree } = page()
    const ids = elements(tree, (e) => e.properties.id !== undefined).map((e) => String(e.properties.id))
    expect(new Set(ids).size).toBe(ids.length)
    const targets = elements(tree, (e) => typeof e.properties.href === 'string' && e.properties.href.startsWith('#'))
      .map((e) => String(e.properties.href).slice(1))
    const described = elements(tree).flatMap((e) =>
      [e.properties.ariaDescribedBy, e.properties.ariaLabelledBy].flat().filter(Boolean).map(String))
    expect(targets.length).toBeGreaterThan(6)
    expect(described.length).toBeGreaterThan(2)
    for (const target of [...targets, ...described]) expect(ids).toContain(target)
  })

  it('prints the journal band and the title block', () => {
    const { tree } = page()
    expect(textOf(byClass(tree, 'journal-title')[0])).toBe('Actas Dermo-Sifiliográficas')
    expect(textOf(byClass(tree, 'journal-line')[0])).toBe('Actas Dermosifiliogr. 2018;109(8):760\u2013762')
    expect(textOf(byClass(tree, 'article-heading')[0])).toBe('Scientific letter')
    expect(textOf(byTag(tree, 'h1')[0])).toBe(fixture.article().meta.title)
    expect(byClass(tree, 'translated-title')[0].properties.lang).toBe('es')
    expect(textOf(byClass(tree, 'authors')[0])).toBe('M. Herrero-Moyano*, C. Martínez-Mera, E. Dauden')
    expect(textOf(byClass(tree, 'correspondence')[0]))
      .toBe('* Corresponding author: M. Herrero-Moyano, mariaherreromoyano@gmail.com')
  })

  it('marks affiliations a, b, … when there is more than one', () => {
    const article = fixture.article()
    article.meta.affiliations.push({ id: 'paz', name: 'Hospital Universitario La Paz', city: 'Madrid', country: 'Spain' })
    article.meta.authors[1].affiliations = ['princesa', 'paz']
    labelAffiliations(article.meta)
    const { tree } = toHtml(article)
    expect(textOf(byClass(tree, 'authors')[0])).toBe('M. Herrero-Moyanoa,*, C. Martínez-Meraa,b, E. Daudena')
    expect(byTag(byClass(tree, 'marks')[1], 'a').map((a) => a.properties.href)).toEqual(['#aff-princesa', '#aff-paz'])
    expect(byClass(tree, 'affiliations')[0].children.filter((c): c is Element => c.type === 'element')
      .map(textOf)).toEqual([
      'aServicio de Dermatología, Hospital Universitario de La Princesa, Madrid, Spain',
      'bHospital Universitario La Paz, Madrid, Spain',
    ])
  })

  it('places citations after punctuation, as the template asks', () => {
    const body = byClass(page().tree, 'body')[0]
    expect(textOf(body)).toContain('Descriptions are very scarce.1\nSeen in three series;1\u20133,4, p. 5 rarely')
    expect(textOf(body)).toContain('According to Callen and Wortmann,4 the course')
  })

  it('lists references with links, a DOI the style printed linked in place', () => {
    const items = byTag(byClass(page().tree, 'references')[0], 'li')
    expect(items.map((li) => li.properties.id)).toEqual(['B1', 'B2', 'B3', 'B4'])
    const links = items.map((li) => byTag(li, 'a').map((a) => [a.properties.href, textOf(a)]))
    expect(links[0]).toEqual([
      ['https://doi.org/10.1001/archdermatol.2011.2052', '10.1001/archdermatol.2011.2052'],
      ['https://pubmed.ncbi.nlm.nih.gov/22184719/', 'PMID 22184719'],
    ])
    expect(textOf(items[0]).match(/10\.1001\/archdermatol/g)).toHaveLength(1)
    expect(links[1]).toEqual([['https://www.actasdermo.org/paraneoplastic', 'https://www.actasdermo.org/paraneoplastic']])
    expect(links[2]).toEqual([['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3277091/', 'PMC3277091']])
    expect(textOf(items[2])).toBe('Lee GL. Dermatomyositis and lung adenocarcinoma. 2012. PubMed Central PMCID: PMC3277091.')
    expect(fixture.references[0].formatted).toHaveLength(1)
  })

  it('ends with a PDF link hidden in print, and copyright and licence when known', () => {
    const article = fixture.article()
    article.meta.copyright = { year: 2018, holder: 'AEDV', statement: '© 2018 AEDV. Published by Elsevier España.' }
    article.meta.license = { text: 'All rights reserved.' }
    const footer = byTag(toHtml(article).tree, 'footer')[0]
    expect(textOf(footer)).toContain('© 2018 AEDV. Published by Elsevier España.')
    expect(textOf(footer)).toContain('All rights reserved.')
    const pdf = byTag(footer, 'a').find((a) => a.properties.href === 'letter.pdf')!
    expect(byClass(footer, 'no-print')[0].children).toContain(pdf)
  })
})

describe('serializeHtml', () => {
  it('is deterministic and starts with the doctype', () => {
    const first = serializeHtml(page().tree)
    expect(first.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(serializeHtml(page().tree)).toBe(first)
  })
})

describe('reference list', () => {
  it('is left out, heading and all, when nothing is cited', () => {
    const { tree } = toHtml(fixture.article({ references: [] }))
    expect(byClass(tree, 'references')).toEqual([])
    expect(byClass(toHtml(fixture.article()).tree, 'references')).toHaveLength(1)
  })
})
