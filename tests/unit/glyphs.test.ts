import { describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { FRONT, manuscript } from '../helpers.ts'

function glyphFindings(body: string, template?: string) {
  const dir = manuscript(body)
  const { files } = prepareArticle('letter.md', { cwd: dir, template })
  return files[0].messages.filter((message) => message.ruleId === 'template-glyph-missing')
    .map((message) => `${message.line}:${message.column} ${message.reason.match(/"([^"]+)" \((U\+[0-9A-F]+)\)/)?.slice(1).join(' ')}`)
}

describe('template-glyph-missing', () => {
  it('names a character no font of the template has, once per line, where it is', () => {
    const lines = glyphFindings('Łódź, α and β ≤ 2 ± 1 × 3 are fine; ✓ is not.\n\nTwo ✓ here ✓ and Ⅻ.\n')
    const body = FRONT.split('\n').length // the manuscript's first line after the front matter
    expect(lines).toEqual([`${body}:37 ✓ U+2713`, `${body + 2}:5 ✓ U+2713`, `${body + 2}:18 Ⅻ U+216B`])
  })

  it('checks each shipped template\'s own fonts', () => {
    for (const template of ['actas-dermo-sifiliograficas', 'clinical-case-letters', 'default']) {
      expect(glyphFindings('Ελληνικά, Ærøskøbing, Dvořák, ≥ ≠ → ∑.\n', template), template).toEqual([])
    }
  })
})
