/** `galley check`'s share of the outputs: the registry's cheap checks and lints, run in memory. */
import type { RootContent } from 'mdast'
import { describe, expect, it } from 'vitest'
import { findings } from '../../src/cli/report.ts'
import { checkOutputs } from '../../src/outputs/check.ts'
import { cheaplyChecked, FORMATS, OUTPUTS } from '../../src/outputs/registry.ts'
import { letterTree, makeArticle } from '../jats/fixture.ts'

describe('checkOutputs', () => {
  it('checks the JATS against the DTD, lints the HTML, and leaves the PDF to build', () => {
    expect(cheaplyChecked().map((entry) => entry.format)).toEqual(['jats'])
    expect(FORMATS.filter((format) => OUTPUTS[format].lint)).toEqual(['html'])
  })

  it('finds nothing in a valid article', async () => {
    const article = makeArticle()
    expect(await checkOutputs(article)).toEqual([])
    expect(article.file.messages).toEqual([])
  })

  it('reports what a check finds against the generated file, named by its registry extension', async () => {
    // A table without rows: the JATS emitter writes an empty <table>, which the DTD refuses; no Markdown made it.
    const files = await checkOutputs(makeArticle({ tree: [...letterTree, { type: 'table', children: [] } as RootContent] }))
    expect(findings(files)).toMatchObject([
      { file: '(generated) letter.xml', severity: 'error', ruleId: 'jats-invalid', message: expect.stringContaining('Element table content does not follow the DTD') },
    ])
  })

  it('puts what the emitters find about the Markdown in the manuscript, once per format', async () => {
    const mystery = { type: 'mystery', position: { start: { line: 4, column: 2 }, end: { line: 4, column: 9 } }, children: [{ type: 'text', value: 'kept' }] }
    const article = makeArticle({ tree: [{ type: 'paragraph', children: [mystery as never] }] })
    expect(await checkOutputs(article)).toEqual([])
    expect(article.file.messages.map((message) => [message.ruleId, message.line, message.reason.split(' ')[0]])).toEqual([
      ['node-unsupported', 4, 'JATS'],
      ['node-unsupported', 4, 'HTML'],
    ])
  })
})
