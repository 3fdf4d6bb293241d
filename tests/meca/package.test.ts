/**
 * The MECA package of the real letter, built through the CLI: read back
 * from the zip, its entries are exactly what the manifest lists, each the
 * same bytes as the output built beside it; xmllint finds the manifest and
 * transfer valid against the MECA 1.0 DTDs and the JATS inside valid against
 * JATS 1.3; the validator of npm `meca` (its CLI) passes the zip; a second
 * build, of MECA alone, gives the same bytes and keeps only the zip of the
 * outputs.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { unzipSync, zipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromXml } from 'xast-util-from-xml'
import type { Element } from 'xast'
import { MECA_DTD_DIR } from '../../src/meca/findings.ts'
import { formatOfOutput } from '../../src/outputs/registry.ts'
import { buildLetter } from '../e2e/build.ts'
import { ROOT } from '../helpers.ts'

const SHARED_JATS = path.resolve(ROOT, '../shared/jats')

let out = ''
let alone = ''
let zip: Uint8Array
let entries: Record<string, Uint8Array>
let extracted = ''

beforeAll(async () => {
  ;({ out } = await buildLetter(['--format', 'jats,pdf,meca']))
  ;({ out: alone } = await buildLetter(['--format', 'meca']))
  zip = fs.readFileSync(path.join(out, 'letter.meca.zip'))
  entries = unzipSync(zip)
  extracted = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-meca-'))
  for (const [name, bytes] of Object.entries(entries)) fs.writeFileSync(path.join(extracted, name), bytes)
}, 180_000)

const text = (name: string) => new TextDecoder().decode(entries[name])

function elements(xml: string, name: string): Element[] {
  const found: Element[] = []
  const walk = (node: { children?: unknown[] }) => node.children?.forEach((child) => {
    const element = child as Element
    if (element.type !== 'element') return
    if (element.name === name) found.push(element)
    walk(element)
  })
  walk(fromXml(xml))
  return found
}

/** Item type, media type and href of every manifest item, in order. */
const items = () => elements(text('manifest.xml'), 'item').map((item) => {
  const instance = item.children.find((child): child is Element => child.type === 'element' && child.name === 'instance')!
  return [item.attributes['item-type'], instance.attributes['media-type'], instance.attributes['xlink:href']]
})

function xmllint(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync('xmllint', ['--noout', '--nonet', ...args], {
    env: { ...process.env, XML_CATALOG_FILES: path.join(SHARED_JATS, 'catalog.xml') },
    encoding: 'utf8',
  })
  return { status: result.status, stderr: result.stderr }
}

describe('the MECA package of the letter', () => {
  it('holds the manifest first, then every other file by path', () => {
    const names = Object.keys(entries)
    expect(names[0]).toBe('manifest.xml')
    expect(names.slice(1)).toEqual([...names.slice(1)].sort())
    expect(names).toEqual(['manifest.xml', 'fig1-malar-plaques.png', 'fig2-ct.png', 'fig3-ultrasound.png', 'letter.pdf', 'letter.xml', 'transfer.xml'])
  })

  it('lists in its manifest each entry but itself, once, with its MECA item type and media type', () => {
    expect(items()).toEqual([
      ['article-metadata', 'application/xml', 'letter.xml'],
      ['manuscript', 'application/pdf', 'letter.pdf'],
      ['article-supporting-file', 'image/png', 'fig1-malar-plaques.png'],
      ['article-supporting-file', 'image/png', 'fig2-ct.png'],
      ['article-supporting-file', 'image/png', 'fig3-ultrasound.png'],
      ['transfer-metadata', 'application/xml', 'transfer.xml'],
    ])
    expect(items().map(([, , href]) => href).sort()).toEqual(Object.keys(entries).filter((name) => name !== 'manifest.xml').sort())
  })

  it('carries the very bytes of the JATS, PDF and figures the same build wrote', () => {
    for (const name of Object.keys(entries).filter((name) => name !== 'manifest.xml' && name !== 'transfer.xml')) {
      expect(Buffer.compare(Buffer.from(entries[name]), fs.readFileSync(path.join(out, name))), name).toBe(0)
    }
  })

  it('names in the JATS only figures the zip holds, at the paths it holds them', () => {
    const hrefs = elements(text('letter.xml'), 'graphic').map((graphic) => graphic.attributes['xlink:href'])
    expect(hrefs.length).toBe(3)
    for (const href of hrefs) expect(Object.keys(entries)).toContain(href)
  })

  it('has a transfer.xml from the template: the journal as destination, with its publisher', () => {
    const transfer = text('transfer.xml')
    const [, destination] = elements(transfer, 'publication-title').map((title) => (title.children[0] as { value: string }).value)
    expect(destination).toBe('Actas Dermo-Sifiliográficas')
    expect(elements(transfer, 'provider-name').map((name) => (name.children[0] as { value: string }).value)).toEqual(['Galley', 'Elsevier España'])
  })

  it('is valid by xmllint: manifest and transfer against the MECA 1.0 DTDs, the JATS against JATS 1.3', () => {
    expect(spawnSync('xmllint', ['--version']).status, 'xmllint is missing: make test installs libxml2-utils').toBe(0)
    for (const [name, dtd] of [['manifest.xml', 'manifest-1.0.dtd'], ['transfer.xml', 'transfer-1.0.dtd']]) {
      const run = xmllint(['--dtdvalid', path.join(MECA_DTD_DIR, dtd), path.join(extracted, name)])
      expect(run.status, run.stderr).toBe(0)
      // By its DOCTYPE, through the catalog beside the DTDs: no warning of a DTD it could not load.
      const byDoctype = spawnSync('xmllint', ['--noout', '--nonet', '--valid', path.join(extracted, name)], {
        env: { ...process.env, XML_CATALOG_FILES: path.join(MECA_DTD_DIR, 'catalog.xml') },
        encoding: 'utf8',
      })
      expect([byDoctype.status, byDoctype.stderr]).toEqual([0, ''])
    }
    const jats = xmllint(['--valid', path.join(extracted, 'letter.xml')])
    expect(jats.status, jats.stderr).toBe(0)
  })

  it('passes the validator of npm meca, which fails it without a figure the manifest lists', () => {
    // Its JATS check reads the DTD from --directory, where it would otherwise download it.
    const dtds = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-meca-dtds-'))
    fs.symlinkSync(path.join(SHARED_JATS, 'dtd/1.3'), path.join(dtds, 'JATS-Publishing-1-3-MathML3-DTD'))
    const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('meca')), 'meca.cjs')
    const validate = (file: string) => spawnSync(process.execPath, [cli, 'validate', file, '--directory', dtds], { encoding: 'utf8' })
    const run = validate(path.join(out, 'letter.meca.zip'))
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.stdout + run.stderr).toContain('MECA validation passed!')
    const { 'fig2-ct.png': _dropped, ...rest } = entries
    const broken = path.join(extracted, 'broken.meca.zip')
    fs.writeFileSync(broken, zipSync(rest))
    const failed = validate(broken)
    expect(failed.status).not.toBe(0)
    expect(failed.stdout + failed.stderr).toMatch(/manifest items missing from MECA bundle:\s*- fig2-ct\.png/)
  })

  it('is dated the article date (October 2018) in every entry', () => {
    // Local header: DOS time at offset 10, date at 12; the central directory repeats them.
    const view = new DataView(zip.buffer, zip.byteOffset)
    const date = view.getUint16(12, true)
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31]).toEqual([2018, 10, 1])
    expect(view.getUint16(10, true)).toBe(12 << 11)
  })

  it('is the same bytes when built again, alone; that build keeps only the zip of the outputs', () => {
    expect(Buffer.compare(fs.readFileSync(path.join(alone, 'letter.meca.zip')), Buffer.from(zip))).toBe(0)
    expect(fs.readdirSync(alone).filter((name) => formatOfOutput(name))).toEqual(['letter.meca.zip'])
  })
})
