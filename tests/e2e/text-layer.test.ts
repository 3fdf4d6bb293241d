/**
 * Hyphenation changes the look only: every run of the manuscript's own words (the text between
 * citations and cross-references, which the outputs render as numbers and labels) is in the
 * PDF's text layer word for word, ignoring only line-end hyphens, and unbroken in the HTML source.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Nodes as MdastNodes, Parent } from 'mdast'
import { fromHtml } from 'hast-util-from-html'
import { visit } from 'unist-util-visit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { LETTER, ROOT } from '../helpers.ts'
import { pdftotextLines } from '../pdf/poppler.ts'
import { buildLetter } from './build.ts'

let out = ''
beforeAll(async () => {
  ;({ out } = await buildLetter())
})
afterAll(() => fs.rmSync(out, { recursive: true, force: true }))

/** Words the author wrote, in runs cut wherever a node the outputs render differently sits. */
function manuscriptRuns(): string[] {
  const { article } = prepareArticle(LETTER, { cwd: ROOT })
  if (!article) throw new Error('the letter did not prepare')
  const runs: string[] = []
  let current = ''
  const cut = () => {
    // Punctuation next to a citation moves to the journal's side of it ("scarce [1]." or "scarce.¹").
    const run = current.replace(/\s+/g, ' ').trim().replace(/^[.,;:]\s*/, '').replace(/\s*[.,;:]$/, '')
    for (const sentence of run.split(/(?<=[.!?])\s+(?=\p{Lu})/u)) if (sentence.split(' ').length >= 3) runs.push(sentence)
    current = ''
  }
  const walk = (node: MdastNodes | { type: string }) => {
    if (node.type === 'text' || node.type === 'inlineCode') current += (node as { value: string }).value
    else if (['paragraph', 'heading', 'caption', 'tableCell'].includes(node.type)) {
      cut()
      ;(node as Parent).children.forEach(walk)
      cut()
    } else if (['emphasis', 'strong', 'delete', 'link'].includes(node.type)) (node as Parent).children.forEach(walk)
    else if ('children' in node) {
      cut()
      ;(node as Parent).children.forEach(walk)
      cut()
    } else cut()
  }
  walk(article.tree as MdastNodes)
  return runs
}

/** The run as a pattern over extracted text: any whitespace between words, and a word may be split at a line end, with or without a hyphen. */
function acrossLines(run: string): RegExp {
  const escape = (char: string) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = [...run].map((char, index) => {
    if (char === ' ') return '\\s+'
    if (char === '-') return '-?\\s*'
    const next = run[index + 1]
    return escape(char) + (next && next !== ' ' && next !== '-' ? '(?:-?\\n)?' : '')
  }).join('')
  return new RegExp(pattern, 'u')
}

describe('the text of the letter', () => {
  const runs = manuscriptRuns()

  it('is many runs of words (the test reads the manuscript)', () => {
    expect(runs.length).toBeGreaterThan(30)
    expect(runs).toContain('To the Editor')
  })

  it('is in the PDF text layer word for word, with no soft hyphen', () => {
    const pdf = fs.readFileSync(path.join(out, 'letter.pdf'))
    const read = pdftotextLines(pdf)
    expect(read).not.toContain('\u00ad')
    expect(read).toContain('To the Editor')
    // In the order Chromium wrote the text (the page's order): pdftotext's own reading order
    // guesses columns from positions and can run a column into the reference list.
    const text = pdftotextLines(pdf, { raw: true })
    expect(text).not.toContain('\u00ad')
    const missing = runs.filter((run) => !acrossLines(run).test(text))
    expect(missing).toEqual([])
  })

  it('is in the HTML source unbroken, with no soft hyphen', () => {
    const source = fs.readFileSync(path.join(out, 'letter.html'), 'utf8')
    expect(source).not.toMatch(/\u00ad|&shy;|&#xad;|&#173;/i)
    let body = ''
    visit(fromHtml(source), 'element', (element) => {
      if (element.tagName !== 'body') return
      visit(element, (node, _, parent) => {
        if (node.type === 'text' && !(parent?.type === 'element' && ['script', 'style'].includes(parent.tagName))) body += node.value
      })
      return false
    })
    body = body.replace(/\s+/g, ' ')
    expect(runs.filter((run) => !body.includes(run))).toEqual([])
  })
})
