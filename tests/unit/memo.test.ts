/**
 * What prepare keeps between builds in one process (watch, batch): kept
 * results are copies, and a change to what they were computed from is seen.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ContentMemo } from '../../src/citations/memo.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { findings } from '../../src/cli/report.ts'
import { BIB, FRONT, fixture } from '../helpers.ts'

const BODY = 'Cited [@alpha2020] and [@gamma2021].\n'

describe('ContentMemo', () => {
  it('computes once per key, returns copies, and forgets the oldest past its limit', () => {
    const memo = new ContentMemo<{ n: number[] }>(2)
    let computed = 0
    const get = (key: string) => memo.get(key, () => ({ n: [++computed] }))
    const first = get('a')
    first.n.push(99)
    expect(get('a')).toEqual({ n: [1] })
    get('b')
    get('c')
    expect(get('b')).toEqual({ n: [2] })
    expect(get('a')).toEqual({ n: [4] })
    expect(computed).toBe(4)
  })

  it('does not keep what keep() refuses', () => {
    const memo = new ContentMemo<number>(4)
    let computed = 0
    memo.get('a', () => ++computed, () => false)
    memo.get('a', () => ++computed, () => false)
    expect(computed).toBe(2)
  })
})

describe('prepare, twice in one process', () => {
  it('gives equal references, and a changed tree does not reach the next build', () => {
    const dir = fixture({ 'letter.md': FRONT + BODY, 'refs.bib': BIB })
    const first = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir }).article!
    const firstText = JSON.stringify(first.references)
    first.references[0].formatted.splice(0)
    first.references[0].csl.title = 'Changed'
    expect(JSON.stringify(prepareArticle(path.join(dir, 'letter.md'), { cwd: dir }).article!.references)).toBe(firstText)
  })

  it('sees an edited bibliography entry', () => {
    const dir = fixture({ 'letter.md': FRONT + BODY, 'refs.bib': BIB })
    prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
    fs.writeFileSync(path.join(dir, 'refs.bib'), BIB.replace('First work', 'Edited work'))
    const again = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir }).article!
    expect(again.references[0].csl.title).toBe('Edited work')
    expect(JSON.stringify(again.references[0].formatted)).toContain('Edited work')
  })

  it('reports a broken bibliography on every build, not only the first', () => {
    const dir = fixture({ 'letter.md': FRONT + BODY, 'refs.bib': BIB.replace('year = {2021}\n}', 'year = {2021}\n') })
    for (let build = 0; build < 2; build++) {
      const { files } = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
      expect(findings(files).map((finding) => finding.ruleId)).toContain('bibliography-parse')
    }
  })
})
