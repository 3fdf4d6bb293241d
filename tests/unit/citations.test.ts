import path from 'node:path'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { clusterParts } from '../../src/citations/cluster.ts'
import { findings } from '../../src/cli/report.ts'
import type { Citation } from '../../src/types.ts'
import { BIB, FRONT, fixture, manuscript } from '../helpers.ts'

function prepare(body: string, files?: Record<string, string>) {
  const dir = files ? fixture({ 'letter.md': FRONT + body, ...files }) : manuscript(body)
  return prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
}

function citations(body: string): Citation[] {
  const { article, files } = prepare(body)
  expect(findings(files).filter((f) => f.severity === 'error')).toEqual([])
  const found: Citation[] = []
  visit(article!.tree, 'citation', (node) => { found.push(node) })
  return found
}

const numbers = (citation: Citation) => citation.items.map((item) => item.number)

describe('citation numbering', () => {
  it('numbers works in order of first citation, reusing numbers when cited again', () => {
    const found = citations('Text [@gamma2021]. More [@alpha2020; @gamma2021]. Again [@alpha2020]. Last [@delta2019; @eta2018].\n')
    expect(found.map(numbers)).toEqual([[1], [2, 1], [2], [3, 4]])
  })

  it('reads narrative citations and locators', () => {
    const [narrative, located] = citations('As @alpha2020 showed [@gamma2021, p. 5].\n')
    expect(narrative.mode).toBe('narrative')
    expect(narrative.items[0]).toMatchObject({ key: 'alpha2020', number: 1 })
    expect(located.mode).toBe('parenthetical')
    expect(located.items[0]).toMatchObject({ key: 'gamma2021', number: 2, locator: { label: 'page', value: '5' } })
  })

  it('leaves e-mail addresses and prose @ alone', () => {
    expect(citations('Write to someone@example.org about [@alpha2020].\n')).toHaveLength(1)
  })

  it('orders references as first cited and formats them with the CSL style', () => {
    const { article } = prepare('B [@eta2018]. A [@alpha2020].\n', { 'refs.bib': BIB.replace(/@article\{gamma2021[\s\S]*?\n\}\n/, '').replace(/@book\{delta2019[\s\S]*?\n\}\n/, '') })
    expect(article!.references.map((ref) => [ref.number, ref.key, ref.id])).toEqual([[1, 'eta2018', 'B1'], [2, 'alpha2020', 'B2']])
    const text = JSON.stringify(article!.references[1].formatted)
    expect(text).toContain('Alpha A, Beta B. First work. Journal of Tests. 2020')
  })
})

describe('citation clusters', () => {
  const item = (number: number, locator?: string) => ({ key: `k${number}`, number, ...(locator ? { afterNumber: [{ type: 'text' as const, value: `, ${locator}` }] } : {}) })
  const read = (items: ReturnType<typeof item>[]) =>
    clusterParts(items).map((part) => (part.type === 'number' ? String(part.item.number) : part.type === 'separator' ? part.value : toString({ type: 'paragraph', children: part.content }))).join('')

  it('collapses runs of three or more into a range', () => {
    expect(read([item(1), item(2), item(3)])).toBe('1–3')
    expect(read([item(1), item(2), item(3), item(4), item(7)])).toBe('1–4,7')
  })
  it('keeps pairs as a list', () => {
    expect(read([item(5), item(6)])).toBe('5,6')
  })
  it('lists every number when asked not to collapse (JATS)', () => {
    expect(clusterParts([item(1), item(2), item(3)], { collapse: false }).map((part) => (part.type === 'number' ? String(part.item.number) : part.type === 'separator' ? part.value : '')).join('')).toBe('1,2,3')
  })
  it('never hides a locator inside a range', () => {
    expect(read([item(1), item(2, 'p. 3'), item(3)])).toBe('1,2, p. 3, 3')
  })
})

describe('citation diagnostics', () => {
  it('reports an unknown key at its line and column with a suggestion', () => {
    const { article, files } = prepare('First line.\nSee [@alpha2021] here.\n')
    expect(article).toBeUndefined()
    const [finding] = findings(files).filter((f) => f.severity === 'error')
    const frontLines = FRONT.split('\n').length - 1
    expect(finding).toMatchObject({
      file: 'letter.md', line: frontLines + 2, column: 6, ruleId: 'citation-unknown',
      message: 'Unknown citation key "alpha2021" (did you mean "alpha2020"?)',
    })
  })

  it('warns about works never cited, pointing into the bibliography', () => {
    const { article, files } = prepare('Only [@alpha2020].\n')
    expect(article).toBeDefined()
    const warnings = findings(files).filter((f) => f.ruleId === 'citation-uncited')
    expect(warnings.map((w) => [w.file, w.line, w.severity])).toEqual([
      ['refs.bib', 11, 'warning'], ['refs.bib', 18, 'warning'], ['refs.bib', 25, 'warning'],
    ])
  })

  it('stops on a duplicate key, pointing at the second definition', () => {
    const { article, files } = prepare('[@alpha2020]\n', { 'refs.bib': `${BIB}\n@article{alpha2020, title={Again}, year={2000}}\n` })
    expect(article).toBeUndefined()
    expect(findings(files).find((f) => f.ruleId === 'bibliography-duplicate-key')).toMatchObject({ file: 'refs.bib', line: 32, column: 10, severity: 'error' })
  })

  it('stops on a bibliography that does not parse, with its line and column', () => {
    const { article, files } = prepare('[@alpha2020]\n', { 'refs.bib': '@article{alpha2020, title={Open, year=2020}\n@article{b, title={x}}\n' })
    expect(article).toBeUndefined()
    const finding = findings(files).find((f) => f.ruleId === 'bibliography-parse')
    expect(finding).toMatchObject({ file: 'refs.bib', severity: 'error' })
    expect(finding!.line).toBeGreaterThan(0)
  })

  it('reads CSL-JSON bibliographies too', () => {
    const json = JSON.stringify([{ id: 'j1', type: 'article-journal', title: 'JSON work', author: [{ family: 'Json', given: 'J.' }], issued: { 'date-parts': [[2022]] } }])
    const { article, files } = prepare('[@j1]\n', { 'refs.json': json, 'letter.md': FRONT.replace('refs.bib', 'refs.json') + '[@j1]\n' })
    expect(findings(files).filter((f) => f.severity === 'error')).toEqual([])
    expect(article!.references[0]).toMatchObject({ key: 'j1', number: 1 })
  })
})
