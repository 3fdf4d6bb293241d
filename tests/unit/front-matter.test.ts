import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { findings } from '../../src/cli/report.ts'
import { BIB, FRONT, LETTER, fixture } from '../helpers.ts'

function prepareWith(front: string, body = 'Text [@alpha2020].\n') {
  const dir = fixture({ 'letter.md': front + body, 'refs.bib': BIB })
  return prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
}

describe('front matter', () => {
  it('reads the letter into metadata', () => {
    const { article } = prepareArticle(LETTER, { cwd: path.dirname(path.dirname(LETTER)) })
    const meta = article!.meta
    expect(meta.title).toBe('Facial Calcinosis Cutis in a Woman with Paraneoplastic Dermatomyositis')
    expect(meta.translatedTitles).toMatchObject([{ lang: 'es', title: 'Calcinosis cutis facial en una paciente con dermatomiositis paraneoplásica' }])
    expect(meta.articleType).toBe('letter')
    expect(meta.authors.map((author) => `${author.given} ${author.family}`)).toEqual(['M. Herrero-Moyano', 'C. Martínez-Mera', 'C. García-García', 'E. Dauden'])
    expect(meta.authors[0]).toMatchObject({ corresponding: true, email: 'mariaherreromoyano@gmail.com', affiliations: ['princesa'] })
    expect(meta.affiliations[0]).toMatchObject({ name: 'Hospital Universitario de La Princesa', countryCode: 'ES' })
    expect(meta).toMatchObject({ volume: '109', issue: '8', pages: { first: '760', last: '762', display: '760–762' }, date: { year: 2018, month: 10 }, lang: 'en' })
    expect(meta.doi).toBeUndefined()
  })

  it('reads titles as inline Markdown, with a plain-text copy', () => {
    const { article } = prepareWith(FRONT.replace('title: A test letter', 'title: "*Candida auris* in H~2~O"\ntranslated-title:\n  es: "*Candida auris* en agua"'))
    expect(article!.meta.title).toBe('Candida auris in H2O')
    expect(article!.meta.titleMarkup.map((node) => node.type)).toEqual(['emphasis', 'text', 'subscript', 'text'])
    expect(article!.meta.translatedTitles[0]).toMatchObject({ lang: 'es', title: 'Candida auris en agua' })
  })

  it('reads spans, link attributes and math in the titles as the body\'s, and places what it reports in them', () => {
    const title = 'title: "[BRCA1]{.smallcaps} and $\\\\alpha$ [here](https://x.org){#t .wide}"\nsubtitle: "[a]{#B1}"\ntranslated-title:\n  es: "[BRCA1]{.smallcaps} y $\\\\alpha$"'
    const { article, files } = prepareWith(FRONT.replace('title: A test letter', title))
    const meta = article!.meta
    expect(meta.title).toBe('BRCA1 and \\alpha here')
    expect(meta.titleMarkup.map((node) => node.type)).toEqual(['span', 'text', 'inlineMath', 'text', 'link'])
    expect(meta.titleMarkup[2].data).toMatchObject({ mathml: expect.stringContaining('<mi>α</mi>') })
    expect(meta.titleMarkup[4].data).toEqual({ id: 't' })
    expect(meta.translatedTitles[0]).toMatchObject({ title: 'BRCA1 y \\alpha', markup: [{ type: 'span', classes: ['smallcaps'] }, {}, { type: 'inlineMath' }] })
    expect(findings(files).filter((finding) => finding.file === 'letter.md').map(({ line, column, ruleId }) => [ruleId, line, column])).toEqual([
      // The title holds an escape (\\), so its findings are at its start; the subtitle keeps its columns.
      ['attribute-unused', 2, 8],
      ['inline-id', 3, 12],
    ])
  })

  it('reads the abstract as Markdown, its citations numbered after the title\'s and before the body\'s', () => {
    const front = FRONT.replace('title: A test letter', 'title: "A letter [@gamma2021]"\nabstract: |\n  ## Background\n\n  See [@eta2018] and $x^2$.')
    const { article, files } = prepareWith(front, 'Text [@alpha2020; @eta2018].\n')
    expect(findings(files).filter((finding) => finding.severity === 'error')).toEqual([])
    expect(article!.references.map((reference) => reference.key)).toEqual(['gamma2021', 'eta2018', 'alpha2020'])
    const [heading, paragraph] = article!.meta.abstract!.children
    expect(heading).toMatchObject({ type: 'heading', depth: 2, position: { start: { line: 4, column: 3 } } })
    expect(paragraph.type === 'paragraph' && paragraph.children.map((node) => node.type)).toEqual(['text', 'citation', 'text', 'inlineMath', 'text'])
  })

  it('points an unknown key or bad TeX in the abstract at its line in the manuscript', () => {
    const front = FRONT.replace('lang: en', 'lang: en\nabstract: |\n  First.\n\n  See [@nobody] and $\\frac{x$.')
    const { article, files } = prepareWith(front)
    expect(article).toBeUndefined()
    expect(findings(files).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual(expect.arrayContaining([
      { ruleId: 'citation-unknown', line: 7, column: 8 },
      expect.objectContaining({ ruleId: 'math-tex', line: 7 }),
    ]))
  })

  it('accepts names as plain strings', () => {
    const { article } = prepareWith(FRONT.replace(/author:[\s\S]*?affiliations:\n      - ref: uni\n/, 'author: Ana María López\n'))
    expect(article!.meta.authors[0]).toMatchObject({ given: 'Ana María', family: 'López', affiliations: [] })
  })

  it('stops on a missing title, naming the key', () => {
    const { article, files } = prepareWith(FRONT.replace('title: A test letter\n', ''))
    expect(article).toBeUndefined()
    expect(findings(files)[0]).toMatchObject({ severity: 'error', ruleId: 'front-matter-missing', message: 'Missing required front matter key `title`', line: 2 })
  })

  it('stops on a wrong type, at the value', () => {
    const { files } = prepareWith(FRONT.replace('date: 2020-05', 'date: [2020]'))
    expect(findings(files)[0]).toMatchObject({ severity: 'error', ruleId: 'front-matter-type', line: 18, column: 7 })
    expect(findings(files)[0].message).toContain('`date` must be a number or a string')
  })

  it('warns about an unknown key with a suggestion', () => {
    const { article, files } = prepareWith(FRONT.replace('lang: en', 'lang: en\nvolumne: 3'))
    expect(article).toBeDefined()
    expect(findings(files)[0]).toMatchObject({ severity: 'warning', ruleId: 'front-matter-unknown-key', line: 4, column: 1, message: 'Unknown front matter key `volumne` (did you mean "volume"?)' })
  })

  it('checks nested author fields', () => {
    const { files } = prepareWith(FRONT.replace('corresponding: true', 'corresponding: yes please'))
    expect(findings(files)[0]).toMatchObject({ severity: 'error', message: '`author[0].corresponding` must be true or false', line: 10 })
  })

  it('stops on an affiliation reference that does not exist', () => {
    const { files } = prepareWith(FRONT.replace('- ref: uni', '- ref: unii'))
    expect(findings(files)[0].message).toContain('names affiliation "unii", which `affiliations` does not define (did you mean "uni"?)')
  })

  it('reports YAML syntax errors with a position', () => {
    const { files } = prepareWith(FRONT.replace('lang: en', 'lang: [en'))
    expect(findings(files)[0]).toMatchObject({ severity: 'error', ruleId: 'front-matter-yaml' })
    expect(findings(files)[0].line).toBeGreaterThanOrEqual(3)
  })

  it('stops when there is no front matter at all', () => {
    const dir = fixture({ 'letter.md': '# Just text\n' })
    const { files } = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
    expect(findings(files)[0]).toMatchObject({ severity: 'error', ruleId: 'front-matter-missing', line: 1 })
  })

  // Each of these threw a TypeError or EISDIR further down the pipeline before the front matter was typed.
  const AUTHORS = /author:[\s\S]*?affiliations:\n      - ref: uni\n/
  it.each([
    ['author: 5', (front: string) => front.replace(AUTHORS, 'author: 5\n'), 'front-matter-type', 5],
    ['author: [5]', (front: string) => front.replace(AUTHORS, 'author: [5]\n'), 'front-matter-type', 5],
    ['author: []', (front: string) => front.replace(AUTHORS, 'author: []\n'), 'front-matter-empty', 5],
    ['abstract: 5', (front: string) => front.replace('lang: en', 'lang: en\nabstract: 5'), 'front-matter-type', 4],
    ['csl: 5', (front: string) => front.replace('lang: en', 'lang: en\ncsl: 5'), 'front-matter-type', 4],
    ['template: 5', (front: string) => front.replace('template: actas-dermo-sifiliograficas', 'template: 5'), 'front-matter-type', 20],
    ['bibliography: ""', (front: string) => front.replace('bibliography: refs.bib', 'bibliography: ""'), 'front-matter-empty', 19],
    ['bibliography: a folder', (front: string) => front.replace('bibliography: refs.bib', 'bibliography: .'), 'bibliography-missing', 19],
    ['title: ""', (front: string) => front.replace('title: A test letter', 'title: ""'), 'front-matter-empty', 2],
  ] as const)('%s stops the build with one positioned finding, not an exception', (_, edit, ruleId, line) => {
    const { article, files } = prepareWith(edit(FRONT))
    expect(article).toBeUndefined()
    expect(findings(files)).toMatchObject([{ severity: 'error', ruleId, line }])
  })
})
