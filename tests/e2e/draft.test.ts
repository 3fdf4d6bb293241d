/**
 * A draft: no date, a footnote, raw HTML, headings. It must still give valid
 * JATS and the same bytes on every build (nothing taken from the clock).
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateJats } from '../../src/jats/validate.ts'
import { FRONT, PNG_1x1, manuscript } from '../helpers.ts'
import { galley } from './build.ts'

const BODY = `# Introduction

Text [@alpha2020] with a note.[^n] Then @gamma2021 and [@delta2019; @eta2018, p. 4].

<div>raw</div>

## Case

![A figure.](a.png){#fig-a fig-alt="A picture"}

See @fig-a.

[^n]: The note, citing [@alpha2020].
`

describe('a draft without a date', () => {
  it('builds valid JATS, HTML and PDF with the same bytes twice', async () => {
    const dir = manuscript(BODY, { 'a.png': PNG_1x1 })
    const letter = path.join(dir, 'letter.md')
    fs.writeFileSync(letter, FRONT.replace('date: 2020-05\n', '') + BODY)
    const outputs = ['one', 'two'].map((name) => path.join(dir, name))
    for (const out of outputs) {
      const run = await galley(['build', letter, '--out', out])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toContain('html-dropped')
    }
    for (const name of ['letter.xml', 'letter.html', 'letter.pdf']) {
      expect(Buffer.compare(fs.readFileSync(path.join(outputs[0], name)), fs.readFileSync(path.join(outputs[1], name))), name).toBe(0)
    }
    const xml = fs.readFileSync(path.join(outputs[0], 'letter.xml'), 'utf8')
    expect(validateJats(xml, 'letter.xml')).toEqual([])
    expect(xml).toContain('<pub-date-not-available/>')
    expect(xml).toMatch(/<fn id="fn1">\s*<label>1<\/label>\s*<p>The note, citing \[<xref ref-type="bibr" rid="B1">1<\/xref>\]\.<\/p>/)
    const html = fs.readFileSync(path.join(outputs[0], 'letter.html'), 'utf8')
    expect(html).toContain('<h2>Introduction</h2>')
    expect(html).toContain('href="letter.pdf"')
    expect(html).not.toContain('citation_publication_date')
  })
})
