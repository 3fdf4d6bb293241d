/**
 * Bounds: inputs that would hang or crash the parser or the emitters are
 * positioned findings, found at once; an exception nothing expected is a
 * build-failed finding naming its stage, never a stack trace.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { findings } from '../../src/cli/report.ts'
import { StageFailure, reportFailure } from '../../src/diagnostics/messages.ts'
import { MAX_CLUSTER_KEYS, MAX_REFERENCES } from '../../src/citations/limits.ts'
import { MAX_CONTAINER_NESTING } from '../../src/parse/bounds.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { galley } from '../e2e/build.ts'
import { FRONT, manuscript } from '../helpers.ts'

const FRONT_LINES = FRONT.split('\n').length - 1

function prepare(body: string | Buffer) {
  const dir = typeof body === 'string' ? manuscript(`Cite [@alpha2020].\n\n${body}`) : manuscript('', { 'letter.md': body })
  const started = performance.now()
  const prepared = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
  return { ...prepared, all: findings(prepared.files), ms: performance.now() - started, dir }
}

describe('nesting', () => {
  it('1,000 nested list levels are one error at the first line too deep, not a minutes-long parse', () => {
    const lists = Array.from({ length: 1000 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')
    const { all, article } = prepare(`${lists}\n`)
    expect(article).toBeUndefined()
    expect(all.filter((f) => f.ruleId === 'nesting-too-deep')).toEqual([
      expect.objectContaining({ severity: 'error', line: FRONT_LINES + 3 + MAX_CONTAINER_NESTING, column: 1 }),
    ])
  })

  it('5,000 nested list levels (25 MB of indentation) are refused by size before parsing', () => {
    const lists = Array.from({ length: 5000 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')
    expect(prepare(`${lists}\n`).all.map((f) => f.ruleId)).toEqual(['file-too-large'])
  })

  it('2,000 nested block quotes are an error, not a stack overflow', async () => {
    const { all, dir } = prepare(`${'>'.repeat(2000)} deep\n`)
    expect(all.find((f) => f.ruleId === 'nesting-too-deep')).toMatchObject({ severity: 'error', line: FRONT_LINES + 3 })
    const run = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'out'), '--format', 'jats,html'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('nesting-too-deep')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it(`${MAX_CONTAINER_NESTING} levels still build`, () => {
    const quotes = `${'> '.repeat(MAX_CONTAINER_NESTING)}deep\n`
    expect(prepare(quotes).all.filter((f) => f.severity === 'error')).toEqual([])
  })

  it('inline markup nested hundreds deep is an error at the markup', () => {
    const { all } = prepare(`${'*a _'.repeat(150)}x${'_ a*'.repeat(150)}\n`)
    expect(all.find((f) => f.ruleId === 'nesting-too-deep')).toMatchObject({ severity: 'error' })
  })
})

describe('input size and encoding', () => {
  it('a manuscript over 5 MB is refused before it is parsed', () => {
    const { all } = prepare(Buffer.alloc(6 * 1024 * 1024, 'a'))
    expect(all.find((f) => f.ruleId === 'file-too-large')?.message).toMatch(/over Galley's limit of 5 MB/)
  })

  it('invalid UTF-8 is a warning at the bad byte, not a silent U+FFFD', () => {
    const dir = manuscript('')
    const text = `${FRONT}Cite [@alpha2020].\n\nCaf`
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xe9]), Buffer.from(' here.\n')])
    const { all } = prepare(bytes)
    expect(dir).toBeTruthy()
    expect(all.find((f) => f.ruleId === 'manuscript-encoding')).toMatchObject({ severity: 'warning', line: FRONT_LINES + 3, column: 4 })
  })

  it('control characters and noncharacters are a warning at the first, and reach no output', async () => {
    const { all, article, dir } = prepare('Tab\tkept; bell \u0007, escape \u001b, next line \u0085 and \uFFFE gone.\n')
    expect(all.filter((f) => f.ruleId === 'manuscript-encoding')).toEqual([
      expect.objectContaining({ severity: 'warning', line: FRONT_LINES + 3, column: 16, message: expect.stringContaining('U+0007 here (and 3 more), which no output can carry') }),
    ])
    expect(article).toBeDefined()
    const out = path.join(dir, 'out')
    expect((await galley(['build', path.join(dir, 'letter.md'), '--out', out, '--format', 'jats,html'])).code).toBe(0)
    for (const name of ['letter.xml', 'letter.html']) {
      const text = fs.readFileSync(path.join(out, name), 'utf8')
      expect(text).toContain('bell  , escape  , next line   and   gone.')
      expect(text).not.toMatch(/[\u0007\u001b\u0085\uFFFE]/)
    }
  })

  it('a U+FFFD the author wrote in valid UTF-8 is no warning', () => {
    expect(prepare('A \uFFFD sign.\n').all.find((f) => f.ruleId === 'manuscript-encoding')).toBeUndefined()
  })
})

describe('citations', () => {
  const works = (count: number) => Array.from({ length: count }, (_, index) =>
    `@article{w${index},\n  author = {Author, A.},\n  title = {Work ${index}},\n  journal = {J},\n  year = {2000}\n}\n`).join('\n')
  const withWorks = (count: number, front: (yaml: string) => string, body: string) => {
    const dir = manuscript('', { 'refs.bib': works(count), 'letter.md': `${front(FRONT)}${body}` })
    const prepared = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
    return { ...prepared, all: findings(prepared.files) }
  }
  const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => `@w${from + index}`).join('; ')

  it(`a reference list over ${MAX_REFERENCES.toLocaleString('en')} works under nocite "@*" is an error at nocite, found before anything is formatted`, () => {
    const { all, article } = withWorks(MAX_REFERENCES + 1, (yaml) => yaml.replace('lang: en', 'lang: en\nnocite: "@*"'), 'Text [@w0].\n')
    expect(article).toBeUndefined()
    const found = all.filter((f) => f.ruleId === 'citations-too-many')
    expect(found).toEqual([expect.objectContaining({ severity: 'error', file: 'letter.md', line: 4 })])
    expect(found[0].message).toContain(`would hold ${(MAX_REFERENCES + 1).toLocaleString('en')} works; Galley sets at most ${MAX_REFERENCES.toLocaleString('en')}`)
  })

  it('cited one by one, the error is at the citation that brings in the first work over', () => {
    const clusters = Array.from({ length: (MAX_REFERENCES + 100) / 100 }, (_, index) => `[${keys(index * 100, index * 100 + 100)}]`)
    const { all } = withWorks(MAX_REFERENCES + 100, (yaml) => yaml, `${clusters.join('\n\n')}\n`)
    const line = FRONT_LINES + 1 + 2 * (MAX_REFERENCES / 100)
    expect(all.filter((f) => f.ruleId === 'citations-too-many')).toEqual([expect.objectContaining({ severity: 'error', line, column: 2 })])
  })

  it(`a citation of more than ${MAX_CLUSTER_KEYS} keys is an error at the citation; ${MAX_CLUSTER_KEYS} still build`, () => {
    const over = withWorks(MAX_CLUSTER_KEYS + 1, (yaml) => yaml, `Many [${keys(0, MAX_CLUSTER_KEYS + 1)}].\n`)
    expect(over.all.filter((f) => f.ruleId === 'citations-too-many')).toEqual([
      expect.objectContaining({ severity: 'error', line: FRONT_LINES + 1, column: 6, message: expect.stringContaining(`names ${MAX_CLUSTER_KEYS + 1} works; Galley reads at most ${MAX_CLUSTER_KEYS} in one citation`) }),
    ])
    const at = withWorks(MAX_CLUSTER_KEYS, (yaml) => yaml, `Many [${keys(0, MAX_CLUSTER_KEYS)}].\n`)
    expect(at.all.filter((f) => f.severity === 'error')).toEqual([])
    expect(at.article?.references).toHaveLength(MAX_CLUSTER_KEYS)
  })

  it('thousands of unknown keys against a large bibliography are all errors, hints only for the first (each hint reads the whole bibliography)', () => {
    const unknown = Array.from({ length: 2000 }, (_, index) => `[@q${index}x]`).join(' ')
    const errors = withWorks(5000, (yaml) => yaml, `${unknown}\n`).all.filter((f) => f.ruleId === 'citation-unknown')
    expect(errors).toHaveLength(2000)
    expect(errors[0].message).toMatch(/did you mean "w\d+"/)
    const hinted = errors.filter((f) => f.message.includes('did you mean')).length
    expect(hinted).toBeGreaterThan(0)
    expect(hinted).toBeLessThanOrEqual(200)
  })
})

describe('the last resort', () => {
  it('turns an exception into one build-failed line naming the stage and asking for a report', () => {
    const file = new VFile({ path: 'letter.md' })
    let caught: unknown
    try {
      JSON.parse('{')
    } catch (cause) {
      caught = new StageFailure('pdf', cause, { line: 3, column: 1 })
    }
    reportFailure(file, caught)
    const [finding] = findings([file])
    expect(finding).toMatchObject({ ruleId: 'build-failed', severity: 'error', line: 3, column: 1 })
    expect(finding.message).toMatch(/^Build failed in the pdf stage: .*JSON.*please report this to Galley with the manuscript$/)
  })
})
