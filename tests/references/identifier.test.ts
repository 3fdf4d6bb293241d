import { describe, expect, it } from 'vitest'
import { readIdentifierKey } from '../../src/references/identifier.ts'

describe('keys written as identifiers', () => {
  it.each([
    ['doi:10.1001/archdermatol.2011.2052', 'doi:10.1001/archdermatol.2011.2052', '10.1001/archdermatol.2011.2052'],
    ['doi:10.1016/J.JDCR.2017.06.018', 'doi:10.1016/j.jdcr.2017.06.018', '10.1016/J.JDCR.2017.06.018'],
    ['pmid:28936472', 'pmid:28936472', '28936472'],
    ['pmcid:PMC5597880', 'pmcid:PMC5597880', 'PMC5597880'],
    ['pmcid:pmc5597880', 'pmcid:PMC5597880', 'PMC5597880'],
  ])('%s is %s', (key, id, value) => {
    expect(readIdentifierKey(key)).toEqual({ identifier: { kind: key.slice(0, key.indexOf(':')), id, value } })
  })

  it.each([
    ['doi:10.1001', /is not a DOI/],
    ['doi:11.1001/x', /is not a DOI/],
    ['pmid:2893647a', /is not a PubMed ID/],
    ['pmid:0', /is not a PubMed ID/],
    ['pmcid:5597880', /is not a PubMed Central ID: a PMCID is PMC and digits/],
  ])('%s is malformed', (key, problem) => {
    const read = readIdentifierKey(key)
    expect(read && 'problem' in read ? read.problem : undefined).toMatch(problem)
  })

  it('leaves ordinary keys alone', () => {
    expect(readIdentifierKey('balin2012')).toBeUndefined()
    expect(readIdentifierKey('smith:2020')).toBeUndefined()
  })
})
