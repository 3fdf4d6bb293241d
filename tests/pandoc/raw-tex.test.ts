/** Raw LaTeX in Markdown text, as Pandoc reads it (`raw_tex`) and leaves it out of HTML: against `pandoc -t plain`. */
import { execFileSync } from 'node:child_process'
import { toString } from 'mdast-util-to-string'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { dropRawTex } from '../../src/transform/raw-tex.ts'

const CASES = [
  'x \\alpha y',
  'see \\cite{a} and \\textbf{b} here, \\ref{fig}.',
  '\\noindent Text after',
  'C:\\Users\\x and a \\\\ b',
  'before\n\n\\newpage\n\nafter',
  '\\begin{center}\nhi\n\\end{center}\n\nafter',
  '\\begin{tabular}{ll}\nx & y\n\\end{tabular}',
  'optional \\includegraphics[width=3cm]{x.png} argument',
  'unclosed \\textbf{b and more',
  '`\\code` and $\\alpha$ stay',
]

function galley(markdown: string): string {
  const file = new VFile(markdown)
  const tree = parseMarkdown(file)
  dropRawTex(tree, file)
  return tree.children.map((block) => toString(block).replace(/\s+/g, ' ').trim()).join('\n')
}

function pandoc(markdown: string): string {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' }))
  // Pandoc's own reading, its raw LaTeX left out (as its HTML writer does), math and code as written.
  const inlines = (list: Array<{ t: string; c: any }>): string => list.map((inline) => {
    switch (inline.t) {
      case 'Str': return inline.c
      case 'Space': case 'SoftBreak': return ' '
      case 'Code': return inline.c[1]
      case 'Math': return inline.c[1]
      default: return ''
    }
  }).join('')
  return json.blocks.filter((block: { t: string }) => block.t !== 'RawBlock').map((block: { c: any }) => inlines(block.c).replace(/\s+/g, ' ').trim()).join('\n')
}

describe('raw LaTeX read as Pandoc reads it', () => {
  it.each(CASES)('%s', (markdown) => {
    expect(galley(markdown)).toBe(pandoc(markdown))
  })

  it('says where each piece was left out', () => {
    const file = new VFile('One \\newpage two \\cite{x}.\n')
    dropRawTex(parseMarkdown(file), file)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason])).toEqual([
      ['raw-dropped', 1, 5, 'This LaTeX (\\newpage) is for LaTeX output, which Galley does not write: it is left out, as Pandoc leaves it out of HTML (write \\\\ for a backslash)'],
      ['raw-dropped', 1, 18, 'This LaTeX (\\cite{x}) is for LaTeX output, which Galley does not write: it is left out, as Pandoc leaves it out of HTML (write \\\\ for a backslash)'],
    ])
  })
})
