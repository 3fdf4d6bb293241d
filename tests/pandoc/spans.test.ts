/** Bracketed spans, as Pandoc reads them: where each starts and ends, its id and carried classes, against `pandoc -t json`. */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { galleyReading, pandocReading } from './constructs.ts'

const CASES: Record<string, string> = {
  'the three classes': '[Small caps]{.smallcaps}, [underlined]{.underline}, [marked]{.mark}.\n',
  'nested spans': '[a [b]{.underline} c]{.mark}\n',
  'markup inside': '[*Small* caps and `code`]{.smallcaps}\n',
  'an id and other attributes': '[a]{#sp-1 .smallcaps key=v}\n',
  'two classes': '[a]{.smallcaps .underline}\n',
  'an empty block': '[a]{}\n',
  'balanced brackets inside': '[a [b] c]{.mark}\n',
  'a space before the block is text': '[a] {.mark}\n',
  'an escaped bracket is text': '\\[a]{.mark}\n',
  'an escaped closing bracket is text': '[a\\]{.mark}\n',
  'a bracket with no block': 'See [note] and {this}.\n',
  'across a line break': '[two\nlines]{.smallcaps}\n',
  'in a heading': '# A [span]{.smallcaps} title\n',
  'inside emphasis': '*an [emphasised]{.underline} span*\n',
}

describe('bracketed spans read as Pandoc reads them', () => {
  it.each(Object.entries(CASES))('%s', (_name, markdown) => {
    expect(galleyReading(markdown)).toEqual(pandocReading(markdown))
  })

  it('reports, at the span, the classes and attributes no output carries', () => {
    const file = new VFile('Text [kept]{#x .smallcaps .foo key=v} here.\n')
    galleyReading(String(file.value), file)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason])).toEqual([
      ['span-unused', 1, 6, 'No output uses .foo, key= on this span: its text is kept (Galley sets .smallcaps, .underline, .mark and an id)'],
    ])
  })

  it('reports nothing for a span of the classes it carries', () => {
    const file = new VFile('[a]{.smallcaps} [b]{#id .mark}\n')
    galleyReading(String(file.value), file)
    expect(file.messages).toEqual([])
  })
})
