/**
 * A template anywhere on disk: a copy of clinical-case-letters in a temporary
 * folder, renamed and switched to superscript numbers after punctuation,
 * built with `--template /tmp/…`. The change shows in the HTML and PDF text
 * and, for the name, in the JATS journal-meta; nowhere else.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers.ts'
import { pdfinfo } from '../pdf/poppler.ts'
import { type Built, buildWith, htmlText, removeAll } from './build.ts'

const NAME = 'Harbour Medical Letters'
let folder = ''
let shipped: Built
let mine: Built

const referenceList = (html: string) => html.slice(html.indexOf('<section class="references"'), html.indexOf('</section>', html.indexOf('<section class="references"')))
const withoutJournalMeta = (xml: string) => xml.replace(/<journal-meta>[\s\S]*<\/journal-meta>/, '')

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-template-'))
  fs.cpSync(path.join(ROOT, 'templates/clinical-case-letters'), folder, { recursive: true })
  const yamlFile = path.join(folder, 'template.yaml')
  const yaml = fs.readFileSync(yamlFile, 'utf8')
    .replace(/^ {2}title: Clinical Case Letters$/m, `  title: ${NAME}`)
    .replace(/^ {2}style: bracket$/m, '  style: superscript')
    .replace(/^ {2}placement: before-punctuation$/m, '  placement: after-punctuation')
  fs.writeFileSync(yamlFile, yaml)
  shipped = await buildWith('clinical-case-letters')
  mine = await buildWith(folder)
})
afterAll(() => removeAll(folder, shipped?.out, mine?.out))

describe('a template outside the repository', () => {
  it('names its journal in the HTML and the PDF', () => {
    expect(mine.html).toContain(`<p class="journal-title">${NAME}</p>`)
    expect(mine.pdfText).toContain(NAME.toUpperCase())
    expect(mine.pdfText).not.toContain('CLINICAL CASE LETTERS')
  })

  it('prints its citation look in the HTML and the PDF', () => {
    expect(htmlText(shipped.html)).toContain('very scarce [1]. We describe')
    expect(htmlText(mine.html)).toContain('very scarce.1 We describe')
    expect(mine.pdfText).toMatch(/very scarce\.1 We/)
    expect(mine.html).toContain('data-citation-style="superscript"')
  })

  it('changes the JATS only in journal-meta', () => {
    expect(mine.xml).toContain(`<journal-title>${NAME}</journal-title>`)
    expect(withoutJournalMeta(mine.xml)).toBe(withoutJournalMeta(shipped.xml))
  })

  it('keeps everything else: reference list, CSS, page size and count', () => {
    expect(referenceList(mine.html)).toBe(referenceList(shipped.html))
    const styles = (html: string) => html.match(/<style[^>]*>[\s\S]*?<\/style>/g)!.slice(1)
    expect(styles(mine.html)).toEqual(styles(shipped.html))
    const info = (built: Built) => pdfinfo(fs.readFileSync(path.join(built.out, 'letter.pdf')))
    expect(info(mine)['Page size']).toBe(info(shipped)['Page size'])
    expect(info(mine).Pages).toBe(info(shipped).Pages)
  })
})
