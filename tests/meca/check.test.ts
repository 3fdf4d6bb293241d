/**
 * The MECA check and the package around it, without a browser: a package
 * made from staged files passes; one whose manifest or files were tampered
 * with fails with `meca-invalid`, and where the DTD is what fails, xmllint
 * rejects the same manifest. A manuscript named after a file MECA reserves
 * does not overwrite it.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { mecaFindings, MECA_DTD_DIR } from '../../src/meca/findings.ts'
import { mecaPackage } from '../../src/meca/package.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import type { Article } from '../../src/types.ts'
import { manuscript, PNG_1x1 } from '../helpers.ts'

function article(name = 'letter'): Article {
  const dir = manuscript('A figure.\n\n![A figure.](a.png){#fig-a fig-alt="A picture"}\n', { 'a.png': PNG_1x1 })
  fs.renameSync(path.join(dir, 'letter.md'), path.join(dir, `${name}.md`))
  const prepared = prepareArticle(path.join(dir, `${name}.md`))
  expect(prepared.article).toBeDefined()
  return prepared.article!
}

/** A package from stand-ins for the staged JATS and PDF: the check reads the manifest and transfer, not them. */
function packageOf(subject: Article, name = 'letter'): Uint8Array {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-meca-staging-'))
  fs.writeFileSync(path.join(staging, `${name}.xml`), '<article/>\n')
  fs.writeFileSync(path.join(staging, `${name}.pdf`), '%PDF-1.7\n')
  fs.writeFileSync(path.join(staging, 'a.png'), PNG_1x1)
  return mecaPackage(subject, {
    article: { file: path.join(staging, `${name}.xml`), mediaType: 'application/xml; charset=utf-8' },
    manuscript: { file: path.join(staging, `${name}.pdf`), mediaType: 'application/pdf' },
    supporting: [{ from: '/elsewhere/a.png', to: 'a.png' }],
  })
}

const reasons = (zip: Uint8Array) => mecaFindings(zip, 'out/letter.meca.zip').messages.map((message) => {
  expect(message.ruleId).toBe('meca-invalid')
  expect(message.fatal).toBe(true)
  return message.reason
})

/** The package with one entry changed (`undefined` removes it), zipped again. */
function tampered(zip: Uint8Array, name: string, change: (text: string) => string | undefined): Uint8Array {
  const entries = unzipSync(zip)
  const changed = change(strFromU8(entries[name] ?? new Uint8Array()))
  if (changed === undefined) delete entries[name]
  else entries[name] = strToU8(changed)
  return zipSync(entries)
}

function xmllintManifest(xml: string): number | null {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'galley-meca-lint-')), 'manifest.xml')
  fs.writeFileSync(file, xml)
  return spawnSync('xmllint', ['--noout', '--nonet', '--dtdvalid', path.join(MECA_DTD_DIR, 'manifest-1.0.dtd'), file]).status
}

describe('the MECA check', () => {
  const subject = article()
  const good = packageOf(subject)

  it('finds nothing in a package Galley made', () => {
    expect(reasons(good)).toEqual([])
  })

  it('rejects a manifest the DTD rejects, as xmllint does', () => {
    const manifest = strFromU8(unzipSync(good)['manifest.xml'])
    const broken = manifest.replace(' manifest-version="1"', '').replace('<item ', '<item colour="red" ')
    expect(xmllintManifest(manifest)).toBe(0)
    expect(xmllintManifest(broken)).not.toBe(0)
    const found = reasons(tampered(good, 'manifest.xml', () => broken))
    expect(found.length).toBeGreaterThanOrEqual(2)
    expect(found.some((reason) => /manifest\.xml that is not valid against the MECA 1\.0 DTD: .*manifest-version/.test(reason))).toBe(true)
    expect(found.some((reason) => /colour/.test(reason))).toBe(true)
  })

  it('rejects a transfer.xml the DTD rejects, and a package without one', () => {
    const noTitle = tampered(good, 'transfer.xml', (xml) => xml.replace(/<publication-title>[^<]*<\/publication-title>/, ''))
    expect(reasons(noTitle)).toEqual([expect.stringMatching(/transfer\.xml that is not valid against the MECA 1\.0 DTD: .*publication/)])
    const found = reasons(tampered(good, 'transfer.xml', () => undefined))
    expect(found).toContain('Generated MECA package has no transfer.xml at its root (this is a Galley bug: please report it with the manuscript)')
    expect(found.some((reason) => /naming transfer\.xml, which is not in the zip/.test(reason))).toBe(true)
  })

  it('rejects a file the manifest does not list, and one it lists twice', () => {
    expect(reasons(tampered(good, 'notes.txt', () => 'hello'))).toEqual([expect.stringMatching(/lists notes\.txt nowhere in its manifest/)])
    const twice = tampered(good, 'manifest.xml', (xml) => xml.replace(/(<item item-type="article-supporting-file">[\s\S]*?<\/item>)/, '$1$1'))
    expect(reasons(twice)).toEqual([expect.stringMatching(/lists a\.png 2 times in its manifest/)])
  })

  it('rejects what is not a zip, without throwing', () => {
    expect(reasons(strToU8('not a zip'))).toEqual([expect.stringMatching(/is not a readable zip/)])
  })
})

describe('the MECA package', () => {
  it('names the JATS article.xml in a package of a manuscript called transfer.md', () => {
    const zip = packageOf(article('transfer'), 'transfer')
    const entries = unzipSync(zip)
    expect(Object.keys(entries)).toEqual(['manifest.xml', 'a.png', 'article.xml', 'transfer.pdf', 'transfer.xml'])
    expect(strFromU8(entries['article.xml'])).toBe('<article/>\n')
    expect(strFromU8(entries['transfer.xml'])).toContain('<transfer ')
    expect(reasons(zip)).toEqual([])
  })

  it('leaves out an element for a template without a publisher, and stays valid', () => {
    const subject = article()
    const journal = { ...subject.template.journal, publisher: '' }
    const zip = packageOf({ ...subject, template: { ...subject.template, journal } })
    const transfer = strFromU8(unzipSync(zip)['transfer.xml'])
    expect(transfer.match(/<provider-name>/g)).toHaveLength(1)
    expect(transfer).toMatch(/<destination>\s*<service-provider\/>/)
    expect(reasons(zip)).toEqual([])
  })
})
