/**
 * The MECA DTDs Galley validates against are the ones npm `meca` ships,
 * byte for byte (schemas/meca/README.md says why they are copied), and the
 * MECA files are indented only where those DTDs allow no text.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MECA_DTD_DIR } from '../../src/meca/findings.ts'
import { MANIFEST_ELEMENT_ONLY } from '../../src/meca/manifest.ts'
import { TRANSFER_ELEMENT_ONLY } from '../../src/meca/transfer.ts'

// The package exports only its entry point, which sits in dist/ beside the DTDs.
const PACKAGE_DIST = path.dirname(createRequire(import.meta.url).resolve('meca'))

describe('the MECA DTDs', () => {
  it.each(['manifest-1.0.dtd', 'transfer-1.0.dtd'])('%s is the meca package\'s', (name) => {
    expect(fs.readFileSync(path.join(MECA_DTD_DIR, name)).equals(fs.readFileSync(path.join(PACKAGE_DIST, name)))).toBe(true)
  })
})

describe('indentation of the MECA files', () => {
  // Indenting is safe only where the DTD allows no text.
  it.each([
    ['manifest-1.0.dtd', MANIFEST_ELEMENT_ONLY],
    ['transfer-1.0.dtd', TRANSFER_ELEMENT_ONLY],
  ] as const)('goes only into element-only content models of %s', (dtd, names) => {
    const text = fs.readFileSync(path.join(MECA_DTD_DIR, dtd), 'utf8')
    for (const name of names) {
      const model = new RegExp(`<!ELEMENT ${name} (\\([^>]*\\)[?*+]?)\\s*>`).exec(text)?.[1]
      expect(model, name).toBeDefined()
      expect(model, name).not.toContain('#PCDATA')
    }
  })
})
