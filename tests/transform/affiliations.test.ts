import { describe, expect, it } from 'vitest'
import { labelAffiliations } from '../../src/transform/affiliations.ts'
import type { Affiliation, Author } from '../../src/types.ts'

const author = (...affiliations: string[]): Author => ({ given: 'A', family: 'B', corresponding: false, affiliations })
const affiliations = (...ids: string[]): Affiliation[] => ids.map((id) => ({ id, name: id }))
const labelled = (meta: { authors: Author[]; affiliations: Affiliation[] }) => {
  labelAffiliations(meta)
  return meta.affiliations.map((affiliation) => affiliation.label)
}

describe('labelAffiliations', () => {
  it('labels a, b, … in front-matter order when there is more than one', () => {
    expect(labelled({ authors: [author('y'), author('x')], affiliations: affiliations('x', 'y', 'z') })).toEqual(['a', 'b', 'c'])
  })

  it('labels nothing when every author has the only affiliation', () => {
    expect(labelled({ authors: [author('x'), author('x')], affiliations: affiliations('x') })).toEqual([undefined])
  })

  it('labels the only affiliation when some author does not have it', () => {
    expect(labelled({ authors: [author('x'), author()], affiliations: affiliations('x') })).toEqual(['a'])
  })

  it('runs on past z with two letters', () => {
    const ids = Array.from({ length: 28 }, (_, index) => `i${index}`)
    expect(labelled({ authors: [author('i0')], affiliations: affiliations(...ids) }).slice(24)).toEqual(['y', 'z', 'aa', 'ab'])
  })
})
