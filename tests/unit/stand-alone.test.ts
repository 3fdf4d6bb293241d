/** Which CSL styles format each bibliography entry by itself (src/citations/stand-alone.ts). */
import fs from 'node:fs'
import path from 'node:path'
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import { describe, expect, it } from 'vitest'
import { entriesStandAlone } from '../../src/citations/stand-alone.ts'
import { ROOT } from '../helpers.ts'

const { styles } = plugins.config.get('@csl') as { styles: { get(name: string): string } }
const vancouver = styles.get('vancouver')
const local = fs.readFileSync(path.join(ROOT, 'templates/clinical-case-letters/clinical-case-letters.csl'), 'utf8')

/** A numeric style's bibliography with `attributes` and `layout` in place of its own. */
const numeric = (attributes: string, layout: string, macros = '') => `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"/></macro>${macros}
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography ${attributes}><layout>${layout}</layout></bibliography>
</style>`

describe('entriesStandAlone', () => {
  it('says yes for numeric styles that set the number in the margin: Vancouver, the clinical case letters\' own', () => {
    expect(entriesStandAlone(vancouver)).toBe(true)
    expect(entriesStandAlone(local)).toBe(true)
    expect(entriesStandAlone(numeric('second-field-align="flush"', '<text variable="citation-number"/><text macro="author"/>'))).toBe(true)
    expect(entriesStandAlone(numeric('', '<text macro="author"/><text variable="title"/>'))).toBe(true)
  })

  it('says no where one entry can shape another, or where it cannot tell', () => {
    // Author–date styles that add year suffixes or names to tell works apart.
    expect(entriesStandAlone(styles.get('apa'))).toBe(false)
    expect(entriesStandAlone(styles.get('harvard1'))).toBe(false)
    for (const style of [
      numeric('second-field-align="flush" subsequent-author-substitute="———"', '<text variable="citation-number"/><text macro="author"/>'),
      // The number printed in the entry's text, not in the margin.
      numeric('', '<text variable="citation-number"/><text macro="author"/>'),
      numeric('second-field-align="flush"', '<text macro="author"/><text variable="citation-number"/>'),
      numeric('second-field-align="flush"', '<group><text variable="citation-number"/></group><text macro="author"/>'),
      numeric('second-field-align="flush"', '<text variable="citation-number"/><text macro="number"/>', '<macro name="number"><number variable="citation-number"/></macro>'),
      numeric('second-field-align="flush"', '<choose><if disambiguate="true"><text variable="title"/></if></choose>'),
      vancouver.replace('<info>', '<info><link href="http://www.zotero.org/styles/vancouver" rel="independent-parent"/>'),
      '<style xmlns="http://purl.org/net/xbiblio/csl"><citation><layout/></citation></style>',
      'not XML <',
    ]) {
      expect(entriesStandAlone(style), style).toBe(false)
    }
  })
})
