/**
 * Bounds: inputs that would hang or crash the parser or the emitters are
 * positioned findings, found at once; an exception nothing expected is a
 * build-failed finding naming its stage, never a stack trace.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { findings } from '../../src/cli/report.ts'
import { StageFailure, reportFailure } from '../../src/diagnostics/messages.ts'
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

  it('a U+FFFD the author wrote in valid UTF-8 is no warning', () => {
    expect(prepare('A \uFFFD sign.\n').all.find((f) => f.ruleId === 'manuscript-encoding')).toBeUndefined()
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
