import { describe, expect, it } from 'vitest'
import { pageRange } from '../../src/transform/page-range.ts'

describe('pageRange', () => {
  it('expands an abbreviated last page, whatever the dash', () => {
    for (const written of ['455-62', '455--62', '455\u201362', '455 \u2013 62', '455-462']) {
      expect(pageRange(written)).toEqual({ first: '455', last: '462', display: '455\u2013462' })
    }
  })

  it('keeps a prefix on both pages and a longer last page as written', () => {
    expect(pageRange('S10-12')).toEqual({ first: 'S10', last: 'S12', display: 'S10\u2013S12' })
    expect(pageRange('S10-S12')).toEqual({ first: 'S10', last: 'S12', display: 'S10\u2013S12' })
    expect(pageRange('98-102')).toEqual({ first: '98', last: '102', display: '98\u2013102' })
  })

  it('is one page for a single page, an article number or a range ending where it starts', () => {
    expect(pageRange('e0042')).toEqual({ first: 'e0042', display: 'e0042' })
    expect(pageRange(1621)).toEqual({ first: '1621', display: '1621' })
    expect(pageRange('760-760')).toEqual({ first: '760', display: '760' })
  })

  it('takes the first range of a list, and nothing from nothing', () => {
    expect(pageRange('1-5, 10-12')).toEqual({ first: '1', last: '5', display: '1\u20135' })
    expect(pageRange(undefined)).toBeUndefined()
    expect(pageRange('')).toBeUndefined()
  })
})
