import { describe, expect, it } from 'vitest'
import { archiveWords, DEFAULT_WORDS, hasWordsFor, wordsFor } from '../../src/template/words.ts'

describe('built-in words', () => {
  it('has every word in every built-in language', () => {
    const keys = Object.keys(DEFAULT_WORDS.en).sort()
    for (const [lang, words] of Object.entries(DEFAULT_WORDS)) expect(Object.keys(words).sort(), lang).toEqual(keys)
  })

  it('speaks Portuguese for pt and pt-BR, in the outputs and the JATS', () => {
    expect(hasWordsFor('pt-BR', {})).toBe(true)
    expect(wordsFor('pt-BR', {}).references).toBe('Referências')
    expect(archiveWords('pt', {}).figureLabel).toBe('Figura')
  })

  it('knows when English stands in', () => {
    expect(hasWordsFor('fi', {})).toBe(false)
    expect(hasWordsFor('fi-FI', { fi: DEFAULT_WORDS.en })).toBe(true)
  })
})
