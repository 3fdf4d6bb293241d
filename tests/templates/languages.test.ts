/**
 * A Spanish manuscript (`lang: es`) with every shipped template: the words
 * come from the template, or from Galley's built-in Spanish where the
 * template has none (clinical-case-letters publishes in English only), and
 * the CSL style speaks Spanish through the es-ES locale.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Built, SHIPPED, buildWith, htmlText, removeAll, spanishLetter } from './build.ts'

const SPANISH_TITLE = 'Calcinosis cutis facial en una paciente con dermatomiositis paraneoplásica'
const built: Record<string, Built> = {}
let letter = ''

beforeAll(async () => {
  letter = spanishLetter()
  for (const name of SHIPPED) built[name] = await buildWith(name, letter, 'html,pdf')
})
afterAll(() => removeAll(path.dirname(letter), ...Object.values(built).map((outputs) => outputs.out)))

describe.each(SHIPPED)('a manuscript with lang: es, built with %s', (name) => {
  it('prints the Spanish words in the HTML', () => {
    const text = htmlText(built[name].html)
    expect(built[name].html).toContain('<html lang="es">')
    expect(text).toContain('Bibliografía')
    expect(text).toContain('Autor para correspondencia:')
    expect(text).toContain('Figura 1 Stony-hard plaques')
    expect(text).toContain('(Fig. 1)')
  })

  it('prints them in the PDF', () => {
    const text = built[name].pdfText
    // Two templates set the heading in capitals, as the page shows it.
    expect(text).toMatch(/Bibliografía|BIBLIOGRAFÍA/)
    expect(text).toContain('Autor para correspondencia')
    expect(text).toContain('Figura 1')
    expect(text).toContain('(Fig. 1)')
  })

  it('prints the Spanish title, and the English one as its translation', () => {
    expect(built[name].html).toContain(`<h1 class="title">${SPANISH_TITLE}</h1>`)
    expect(built[name].html).toContain('<p class="translated-title" lang="en">Facial Calcinosis Cutis')
    expect(built[name].pdfText).toContain('Calcinosis cutis facial en una paciente')
  })
})

describe('the CSL locale', () => {
  it('puts the Spanish terms into the clinical-case-letters references', () => {
    const text = htmlText(built['clinical-case-letters'].html)
    expect(text).toContain('A. T. Lopez y M. E. Grossman, «Facial calcinosis cutis')
    expect(text).toContain('Consultant360, s. f.')
    expect(text).toContain('Disponible en: https://ard.bmj.com/content/68/10/1621')
  })
})
