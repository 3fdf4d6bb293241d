/**
 * The validator thread (src/jats/validate-thread.ts) runs the same
 * validation as in-process: the same problems for valid and invalid JATS,
 * hence the same positioned findings, and the in-process route when it is
 * not running.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { jatsFindings } from '../../src/jats/findings.ts'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { jatsProblems, startValidatorThread, stopValidatorThread, validatorThreadRunning } from '../../src/jats/validate-thread.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { LETTER } from '../helpers.ts'

const { article } = prepareArticle(LETTER)
const root = toJats(article!)
const letter = serializeJats(root)
const DOCTYPE = letter.slice(0, letter.indexOf('<article'))
// An element no DTD declares inside a paragraph, and a <title-group> without its <article-title>.
const invalid = letter
  .replace('<p>', '<p><rash-mark>x</rash-mark>')
  .replace(/<article-title>[\s\S]*?<\/article-title>/, '')
const inputs: Record<string, string> = {
  'the letter': letter,
  'invalid JATS': invalid,
  // No DOCTYPE: the full-parse route, which finds nothing to validate against.
  'a document without a DOCTYPE': invalid.slice(DOCTYPE.length),
  'malformed XML': `${DOCTYPE}<article><front></article>\n`,
}

afterAll(() => stopValidatorThread())

describe('the validator thread', () => {
  it('gives the same problems as in-process validation, with their lines and columns', async () => {
    startValidatorThread()
    for (const [what, xml] of Object.entries(inputs)) {
      expect(await jatsProblems(xml, 'output/letter.xml'), what).toEqual(validateJats(xml, 'output/letter.xml'))
    }
    // Answered by the thread, not by the in-process fallback.
    expect(validatorThreadRunning()).toBe(true)
    expect(validateJats(letter, 'output/letter.xml')).toEqual([])
    expect(validateJats(invalid, 'output/letter.xml').length).toBeGreaterThan(0)
  })

  it('so an invalid JATS still gives its findings at the Markdown that made it', async () => {
    startValidatorThread()
    const place = (xml: string, problems: ReturnType<typeof validateJats>) => {
      const { article: fresh } = prepareArticle(LETTER)
      const file = jatsFindings(xml, 'output/letter.xml', problems, { root: toJats(fresh!), manuscript: fresh!.file })
      return [...fresh!.file.messages, ...file.messages].map((message) => ({ line: message.line, column: message.column, rule: message.ruleId, reason: message.reason }))
    }
    const threaded = place(invalid, await jatsProblems(invalid, 'output/letter.xml'))
    expect(threaded.filter((finding) => finding.rule === 'jats-invalid').length).toBeGreaterThan(0)
    expect(threaded.every((finding) => finding.line !== undefined && finding.line > 0)).toBe(true)
    expect(threaded).toEqual(place(invalid, validateJats(invalid, 'output/letter.xml')))
  })

  it('validates in-process once stopped', async () => {
    await stopValidatorThread()
    expect(validatorThreadRunning()).toBe(false)
    expect(await jatsProblems(invalid, 'output/letter.xml')).toEqual(validateJats(invalid, 'output/letter.xml'))
  })
})
