import { describe, expect, it } from 'vitest'
import { countryCode } from '../../src/metadata/countries.ts'

describe('country names → ISO 3166-1 alpha-2', () => {
  it('knows names in the languages affiliations are written in', () => {
    expect(['Spain', 'España', 'México', 'Brasil', 'Deutschland', 'United Kingdom', 'japan'].map(countryCode))
      .toEqual(['ES', 'ES', 'MX', 'BR', 'DE', 'GB', 'JP'])
  })
  it('knows common short forms', () => {
    expect(['USA', 'UK', 'South Korea'].map(countryCode)).toEqual(['US', 'GB', 'KR'])
  })
  it('gives nothing for what is not a country, rather than a guess', () => {
    expect(['Narnia', 'European Union', 'Madrid'].map(countryCode)).toEqual([undefined, undefined, undefined])
  })
})
