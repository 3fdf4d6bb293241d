import { describe, expect, it } from 'vitest'
import { toJats } from '../../src/jats/index.ts'
import { pmcStyleProblems } from '../../src/jats/pmc-style.ts'
import type { Article, Figure } from '../../src/types.ts'
import { makeArticle, template } from './fixture.ts'

const problems = (article: Article) => pmcStyleProblems(toJats(article)).map((problem) => problem.message)

describe('PubMed Central style rules', () => {
  it('find nothing wrong with a complete article', () => {
    expect(problems(makeArticle())).toEqual([])
  })

  it('ask for a heading, pages or an article number, and a copyright or licence, in front matter words', () => {
    const article = makeArticle({ meta: { heading: undefined, pages: undefined, copyright: undefined, license: undefined } })
    article.template = { ...template, journal: { ...template.journal, license: undefined } }
    expect(problems(article)).toEqual([
      expect.stringContaining('add `article-heading:`'),
      expect.stringContaining('add `pages:` or `elocation-id:`'),
      expect.stringContaining('add `copyright:` or `license:`'),
    ])
    expect(problems(makeArticle({ meta: { pages: undefined, elocationId: 'e42' } }))).toEqual([])
  })

  it('ask for a caption on a figure, where the Markdown has it', () => {
    const position = { start: { line: 9, column: 1 }, end: { line: 9, column: 30 } }
    const figure: Figure = { type: 'figure', identifier: 'fig-x', number: 1, url: 'x.png', path: '/x.png', file: 'x.png', href: 'x.png', alt: 'A', position, children: [{ type: 'caption', children: [] }] }
    const found = pmcStyleProblems(toJats(makeArticle({ tree: [figure] })))
    expect(found).toEqual([{ message: expect.stringContaining('caption on every figure: write one for "fig-x"'), position }])
  })

  it('leave a draft or a preprint alone: without a date, or a volume or issue, it is not yet bound for PMC', () => {
    expect(problems(makeArticle({ meta: { date: undefined, heading: undefined, pages: undefined } }))).toEqual([])
    expect(problems(makeArticle({ meta: { volume: undefined, issue: undefined, heading: undefined, pages: undefined } }))).toEqual([])
    expect(problems(makeArticle({ meta: { issue: undefined, heading: undefined } }))).toHaveLength(1)
  })
})
