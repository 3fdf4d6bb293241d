import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Element } from 'xast'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { ELEMENT_ONLY } from '../../src/jats/layout.ts'
import { dtdFilesRead, validateJats } from '../../src/jats/validate.ts'
import { abstractOf, articleWithDeclarations, elementsNamed, makeArticle } from './fixture.ts'

const sharedJats = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/jats')
const lineOf = (xml: string, needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length

describe('validateJats', () => {
  it('reports DTD violations with their lines: a title for an article-title, an xref to no ref', () => {
    const root = toJats(makeArticle())
    elementsNamed(root, 'article-title')[0].name = 'title'
    const xref = elementsNamed(root, 'xref').find((element) => element.attributes['ref-type'] === 'bibr')!
    xref.attributes.rid = 'B99'
    const xml = serializeJats(root)

    const problems = validateJats(xml, 'broken.xml')

    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: lineOf(xml, '<title-group>'), message: expect.stringMatching(/title-group content does not follow the DTD/) }),
      expect.objectContaining({ line: lineOf(xml, 'rid="B99"'), message: expect.stringContaining('"B99"') }),
    ]))
    expect(problems.every((problem) => problem.line > 1)).toBe(true)
  })

  it('returns not-well-formed XML as problems instead of throwing', () => {
    const problems = validateJats('<?xml version="1.0"?>\n<article>\n<p>open</article>\n', 'broken.xml')
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: 3, message: expect.stringContaining('Opening and ending tag mismatch') }),
    ]))
    expect(validateJats('', 'empty.xml').length).toBeGreaterThan(0)
  })

  it('asks for a DOCTYPE and a root matching it', () => {
    const xml = serializeJats(toJats(makeArticle()))
    expect(validateJats(xml.replace(/<!DOCTYPE[^>]*>/, ''), 'bare.xml')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('no DTD found') }),
    ])
    expect(validateJats(xml.replace('<!DOCTYPE article', '<!DOCTYPE sec'), 'renamed.xml')).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('root and DTD name do not match') })]),
    )
  })

  it('accepts entities only the DTD defines, as a DTD-loading parser does', () => {
    const xml = serializeJats(toJats(makeArticle())).replace('Dear Editor,', 'Dear&nbsp;Editor,')
    expect(validateJats(xml, 'nbsp.xml')).toEqual([])
  })

  it('agrees with the shared valid and invalid examples (../shared must be beside the checkout)', () => {
    expect(fs.existsSync(sharedJats), `${sharedJats} is missing`).toBe(true)
    const read = (name: string) => fs.readFileSync(path.join(sharedJats, name), 'utf8')
    expect(validateJats(read('example-letter.xml'), 'example-letter.xml')).toEqual([])
    expect(validateJats(read('example-letter-invalid.xml'), 'example-letter-invalid.xml').map((problem) => problem.line))
      .toEqual([30, 123])
  })

  it('reads the DTD\'s files once per process, not once per document', () => {
    // A fresh DTDVALID parse rereads its module files (about 60) every time; the kept DTD none.
    const xml = serializeJats(toJats(makeArticle()))
    validateJats(xml, 'warm.xml')
    const read = dtdFilesRead()
    expect(read).toBeGreaterThan(30)
    for (let run = 0; run < 3; run++) expect(validateJats(xml, 'again.xml')).toEqual([])
    expect(dtdFilesRead()).toBe(read)
  })
})

describe('layout', () => {
  // Indenting is safe only where the DTD allows no text: prove each listed
  // element rejects a stray character, so the list cannot drift into mixed content.
  it.each([...ELEMENT_ONLY])('%s has element-only content', (name) => {
    const article = articleWithDeclarations()
    article.meta.translatedAbstracts = [{ lang: 'es', abstract: abstractOf('Un resumen.') }]
    const root = toJats(article)
    const target: Element | undefined = elementsNamed(root, name)[0]
    expect(target, `fixture lacks <${name}>`).toBeDefined()
    target.children.push({ type: 'text', value: 'x' })
    const problems = validateJats(serializeJats(root), 'stray-text.xml')
    expect(problems.some((problem) => problem.message.startsWith(`Element ${name} `)), JSON.stringify(problems)).toBe(true)
  })
})
