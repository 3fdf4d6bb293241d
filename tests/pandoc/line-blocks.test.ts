/** Line blocks, as Pandoc reads them: each line's text against `pandoc -t json`. */
import { describe, expect, it } from 'vitest'
import { galleyReading, pandocReading } from './constructs.ts'

const CASES: Record<string, string> = {
  'the limerick': '| The limerick packs laughs anatomical\n| In space that is quite economical.\n',
  'a continuation line and kept indents': '| But the good ones\n   I have seen\n|    so seldom are clean\n',
  'an empty line': '| one\n|\n| three\n',
  'inline markup in a line': '| *em* and **strong** and [sc]{.smallcaps}\n| `code | pipe`\n',
  'a hard break ending a line': '| one  \n| two\n',
  'a paragraph after the block': '| a line\nthen a paragraph\n',
  'in a block quote': '> | quoted\n> | lines\n',
  'a bar with no space is text': '|a\n',
  'a bar inside a paragraph is text': 'Text\n| not a line\n',
  'an escaped bar is text': '\\| not a line\n',
  'a pipe table stays a table': '| a | b |\n|---|---|\n| 1 | 2 |\n',
}

describe('line blocks read as Pandoc reads them', () => {
  it.each(Object.entries(CASES))('%s', (_name, markdown) => {
    const pandoc = pandocReading(markdown).map((block) => ('block' in block && block.block === 'Table' ? { block: 'table' } : block))
    expect(galleyReading(markdown)).toEqual(pandoc)
  })
})
