import { describe, expect, it } from 'vitest'
import { hyphenatorFor, keepMinimums, MAX_LETTERS, SOFT_HYPHEN } from '../../src/pdf/hyphenate.ts'

const S = SOFT_HYPHEN

describe('keepMinimums', () => {
  it('keeps two letters before a break and three after it', () => {
    expect(keepMinimums(`a${S}bout${S}ed`)).toBe('about' + 'ed')
    expect(keepMinimums(`de${S}scrip${S}tions`)).toBe(`de${S}scrip${S}tions`)
    expect(keepMinimums(`cal${S}ci${S}fi${S}ca${S}tion${S}s`)).toBe(`cal${S}ci${S}fi${S}ca${S}tions`)
  })
})

describe('hyphenatorFor', () => {
  it('breaks long English words and leaves short ones', () => {
    const hyphenate = hyphenatorFor('en-GB')!
    expect(hyphenate('Descriptions of facial calcinosis are scarce.').replaceAll(S, '-'))
      .toBe('De-scrip-tions of fa-cial cal-ci-nosis are scarce.')
  })

  it('uses each language\'s own patterns', () => {
    expect(hyphenatorFor('es')!('dermatomiositis paraneoplásica').replaceAll(S, '-'))
      .toBe('der-ma-to-mio-si-tis pa-ra-neo-plá-sica')
  })

  it('leaves a run longer than any word whole, so hostile input costs little', () => {
    const hyphenate = hyphenatorFor('en')!
    const long = 'abcdefghij'.repeat(10_000)
    expect(hyphenate(`${long} calcinosis`)).toBe(`${long} cal${S}ci${S}nosis`)
    const longest = 'pneumonoultramicroscopicsilicovolcanoconiosis'
    expect(longest.length).toBeLessThan(MAX_LETTERS)
    expect(hyphenate(longest)).toContain(S)
  })

  it('has no patterns for an unknown language', () => {
    expect(hyphenatorFor('x-unknown')).toBeUndefined()
    expect(hyphenatorFor('../../etc')).toBeUndefined()
  })
})
