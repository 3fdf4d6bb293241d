/** The help's lists read as Intl.ListFormat would write them, without loading its locale data. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { andList } from '../../src/cli/options.ts'

describe('andList', () => {
  it('joins as en-GB conjunctions do', () => {
    const intl = new Intl.ListFormat('en-GB', { type: 'conjunction' })
    for (const items of [[], ['JATS'], ['JATS', 'HTML'], ['JATS', 'HTML', 'PDF'], ['front matter', 'citations', 'CSL', 'bibliography']]) {
      expect(andList(items)).toBe(intl.format(items))
    }
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z][a-z -]{0,8}$/), { maxLength: 8 }), (items) => andList(items) === intl.format(items)))
  })
})
