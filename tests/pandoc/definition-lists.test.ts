/** Definition lists, as Pandoc reads them: terms, descriptions and their blocks against `pandoc -t json`. */
import { describe, expect, it } from 'vitest'
import { galleyReading, pandocReading } from './constructs.ts'

const CASES: Record<string, string> = {
  'a term and a definition': 'Term 1\n:   Definition 1\n',
  'the tilde marker': 'Term 2\n~   Definition 2\n',
  'two terms, both markers': 'Term 1\n:   Definition 1\n\nTerm 2\n~   Definition 2\n',
  'two definitions of one term': 'Term\n: one\n: two\n',
  'a blank line after the term (loose)': 'Term\n\n:   Definition\n',
  'a definition of two paragraphs': 'Term\n:   First paragraph.\n\n    Second paragraph.\n',
  'lazy continuation': 'Term\n:   Definition\ncontinued lazily\n',
  'markup in term and definition': 'A *term* with `code`\n:   A **definition** and [a span]{.smallcaps}\n',
  'a list in a definition': 'Term\n:   Definition\n\n    - one\n    - two\n',
  'a code block in a definition': 'Term\n:   Definition\n\n        code\n',
  'in a block quote': '> Term\n> :   Definition\n',
  'after a paragraph and a list': 'Text.\n\n- item\n\nTerm\n:   Definition\n',
  'a colon line that follows a blank line and no term': 'Text.\n\n: not a definition\n',
  'a table caption after a pipe table': '| a |\n|---|\n| b |\n\n: Caption {#tbl-x}\n',
  'a colon inside a line': 'Ratio 1:2 is fine\n',
}

describe('definition lists read as Pandoc reads them', () => {
  it.each(Object.entries(CASES))('%s', (_name, markdown) => {
    const galley = galleyReading(markdown)
    // Pandoc reads the caption into the table; Galley's transform/figures.ts does it after the parse.
    const pandoc = pandocReading(markdown).map((block) => ('block' in block && block.block === 'Table' ? { block: 'table' } : block))
    if (markdown.includes(': Caption')) expect(galley).toEqual([{ block: 'table' }, { block: 'p', text: ': Caption {#tbl-x}' }])
    else expect(galley).toEqual(pandoc)
  })
})
