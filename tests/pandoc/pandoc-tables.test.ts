/**
 * Pandoc's simple, multiline and grid tables, which Galley does not read: each is reported once,
 * at its first line; what Pandoc reads as a rule or a pipe table is not (against `pandoc -t json`).
 */
import { execFileSync } from 'node:child_process'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { warnAboutPandocTables } from '../../src/transform/pandoc-tables.ts'

const TABLES = {
  simple: 'Before.\n\n  Drug     Dose\n-------  ------\n  A        10 mg\n  B        20 mg\n\nTable: Doses.\n\nAfter.\n',
  headerless: 'Before.\n\n-------  ------\n  A        10 mg\n  B        20 mg\n-------  ------\n\nAfter.\n',
  multiline: 'Before.\n\n---------------------\n Drug    Dose and\n         route\n-------- ------------\n A       10 mg,\n         oral\n\n B       20 mg\n---------------------\n\nAfter.\n',
  grid: 'Before.\n\n+-------+--------+\n| Drug  | Dose   |\n+=======+========+\n| A     | 10 mg  |\n+-------+--------+\n\nAfter.\n',
}
const NOT_TABLES = {
  rule: 'One.\n\n-----\n\nTwo.\n',
  'spaced rule': 'One.\n\n- - -\n\nTwo.\n',
  'rule of dash runs between blank lines': 'One.\n\n-----  -----\n\nTwo.\n',
  'pipe table': '| Drug | Dose |\n|------|-----:|\n| A    | 10   |\n',
  'setext heading': 'Heading\n-------\n\nText.\n',
}

const pandocBlocks = (markdown: string): string[] =>
  (JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' })).blocks as Array<{ t: string }>).map((block) => block.t)

function warnings(markdown: string): Array<[string | undefined, number | undefined, number | undefined]> {
  const file = new VFile(markdown)
  warnAboutPandocTables(parseMarkdown(file), file)
  return file.messages.map((message) => [message.ruleId, message.line, message.column])
}

describe('Pandoc tables Galley does not read', () => {
  it.each(Object.entries(TABLES))('%s: one warning at its first line', (_, markdown) => {
    expect(pandocBlocks(markdown)).toContain('Table')
    const lines = markdown.split('\n')
    const first = lines.findIndex((line, index) => index > 0 && line.trim() !== '')
    expect(warnings(markdown)).toEqual([['table-unsupported', first + 1, lines[first]!.search(/\S/) + 1]])
  })

  it.each(Object.entries(NOT_TABLES))('%s: none', (_, markdown) => {
    // Pandoc reads a pipe table; the others it reads as rules, headings and paragraphs.
    expect(pandocBlocks(markdown).includes('Table')).toBe(markdown.startsWith('|'))
    expect(warnings(markdown)).toEqual([])
  })

  it('a table in a list item, and two tables one after the other', () => {
    const markdown = `- Item\n\n  Drug   Dose\n  -----  -----\n  A      1\n\n${TABLES.simple}\n${TABLES.grid}`
    expect(warnings(markdown).map(([, line]) => line)).toEqual([3, 9, 20])
    expect(warnings(`${TABLES.simple}${TABLES.multiline}`).map(([, line]) => line)).toEqual([3, 13])
  })
})
