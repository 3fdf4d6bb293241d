/**
 * Differential tests: Galley's reading of citations against Pandoc's, on the
 * shipped letter, one fixture per grammar case, the examples of Pandoc's
 * manual, and generated manuscripts. A fixture that differs on purpose says
 * why on a `# differs:` line in its front matter.
 */
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LETTER, ROOT, fixture } from '../helpers.ts'
import { compare, galleyReading, pandocReading } from './oracle.ts'
import { GENERATED_RUNS, GENERATED_SEED, manuscript } from './manuscripts.ts'

const CORPUS = path.join(ROOT, 'tests/pandoc/corpus')
const fixtures = fs.readdirSync(CORPUS).filter((name) => name.endsWith('.md')).sort()
const BIB = fs.readFileSync(path.join(CORPUS, 'refs.bib'), 'utf8')

function agreement(file: string) {
  const galley = galleyReading(file)
  return { errors: galley.errors, ...compare(galley, pandocReading(file)) }
}

describe('citations as Pandoc reads them', () => {
  it('agrees on the shipped letter, citation by citation and in the reference list', () => {
    const result = agreement(LETTER)
    expect(result.compared).toBeGreaterThan(10)
    expect(result).toMatchObject({ errors: [], differences: [] })
  })

  it.each(fixtures)('agrees on %s', (name) => {
    const file = path.join(CORPUS, name)
    const text = fs.readFileSync(file, 'utf8')
    const result = agreement(file)
    expect(result.errors).toEqual([])
    expect(result.compared).toBeGreaterThan(0)
    const documented = /^# differs: .+$/m.test(text)
    if (documented) expect(result.differences).not.toEqual([])
    else expect(result.differences).toEqual([])
  })

  it('agrees on generated manuscripts mixing citations with emphasis, scripts, links, notes, tables, escapes and code', () => {
    fc.assert(fc.property(manuscript, (markdown) => {
      const dir = fixture({ 'letter.md': markdown, 'refs.bib': BIB })
      const result = agreement(path.join(dir, 'letter.md'))
      expect(result.errors).toEqual([])
      expect(result.differences).toEqual([])
    }), { numRuns: GENERATED_RUNS, seed: GENERATED_SEED })
  }, 300_000)
})
