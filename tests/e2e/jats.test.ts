import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { validateJats } from '../../src/jats/validate.ts'
import { ROOT } from '../helpers.ts'
import { buildLetter } from './build.ts'

const SHARED_JATS = path.resolve(ROOT, '../shared/jats')

let xml = ''
let out = ''

beforeAll(async () => {
  ;({ out } = await buildLetter(['--format', 'jats']))
  xml = fs.readFileSync(path.join(out, 'letter.xml'), 'utf8')
})

function xmllint(file: string): number {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--valid', file], {
    env: { ...process.env, XML_CATALOG_FILES: path.join(SHARED_JATS, 'catalog.xml') },
  })
  return result.status ?? -1
}

/** The letter with two faults a validator must catch. */
function broken(): string {
  return xml.replace('<article-title>', '<title>').replace('</article-title>', '</title>').replace('rid="B3"', 'rid="B33"')
}

describe('JATS of the letter', () => {
  it('is JATS 1.3 Journal Publishing with its DOCTYPE, article-type letter and xml:lang', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<!DOCTYPE article PUBLIC "-\/\/NLM\/\/DTD JATS \(Z39.96\) Journal Publishing DTD with MathML3 v1.3 20210610\/\/EN" "https:\/\/jats.nlm.nih.gov\/publishing\/1.3\/JATS-journalpublishing1-3-mathml3.dtd">/i)
    expect(xml).toMatch(/<article [^>]*article-type="letter"/)
    expect(xml).toMatch(/<article [^>]*dtd-version="1.3"/)
    expect(xml).toMatch(/<article [^>]*xml:lang="en"/)
  })

  it('validates against the DTD in-process (libxml2-wasm)', () => {
    expect(validateJats(xml, 'letter.xml')).toEqual([])
  })

  it('catches a broken copy in-process, with line numbers', () => {
    const problems = validateJats(broken(), 'broken.xml')
    expect(problems.length).toBeGreaterThanOrEqual(2)
    expect(problems.some((problem) => /title-group/.test(problem.message))).toBe(true)
    expect(problems.some((problem) => /B33/.test(problem.message))).toBe(true)
    expect(problems.every((problem) => problem.line > 0)).toBe(true)
  })

  it('validates with xmllint and the official catalog, and xmllint rejects the broken copy', () => {
    expect(spawnSync('xmllint', ['--version']).status, 'xmllint is missing: make test installs libxml2-utils').toBe(0)
    expect(fs.existsSync(path.join(SHARED_JATS, 'catalog.xml')), `${SHARED_JATS}/catalog.xml is missing: ../shared must be beside the checkout`).toBe(true)
    expect(xmllint(path.join(out, 'letter.xml'))).toBe(0)
    const brokenFile = path.join(out, 'broken.xml')
    fs.writeFileSync(brokenFile, broken())
    expect(xmllint(brokenFile)).not.toBe(0)
    expect(xmllint(path.join(SHARED_JATS, 'example-letter-invalid.xml'))).not.toBe(0)
  })

  it('has ten references labelled 1 to 10 in the order the letter cites them', () => {
    const refs = [...xml.matchAll(/<ref id="(B\d+)">\s*<label>(\d+)<\/label>[\s\S]*?<surname>([^<]+)<\/surname>/g)]
    expect(refs.map((ref) => [ref[1], ref[2]])).toEqual(Array.from({ length: 10 }, (_, i) => [`B${i + 1}`, String(i + 1)]))
    expect(refs.map((ref) => ref[3])).toEqual(['Balin', 'Requena', 'Lee', 'Callen', 'Sahni', 'Lopez', 'García Rodríguez', 'Sahu', 'Betteridge', 'Muro'])
  })

  it('builds element-citations field by field', () => {
    const first = /<ref id="B6">[\s\S]*?<\/ref>/.exec(xml)![0]
    expect(first).toContain('<element-citation publication-type="journal">')
    expect(first).toMatch(/<person-group person-group-type="author">\s*<name name-style="western">\s*<surname>Lopez<\/surname>\s*<given-names>A. T.<\/given-names>/)
    for (const part of ['<source>JAAD Case Reports</source>', '<year>2017</year>', '<volume>3</volume>', '<issue>5</issue>', '<fpage>460</fpage>', '<lpage>463</lpage>', '<pub-id pub-id-type="doi">10.1016/j.jdcr.2017.06.018</pub-id>', '<pub-id pub-id-type="pmid">28936472</pub-id>']) {
      expect(first).toContain(part)
    }
    expect(xml).toContain('<collab>UK Adult Onset Myositis Immunogenetic Collaboration</collab>')
  })

  it('has one bibr xref per cited work: 14, each pointing at a ref', () => {
    const xrefs = [...xml.matchAll(/<xref ref-type="bibr" rid="(B\d+)">(\d+)<\/xref>/g)]
    expect(xrefs).toHaveLength(14)
    expect(xrefs.map((xref) => Number(xref[2]))).toEqual([1, 1, 2, 3, 4, 2, 1, 5, 6, 7, 8, 1, 9, 10])
    expect(xrefs.every((xref) => xref[1] === `B${xref[2]}`)).toBe(true)
  })

  it('has three figures with label, caption, graphic and alt text, and their xrefs', () => {
    const figs = [...xml.matchAll(/<fig id="([^"]+)"[^>]*>([\s\S]*?)<\/fig>/g)]
    expect(figs.map((fig) => fig[1])).toEqual(['fig-malar', 'fig-ct', 'fig-ultrasound'])
    for (const [index, fig] of figs.entries()) {
      expect(fig[2]).toContain(`<label>Figure ${index + 1}</label>`)
      expect(fig[2]).toMatch(/<caption>\s*<p>\S[^<]+<\/p>\s*<\/caption>/)
      expect(fig[2]).toMatch(/<graphic [^>]*xlink:href="fig\d-[\w-]+\.png"[^>]*>\s*<alt-text>\S[^<]+<\/alt-text>/)
      expect(fs.existsSync(path.join(out, /xlink:href="([^"]+)"/.exec(fig[2])![1]))).toBe(true)
    }
    expect([...xml.matchAll(/<xref ref-type="fig" rid="(fig-[\w-]+)">Fig. (\d)<\/xref>/g)].map((x) => x[1])).toEqual(['fig-malar', 'fig-ct', 'fig-ultrasound'])
  })

  it('carries the translated title, authors, affiliation, correspondence and the issue', () => {
    expect(xml).toMatch(/<trans-title-group xml:lang="es">\s*<trans-title>Calcinosis cutis facial en una paciente con dermatomiositis paraneoplásica<\/trans-title>/)
    expect([...xml.matchAll(/<contrib contrib-type="author"/g)]).toHaveLength(4)
    expect(xml).toMatch(/<contrib contrib-type="author" corresp="yes">/)
    expect(xml).toContain('<email>mariaherreromoyano@gmail.com</email>')
    expect(xml).toMatch(/<country country="ES">Spain<\/country>/)
    const meta = /<article-meta>[\s\S]*<\/article-meta>/.exec(xml)![0]
    const order = ['<title-group>', '<contrib-group>', '<author-notes>', '<pub-date', '<volume>109</volume>', '<issue>8</issue>', '<fpage>760</fpage>', '<lpage>762</lpage>']
    const positions = order.map((tag) => meta.indexOf(tag))
    expect(positions.every((at) => at >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(meta).not.toContain('pub-id-type="doi"')
  })

  it('has the journal-meta of the template', () => {
    expect(xml).toContain('<journal-title>Actas Dermo-Sifiliográficas</journal-title>')
    expect(xml).toMatch(/<issn pub-type="ppub">0001-7310<\/issn>/)
    expect(xml).toMatch(/<issn pub-type="epub">1578-2190<\/issn>/)
  })

  it('is the same bytes when built again', async () => {
    const again = await buildLetter(['--format', 'jats'])
    expect(fs.readFileSync(path.join(again.out, 'letter.xml'), 'utf8')).toBe(xml)
    execFileSync('rm', ['-rf', again.out])
  })
})
