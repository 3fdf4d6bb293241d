/**
 * Each front-matter field, raw YAML in, normalised metadata (or a positioned
 * finding) out. The YAML is read as a manuscript's front matter: it starts on
 * line 2, after the opening `---`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { readMetadata } from '../../src/metadata/front-matter.ts'
import { parseYaml } from '../../src/parse/front-matter.ts'
import { fixture } from '../helpers.ts'

const BASE = 'title: T\nauthor: A. Author\n'
const dir = fixture({ 'refs.bib': '', 'sub/x.bib': '' })

function read(yaml: string) {
  const file = new VFile({ path: path.join(dir, 'letter.md'), cwd: dir })
  const frontMatter = parseYaml(yaml, { line: 2, column: 1 }, file, 'front-matter-yaml')
  const result = readMetadata(frontMatter, file)
  const messages = file.messages.map((message) => ({ rule: message.ruleId, line: message.line, column: message.column, fatal: message.fatal, reason: message.reason }))
  return { ...result, messages }
}

describe('each field, raw YAML → normalised metadata', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['title', 'title: "*Candida auris* in H~2~O"\nauthor: A. Author', { title: 'Candida auris in H2O' }],
    ['translated-title', 'translated-title:\n  es: "*Hola*"', { translatedTitles: [{ lang: 'es', title: 'Hola' }] }],
    ['translated-title absent', '', { translatedTitles: [] }],
    ['article-type', 'article-type: letter', { articleType: 'letter' }],
    ['article-type absent', '', { articleType: 'research-article' }],
    ['article-heading', 'article-heading: Scientific letter', { heading: 'Scientific letter' }],
    ['lang', 'lang: es', { lang: 'es' }],
    ['lang absent', '', { lang: 'en' }],
    ['affiliations', 'affiliations:\n  - id: 1\n    name: Hospital\n    country: Spain', { affiliations: [{ id: '1', name: 'Hospital', country: 'Spain', countryCode: 'ES' }] }],
    ['affiliations with a code', 'affiliations:\n  - id: u\n    name: U\n    country-code: PT', { affiliations: [{ id: 'u', name: 'U', countryCode: 'PT' }] }],
    ['author as a string', '', { authors: [{ given: 'A.', family: 'Author', corresponding: false, affiliations: [] }] }],
    ['author as an object', 'author:\n  name: {given: Ana María, family: López}\n  orcid: 0000-0002-1825-0097\n  corresponding: true\n  affiliation: 1\naffiliations: [{id: 1, name: U}]',
      { authors: [{ given: 'Ana María', family: 'López', orcid: 'https://orcid.org/0000-0002-1825-0097', corresponding: true, affiliations: ['1'] }] }],
    ['author with a literal name', 'author:\n  - name: {family: X, literal: The Group}\n    affiliations: [{ref: u}]\naffiliations: [{id: u, name: U}]',
      { authors: [{ given: '', family: 'X', affiliations: ['u'] }] }],
    ['date (year and month)', 'date: 2020-05', { date: { year: 2020, month: 5, day: undefined } }],
    ['date (a year, as a number)', 'date: 2018', { date: { year: 2018, month: undefined, day: undefined } }],
    ['volume and issue as numbers', 'volume: 109\nissue: 8', { volume: '109', issue: '8' }],
    ['pages (a range)', 'pages: 760–762', { pages: { first: '760', last: '762', display: '760–762' } }],
    ['pages (one page)', 'pages: e205', { pages: { first: 'e205', display: 'e205' } }],
    ['doi', 'doi: 10.1016/j.ad.2018.01.001', { doi: '10.1016/j.ad.2018.01.001' }],
    ['keywords', 'keywords: [calcinosis, 2019]', { keywords: ['calcinosis', '2019'] }],
    ['keywords absent', '', { keywords: [] }],
    ['abstract', 'abstract: "Short *M. marinum*."', { abstract: { type: 'root', children: [{ type: 'paragraph', children: [{ value: 'Short ' }, { type: 'emphasis' }, { value: '.' }] }] } }],
    ['abstract, structured', 'abstract: |\n  ## Background\n\n  Why.', { abstract: { children: [{ type: 'heading', depth: 2 }, { type: 'paragraph' }] } }],
    ['abstract, blank', 'abstract: " "', { abstract: undefined }],
    ['translated-abstract', 'translated-abstract:\n  es: |\n    Corto.', { translatedAbstracts: [{ lang: 'es', abstract: { children: [{ type: 'paragraph' }] } }] }],
    ['translated-abstract absent', '', { translatedAbstracts: [] }],
    ['translated-keywords', 'translated-keywords:\n  es: [tiña, 2019]', { translatedKeywords: [{ lang: 'es', keywords: ['tiña', '2019'] }] }],
    ['license as a URL', 'license: https://creativecommons.org/licenses/by/4.0/', { license: { url: 'https://creativecommons.org/licenses/by/4.0/', text: 'This article is licensed under https://creativecommons.org/licenses/by/4.0/' } }],
    ['license as text', 'license: All rights reserved', { license: { text: 'All rights reserved' } }],
    ['license as an object', 'license: {url: https://x.org/l}', { license: { url: 'https://x.org/l', text: 'This article is licensed under https://x.org/l' } }],
    ['copyright, its year from the date', 'date: 2020-05\ncopyright: {holder: AEDV}', { copyright: { holder: 'AEDV', year: 2020, statement: '© 2020 AEDV' } }],
    ['copyright with its own year and statement', 'copyright: {holder: AEDV, year: 2019, statement: Mine}', { copyright: { holder: 'AEDV', year: 2019, statement: 'Mine' } }],
    ['bibliography (one file)', 'bibliography: refs.bib', { bibliography: [path.join(dir, 'refs.bib')] }],
    ['bibliography (a list)', 'bibliography: [refs.bib, sub/x.bib]', { bibliography: [path.join(dir, 'refs.bib'), path.join(dir, 'sub/x.bib')] }],
    ['bibliography absent', '', { bibliography: [] }],
    ['csl (a style name)', 'csl: apa', { csl: 'apa' }],
    ['csl (a file)', 'csl: styles/j.csl', { csl: path.join(dir, 'styles/j.csl') }],
    ['template', 'template: ./tpl', { template: './tpl' }],
  ]
  it.each(cases)('%s', (_, yaml, expected) => {
    const { meta, messages } = read(yaml.startsWith('title:') ? yaml : /^author:/m.test(yaml) ? `title: T\n${yaml}` : BASE + yaml)
    expect(messages).toEqual([])
    expect(meta).toMatchObject(expected)
  })

  it('leaves absent optional fields absent', () => {
    const { meta } = read(BASE)
    for (const key of ['heading', 'date', 'volume', 'issue', 'pages', 'doi', 'abstract', 'license', 'copyright', 'csl', 'template']) {
      expect(meta![key as keyof typeof meta]).toBeUndefined()
    }
  })
})

describe('an abstract keeps the manuscript\'s lines and columns', () => {
  const at = (node: { position?: { start: { line: number; column: number } } } | undefined) => node?.position?.start
  it('in a literal block, line by line, past the indentation', () => {
    // Line 2 is `title`, 3 `author`, 4 `abstract: |`.
    const { meta } = read(`${BASE}abstract: |\n  First *one*.\n\n  ## Case\n  Second.`)
    const [first, heading, second] = meta!.abstract!.children
    expect([at(first), at(heading), at(second)]).toMatchObject([{ line: 5, column: 3 }, { line: 7, column: 3 }, { line: 8, column: 3 }])
  })

  it('on one line, past the quote; a folded scalar points at its start', () => {
    expect(at(read(`${BASE}abstract: "One *two*."`).meta!.abstract!.children[0])).toMatchObject({ line: 4, column: 12 })
    expect(at(read(`${BASE}abstract: >\n  One\n  two.`).meta!.abstract!.children[0])).toEqual({ line: 4, column: 11 })
  })
})

describe('a wrong value is a positioned finding that says what to write, never an exception', () => {
  // [front matter after the title, rule, line, column, words of the message]
  const cases: Array<[string, string, string, number, number, string]> = [
    ['author: 5', 'author: 5', 'front-matter-type', 3, 9, '`author` must be a name ("A. Author"), or an object with `name`; got the number 5'],
    ['author: [5]', 'author: [5]', 'front-matter-type', 3, 10, '`author[0]` must be a name ("A. Author"), or an object with `name`; got the number 5'],
    ['author: []', 'author: []', 'front-matter-empty', 3, 9, '`author` is an empty list: name at least one author'],
    ['author: true', 'author: [A. B, true]', 'front-matter-type', 3, 16, '`author[1]` must be a name'],
    ['abstract: 5', 'author: A. B\nabstract: 5', 'front-matter-type', 4, 11, '`abstract` must be text; got the number 5 (write it in quotes, "5", if you mean it as text)'],
    ['csl: 5', 'author: A. B\ncsl: 5', 'front-matter-type', 4, 6, '`csl` must be a CSL style name or a .csl file; got the number 5 (write it in quotes, "5"'],
    ['template: 5', 'author: A. B\ntemplate: 5', 'front-matter-type', 4, 11, '`template` must be a template name or folder; got the number 5'],
    ['template: []', 'author: A. B\ntemplate: []', 'front-matter-type', 4, 11, '`template` must be a template name or folder; got a list'],
    ['bibliography: ""', 'author: A. B\nbibliography: ""', 'front-matter-empty', 4, 15, '`bibliography` is empty: name a BibTeX (.bib) or CSL-JSON (.json) file'],
    ['bibliography: a folder', 'author: A. B\nbibliography: [refs.bib, sub]', 'bibliography-missing', 4, 26, '`bibliography` names the folder "sub": name a BibTeX (.bib) or CSL-JSON (.json) file inside it'],
    ['bibliography: 5', 'author: A. B\nbibliography: 5', 'front-matter-type', 4, 15, '`bibliography` must be text; got the number 5'],
    ['title: ""', 'author: A. B', 'front-matter-empty', 2, 8, '`title` is empty: write the article\'s title'],
    ['corresponding: 1', 'author:\n  name: A. B\n  corresponding: 1', 'front-matter-type', 5, 18, '`author.corresponding` must be true or false; got the number 1'],
    ['an unknown affiliation', 'author:\n  - A. B\n  - name: C. D\n    affiliations: [v]\naffiliations: [{id: u, name: U}]', 'front-matter-affiliation', 5, 5, 'Author 2 names affiliation "v", which `affiliations` does not define'],
    ['a copyright with no year', 'author: A. B\ncopyright: {holder: X}', 'front-matter-missing', 4, 12, '`copyright` needs a `year` when the front matter has no `date`'],
    ['translated-title: text', 'author: A. B\ntranslated-title: Hola', 'front-matter-type', 4, 19, '`translated-title` must be a map from language to title'],
    ['article-type: lettre', 'author: A. B\narticle-type: lettre', 'front-matter-type', 4, 15, '(did you mean "letter"?)'],
    ['pages: 1-2-3', 'author: A. B\npages: 1-2-3', 'front-matter-type', 4, 8, '`pages` must be a page or range like 760-762; got "1-2-3"'],
  ]
  it.each(cases)('%s', (_, rest, rule, line, column, words) => {
    const title = _ === 'title: ""' ? 'title: ""\n' : 'title: T\n'
    const { messages } = read(title + rest)
    expect(messages[0]).toMatchObject({ rule, line, column, fatal: true })
    expect(messages[0].reason).toContain(words)
  })

  it('a wrong value stops the read: no metadata', () => {
    expect(read('title: T\nauthor: 5').meta).toBeUndefined()
  })
})

describe('positions of what was read, for findings raised later', () => {
  it('keeps where each key and list item starts', () => {
    const { positions } = read('title: T\nauthor:\n  - A. B\n  - name: C. D\ncsl: apa\nbibliography: [refs.bib]')
    expect(positions!.get('csl')).toMatchObject({ line: 6, column: 6 })
    expect(positions!.get('author[0]')).toMatchObject({ line: 4, column: 5 })
    expect(positions!.get('author[1].name')).toMatchObject({ line: 5, column: 11 })
    expect(positions!.get('bibliography[0]')).toMatchObject({ line: 7, column: 16 })
  })
})

it('the shipped letter\'s front matter reads without findings', () => {
  const letter = fs.readFileSync(path.join(import.meta.dirname, '../../manuscript/letter.md'), 'utf8')
  const yaml = letter.split(/^---$/m)[1]
  const { meta, messages } = read(yaml.replace(/^\n/, ''))
  expect(messages).toEqual([])
  expect(meta!.authors).toHaveLength(4)
})
