/** The flattened JATS DTD the build writes beside the bundle (src/jats/flat-dtd.ts) declares what the module files declare, and validates alike. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { JATS_DOCTYPE } from '../../src/jats/doctype.ts'
import { flattenDtd } from '../../src/jats/flat-dtd.ts'
import { flatDtd, flatDtdName, useLocalDtds, validateJats } from '../../src/jats/validate.ts'

const system = JATS_DOCTYPE.system!
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-flat-dtd-'))
const file = path.join(dir, 'flat.dtd')
const url = pathToFileURL(file).href
const flat = flatDtd(system)
fs.writeFileSync(file, flat)
useLocalDtds('flat-dtd-test', (asked) => (asked === url ? file : undefined))

const article = (doctypeSystem: string, body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE article PUBLIC "${JATS_DOCTYPE.public}" "${doctypeSystem}">\n` +
  `<article xmlns:mml="http://www.w3.org/1998/Math/MathML" xmlns:xlink="http://www.w3.org/1999/xlink" article-type="letter">\n${body}\n</article>\n`

describe('flattened JATS DTD', () => {
  it('is one file, its declarations read back the same', () => {
    expect(flat).not.toMatch(/<!--|<!ENTITY\s+%[^>]*SYSTEM/)
    expect(flat).toMatch(/<!ELEMENT article /)
    // Loaded from the one file and flattened again: the same declarations, as libxml2 read them.
    expect(flatDtd(url)).toBe(flat)
  })

  it('finds the same problems as the module files', () => {
    const bodies = [
      '<front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front><body><p>x</p></body>',
      '<front><journal-meta/></front><body><p>x<sec/></p></body>',
      '<front><article-meta/></front><body><p><xref ref-type="nonsense" rid="x">1</xref></p><fig id="f"><caption/><bogus/></fig></body>',
      '<body><p><mml:math><mml:mi>x</mml:mi><mml:bogus/></mml:math></p></body>',
      '<front><article-meta><contrib-group><contrib contrib-type="author"><name><surname>A</surname></name></contrib></contrib-group></article-meta></front>',
    ]
    for (const body of bodies) {
      const problems = validateJats(article(system, body), 'a.xml')
      expect(problems.length).toBeGreaterThan(0)
      expect(validateJats(article(url, body), 'a.xml')).toEqual(problems)
    }
  })

  it('is named by the DTDs version, and only for JATS DTDs', () => {
    expect(flatDtdName(system)).toMatch(/^jats4r-dtds-[\d.]+\/1\.3\/JATS-journalpublishing1-3-mathml3\.dtd$/)
    expect(flatDtdName('https://example.org/x.dtd')).toBeUndefined()
  })

  it('keeps the parameter entities a value still names, and refuses one never declared', () => {
    const serialized = '<!DOCTYPE a [\n<!ENTITY % p "&#38;#38;#x1D">\n<!ENTITY % q "unused">\n<!-- c -->\n<!ELEMENT a EMPTY>\n<!ENTITY e "%p;552;">\n]>\n<a/>'
    expect(flattenDtd(serialized)).toBe('<!ENTITY % p "&#38;#38;#x1D">\n<!ELEMENT a EMPTY>\n<!ENTITY e "%p;552;">\n')
    expect(() => flattenDtd('<!DOCTYPE a [<!ENTITY e "%nope;">]><a/>')).toThrow(/nope/)
  })
})
