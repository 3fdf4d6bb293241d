/** Pandoc's smart punctuation: quotes, dashes and ellipses as Galley reads them, against `pandoc -t plain`. */
import { execFileSync } from 'node:child_process'
import { toString } from 'mdast-util-to-string'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { cslLocale } from '../../src/citations/format.ts'
import { locatorTerms } from '../../src/citations/locator.ts'
import { transformCitations } from '../../src/transform/citations.ts'
import { smartenPunctuation } from '../../src/transform/smart-punctuation.ts'
import type { Citation } from '../../src/types.ts'

const CASES = [
  'Smart "quotes" and \'single\' -- en --- em... done',
  'pp. 10--20 and 1990--1995, a -- b --- c ---- d ----- e',
  'don\'t O\'Brien l\'été the 1980\'s and \'80s',
  '\'90s rock \'n\' roll, rock \'n\' roll',
  '\'tis and \'s, 5\' 10" tall',
  'an "unmatched quote',
  'end with "',
  'He said "she said \'hi\'" ok',
  '"Hello," she said. "Bye."',
  '("paren") [\'bracket\'] and x \'a b\' y',
  '"*emphasised*" and "**x**" and "a `code` b" and `"code stays"`',
  '*a*\'s and *b*\' and \'c*d*\'',
  '"[a link](https://x.org)" and \'[another](https://y.org)\'',
  'escaped \\"quotes\\" and \\--x and \\.\\.\\. stay',
  'a"b"c and a\'b\'c',
  '"a" "b" and "" and \'\'',
  'ellipsis... and.... and . . . spaced',
  '[a](https://x.org)\'s b\' c and `a`\'s b\' c and *a*"b"',
  'Dr. Who, e.g. this, et al. 2, (pp. 3), see pp.  3, xpp. 3, Fig. 2, Mr. *B*, ends Mr.',
  'Mr.\nSmith and "Mr. X" and Ph.D. thesis and *pp.* 3',
]

function galley(markdown: string): string {
  const file = new VFile(markdown)
  const tree = parseMarkdown(file)
  smartenPunctuation(tree, file)
  // A line break in the paragraph is a space in Pandoc's plain text.
  return toString(tree).replace(/\n/g, ' ')
}

function pandoc(markdown: string): string {
  return execFileSync('pandoc', ['-f', 'markdown', '-t', 'plain', '--wrap=none'], { input: markdown, encoding: 'utf8' }).trim()
}

describe('smart punctuation read as Pandoc reads it', () => {
  it.each(CASES)('%s', (markdown) => {
    expect(galley(markdown)).toBe(pandoc(markdown))
  })
})

describe('smart punctuation in citations', () => {
  it('reaches a citation\'s prefix, suffix and locator, as Pandoc reads them before citeproc does', () => {
    const file = new VFile('[see "the" @a, pp. 33--35 --- \'x\'].\n')
    const tree = parseMarkdown(file)
    transformCitations(tree, file, { terms: locatorTerms(cslLocale('en')) })
    smartenPunctuation(tree, file)
    const paragraph = tree.children[0]
    const [item] = (paragraph.type === 'paragraph' ? paragraph.children[0] as Citation : undefined)!.items
    expect(toString({ type: 'paragraph', children: item.prefix! })).toBe('see \u201cthe\u201d')
    expect(item.locator).toEqual({ label: 'page', value: '33\u201335' })
    expect(toString({ type: 'paragraph', children: item.afterNumber! })).toBe(', pp.\u00a033\u201335 \u2014 \u2018x\u2019')
  })
})
