/**
 * The sections example's declarations, built through the CLI into JATS, HTML
 * and PDF: each where the journal and the archive look for it, and no
 * attribute block printed anywhere.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers.ts'
import { buildLetter, letters } from './build.ts'

const SECTIONS = path.join(ROOT, 'examples/sections/letter.md')
let out = ''
let xml = ''
let html = ''
let pdfText = ''

beforeAll(async () => {
  ;({ out } = await buildLetter([], SECTIONS))
  xml = fs.readFileSync(path.join(out, 'letter.xml'), 'utf8')
  html = fs.readFileSync(path.join(out, 'letter.html'), 'utf8')
  pdfText = execFileSync('pdftotext', ['-layout', path.join(out, 'letter.pdf'), '-'], { encoding: 'utf8' })
})
afterAll(() => fs.rmSync(out, { recursive: true, force: true }))

const between = (text: string, open: string, close: string) => text.slice(text.indexOf(open), text.indexOf(close))

describe('declarations of the sections example', () => {
  it('leave no attribute block in any output', () => {
    for (const text of [xml, html, pdfText]) expect(text).not.toContain('{.appendix}')
  })

  it('JATS: valid for xmllint with the catalog; COI in author-notes, the statements in back, funding and roles in front', () => {
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--valid', path.join(out, 'letter.xml')], {
      env: { ...process.env, XML_CATALOG_FILES: path.resolve(ROOT, '../shared/jats/catalog.xml') },
    })
    expect(lint.status, String(lint.stderr)).toBe(0)
    const notes = between(xml, '<author-notes>', '</author-notes>')
    expect(notes).toContain('<fn id="coi-statement" fn-type="coi-statement">')
    const back = between(xml, '<back>', '</back>')
    expect(back).not.toContain('coi-statement')
    expect(back).toMatch(/<sec id="consent-statement" sec-type="consent-statement">\s*<title>Patient consent<\/title>/)
    expect(back).toMatch(/<ack id="ack">\s*<title>Acknowledgements<\/title>/)
    expect(back).toContain('<sec id="data-availability" sec-type="data-availability">')
    expect(back).toContain('<xref ref-type="table" rid="tbl-serum">Table 1</xref>')
    expect(between(xml, '<funding-group>', '</funding-group>')).toContain('<award-id>EHF-2019-042</award-id>')
    expect(xml).toContain('vocab-term-identifier="https://credit.niso.org/contributor-roles/writing-review-editing/" degree-contribution="lead"')
  })

  it('HTML: after the body, before the references, in the manuscript\'s order', () => {
    const order = [...html.matchAll(/<section class="([^"]+)"/g)].map((match) => match[1])
    const kinds = order.flatMap((name) => /declaration-(\S+)/.exec(name)?.[1] ?? [])
    expect(kinds).toEqual(['consent', 'conflicts', 'acknowledgements', 'data-availability', 'funding', 'contributions'])
    const first = order.findIndex((name) => name.includes('declaration-'))
    const last = order.length - 1 - [...order].reverse().findIndex((name) => name.includes('declaration-'))
    expect(order.indexOf('body')).toBe(first - 1)
    expect(order.indexOf('references')).toBeGreaterThan(last)
  })

  it('PDF: the declarations\' headings and words after the discussion and before the references', () => {
    const text = letters(pdfText)
    const at = (words: string) => {
      const index = text.indexOf(letters(words))
      expect(index, words).toBeGreaterThan(-1)
      return index
    }
    const places = [
      at('No association between anti-SAE1 positivity'), at('Patient consent'), at('The patient gave written consent'),
      at('Conflicts of interest'), at('Acknowledgements'), at('Data availability'),
      at('Supported by a fictional grant'), at('Author contributions'), at('Łukasz Żółkiewski: Formal analysis'), at('References'),
    ]
    expect(places).toEqual([...places].sort((a, b) => a - b))
  })
})
