/**
 * A manuscript using Pandoc's definition lists, line blocks and spans, built
 * through the CLI: its JATS valid against the JATS 1.3 DTD, its HTML with the
 * elements Pandoc's HTML writer sets, every template styling small caps.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { validateJats } from '../../src/jats/validate.ts'
import { manuscript, ROOT } from '../helpers.ts'
import { buildLetter } from './build.ts'

const BODY = `
# Terms

Calcinosis
:   Deposits of calcium salts in the skin.

Dystrophic calcinosis
~   Calcinosis in damaged tissue, with *normal* serum calcium.

    It is the commonest kind.

| The limerick packs laughs anatomical
| In space that is quite economical.

> | A quoted line
> | and another

See [Small caps]{.smallcaps}, [underlined]{.underline}, [marked]{.mark} and
[a linked [mark]{.mark}](https://example.org/) [@alpha2020].

- An item with [small caps]{.smallcaps}
`

let out: string
let warnings: string
beforeAll(async () => {
  const built = await buildLetter(['--format', 'jats,html'], path.join(manuscript(BODY), 'letter.md'))
  out = built.out
  warnings = built.run.stderr + built.run.stdout
}, 120_000)

describe('Pandoc constructs end to end', () => {
  it('writes DTD-valid JATS with a def-list, verse-groups and styled spans', () => {
    const xml = fs.readFileSync(path.join(out, 'letter.xml'), 'utf8')
    expect(validateJats(xml, 'letter.xml')).toEqual([])
    expect(xml).toContain('<def-item><term>Dystrophic calcinosis</term><def><p>Calcinosis in damaged tissue, with <italic>normal</italic> serum calcium.</p><p>It is the commonest kind.</p></def></def-item>')
    expect(xml.match(/<verse-group>/g)).toHaveLength(2)
    expect(xml).toContain('<sc>Small caps</sc>, <underline>underlined</underline>, <named-content content-type="mark">marked</named-content>')
  })

  it('writes the HTML Pandoc writes, and no source syntax', () => {
    const page = fs.readFileSync(path.join(out, 'letter.html'), 'utf8')
    expect(page).toContain('<dt>Calcinosis</dt>')
    expect(page).toContain('<div class="line-block">The limerick packs laughs anatomical<br>')
    expect(page).toContain('<span class="smallcaps">Small caps</span>, <u>underlined</u>, <mark>marked</mark>')
    expect(page).not.toMatch(/\]\{\.|:   |\| The/)
    expect(warnings).not.toContain('node-unsupported')
  })

  it('styles small caps in every template', () => {
    for (const template of fs.readdirSync(path.join(ROOT, 'templates'))) {
      expect(fs.readFileSync(path.join(ROOT, 'templates', template, 'screen.css'), 'utf8'), template).toMatch(/\.smallcaps\s*\{\s*font-variant:\s*small-caps/)
    }
  })
})
