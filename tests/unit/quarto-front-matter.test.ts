import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findings } from '../../src/cli/report.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { ROOT, fixture } from '../helpers.ts'

const CORPUS = path.join(ROOT, 'tests/pandoc/corpus')

describe("Quarto's front matter shapes", () => {
  const { article, files } = prepareArticle('quarto-front-matter.md', { cwd: CORPUS })

  it('reads `authors` (the full shape) beside `author` (the names Pandoc prints), attributes and inline affiliations', () => {
    expect(findings(files).filter((finding) => finding.severity === 'error')).toEqual([])
    const meta = article!.meta
    expect(meta.authors.map((author) => [author.given, author.family, author.corresponding, author.affiliations])).toEqual([
      ['Ana', 'López', true, ['aff-2']],
      ['Ben', 'Roe', false, ['uni']],
    ])
    expect(meta.affiliations.map((affiliation) => [affiliation.id, affiliation.name, affiliation.countryCode])).toEqual([
      ['uni', 'Test University', 'PT'],
      ['aff-2', 'Hospital Universitario de La Princesa', 'ES'],
    ])
  })

  it('keeps subtitle, shorttitle, elocation-id, a statement-only copyright and typed funding', () => {
    const meta = article!.meta
    expect(meta.subtitle?.title).toBe('A case with inline affiliations')
    expect(meta.shortTitle).toBe('Calcinosis')
    expect(meta.elocationId).toBe('e205')
    expect(meta.copyright).toEqual({ statement: '© 2021 The Authors', year: 2021 })
    expect(meta.funding).toEqual([{ statement: 'Funded by the Test Foundation.', awards: [{ id: 'TF-1', sources: [{ name: 'Test Foundation' }], recipients: ['Ana López'], investigators: [] }] }])
  })

  it('warns when `author` and `authors` name different people', () => {
    const dir = fixture({ 'letter.md': '---\ntitle: T\nauthor: [A. One]\nauthors:\n  - name: B. Two\ntemplate: default\n---\n\nText.\n' })
    const { files: found } = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
    expect(findings(found).map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual(['3:9 front-matter-authors-differ'])
  })

  it('reads `attributes` as a map too, and a plain affiliation string that is no id as a name', () => {
    const dir = fixture({ 'letter.md': '---\ntitle: T\nauthor:\n  - name: A. One\n    attributes: {corresponding: true}\n    email: a@example.org\n    affiliations: [Test University, Hospital de Madrid]\ntemplate: default\n---\n\nText.\n' })
    const { article: read, files: found } = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
    expect(findings(found).filter((finding) => finding.severity === 'error')).toEqual([])
    expect(read!.meta.authors[0]).toMatchObject({ corresponding: true, affiliations: ['aff-1', 'aff-2'] })
    expect(read!.meta.affiliations.map((affiliation) => affiliation.name)).toEqual(["Test University", "Hospital de Madrid"])
  })
})
