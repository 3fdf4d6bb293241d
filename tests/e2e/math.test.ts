/**
 * A manuscript with inline math, a numbered display equation and @eq-x,
 * built through the CLI into all three outputs: JATS valid against the
 * MathML 3 DTD (in-process and xmllint with the official catalog), native
 * MathML in the HTML, and the formula's characters in the PDF's text, in
 * the template's own math font.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { validateJats } from '../../src/jats/validate.ts'
import { manuscript, ROOT } from '../helpers.ts'
import { pdffonts, pdftotext } from '../pdf/poppler.ts'
import { buildLetter } from './build.ts'

const BODY = `
# Case

The dose was $d = 0.5\\,\\mathrm{mg/kg}$ twice daily, costing $5 and $10.

$$
C(t) = C_0 e^{-kt} + \\frac{\\alpha}{\\beta^2}
$$ {#eq-decay}

Levels fell as @eq-decay predicts [@alpha2020].
`

const SHARED_JATS = path.resolve(ROOT, '../shared/jats')
let out: string
beforeAll(async () => {
  ;({ out } = await buildLetter([], path.join(manuscript(BODY), 'letter.md')))
}, 120_000)

describe('math end to end', () => {
  it('writes DTD-valid JATS with formulas, the equation labelled and cross-referenced', () => {
    const xml = fs.readFileSync(path.join(out, 'letter.xml'), 'utf8')
    expect(validateJats(xml, 'letter.xml')).toEqual([])
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--valid', path.join(out, 'letter.xml')],
      { env: { ...process.env, XML_CATALOG_FILES: path.join(SHARED_JATS, 'catalog.xml') }, encoding: 'utf8' })
    expect(lint.status, lint.stderr).toBe(0)
    expect(xml).toMatch(/<inline-formula><alternatives><mml:math>.*<\/mml:math><tex-math>d = 0.5\\,\\mathrm\{mg\/kg\}<\/tex-math>/)
    expect(xml).toMatch(/<disp-formula id="eq-decay"><label>\(1\)<\/label><alternatives><mml:math display="block">/)
    expect(xml).toContain('<xref ref-type="disp-formula" rid="eq-decay">Eq. 1</xref>')
    expect(xml).toContain('costing $5 and $10.')
  })

  it('writes native MathML in the HTML and no TeX outside it', () => {
    const html = fs.readFileSync(path.join(out, 'letter.html'), 'utf8')
    expect(html).toMatch(/<div class="equation" id="eq-decay"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block"/)
    expect(html).toContain('<span class="equation-number">(1)</span>')
    expect(html).toContain('<a class="xref" href="#eq-decay">Eq.\u00a01</a>')
    expect(html).not.toMatch(/\\frac|\$\$|\{#eq-/)
  })

  it('prints the formulas\' characters in the PDF, in the template\'s math font', () => {
    const pdf = fs.readFileSync(path.join(out, 'letter.pdf'))
    const text = pdftotext(pdf)
    expect(text).toContain('𝑑 = 0.5')
    expect(text).toMatch(/𝐶\(𝑡\) = 𝐶0 𝑒−𝑘𝑡 \+/)
    expect(text).toContain('as Eq. 1 predicts')
    expect(text).not.toMatch(/\\frac|\$\$|\{#eq-/)
    const fonts = pdffonts(pdf).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
    expect(fonts).toContain('NotoSansMath-Regular')
    expect(fonts.filter((name) => /DejaVu|Liberation|STIX/.test(name))).toEqual([])
  })
})
