/** --shard i/n: the shards of any set partition it exactly, for any n, the same way on every machine. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseShard, shardOf } from '../../src/batch/manuscripts.ts'

const paths = fc.uniqueArray(fc.stringMatching(/^[a-z0-9/]{1,12}\.md$/), { maxLength: 60 })

describe('shardOf', () => {
  it('gives every manuscript to exactly one shard, shards differing in size by at most one', () => {
    fc.assert(fc.property(paths, fc.integer({ min: 1, max: 70 }), (set, count) => {
      const shards = Array.from({ length: count }, (_, index) => shardOf(set, { index: index + 1, count }))
      expect(shards.flat().sort()).toEqual([...set].sort())
      const sizes = shards.map((shard) => shard.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }))
  })

  it('does not depend on the order the manuscripts were found in', () => {
    fc.assert(fc.property(paths, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1000 }), (set, count, seed) => {
      const shuffled = [...set].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7))
      for (let index = 1; index <= count; index++) expect(shardOf(shuffled, { index, count })).toEqual(shardOf(set, { index, count }))
    }))
  })
})

describe('parseShard', () => {
  it('reads i/n and refuses the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 })
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '-1/2']) expect(typeof parseShard(bad), bad).toBe('string')
  })
})
