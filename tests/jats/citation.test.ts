import { describe, expect, it } from 'vitest'
import { bodyState, citation, jatsOf, makeArticle, references } from './fixture.ts'

const bibr = (id: string, number: number) => `<xref ref-type="bibr" rid="${id}">${number}</xref>`

describe('citations, in the canonical JATS form whatever the journal style', () => {
  it('brackets a single citation', () => {
    expect(jatsOf(citation('parenthetical', ['doe2019']))).toBe(`[${bibr('B1', 1)}]`)
  })

  it('separates several with a comma and no space', () => {
    expect(jatsOf(citation('parenthetical', ['who2021'], ['balin2022']))).toBe(`[${bibr('B4', 4)},${bibr('B5', 5)}]`)
  })

  it('keeps one xref per work in a run of consecutive numbers (no range)', () => {
    expect(jatsOf(citation('parenthetical', ['doe2019'], ['smith2020'], ['lee2018'], ['balin2022'])))
      .toBe(`[${bibr('B1', 1)},${bibr('B2', 2)},${bibr('B3', 3)},${bibr('B5', 5)}]`)
  })

  it('puts a locator after its number, inside the brackets', () => {
    expect(jatsOf(citation('parenthetical', ['smith2020', 'p. 5'], ['callen2023'])))
      .toBe(`[${bibr('B2', 2)}, p. 5, ${bibr('B6', 6)}]`)
  })

  it('keeps a located item out of a range', () => {
    expect(jatsOf(citation('parenthetical', ['doe2019'], ['smith2020', 'p. 5'], ['lee2018'])))
      .toBe(`[${bibr('B1', 1)},${bibr('B2', 2)}, p. 5, ${bibr('B3', 3)}]`)
  })

  it('names the authors in narrative mode', () => {
    expect(jatsOf(citation('narrative', ['callen2023']))).toBe(`Callen and Wortmann [${bibr('B6', 6)}]`)
    expect(jatsOf(citation('narrative', ['balin2022']))).toBe(`Balin et al. [${bibr('B5', 5)}]`)
    expect(jatsOf(citation('narrative', ['who2021']))).toBe(`World Example Organization [${bibr('B4', 4)}]`)
  })

  it('takes rid from Reference.id, not from the number', () => {
    const renamed = references.map((reference) => ({ ...reference, id: `ref-${reference.key}` }))
    expect(jatsOf(citation('parenthetical', ['doe2019']), bodyState(makeArticle({ references: renamed }))))
      .toBe('[<xref ref-type="bibr" rid="ref-doe2019">1</xref>]')
  })

  it('prints a bare number rather than a dangling xref for an unknown key', () => {
    expect(jatsOf({ type: 'citation', mode: 'parenthetical', items: [{ key: 'ghost', number: 9 }] })).toBe('[9]')
  })
})
