/**
 * What counts as a heading's attribute block is what Pandoc reads: each
 * heading below goes through `pandoc -f markdown-auto_identifiers -t json`
 * and through Galley, and both must agree on the heading's words, its id,
 * its classes and its key=value pairs.
 */
import { execFileSync } from 'node:child_process'
import type { Heading } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { readHeadingAttributes } from '../../src/transform/heading-attributes.ts'

const HEADINGS = [
  '## Acknowledgements {.appendix}',
  '## Methods {#sec-methods}',
  '## Unnumbered {-}',
  '## Also unnumbered {.unnumbered}',
  '## Glued{.x}',
  '## Trailing space {.x}   ',
  '## In the middle {.x} then words',
  '## Unclosed {.x',
  '## Both {-.x}',
  '## Two blocks {.x}{.y}',
  '## Escaped \\{.x}',
  '## Code `{.x}`',
  '## Closing hashes {.a} ##',
  '## Bare hash {#}',
  '## Empty {}',
  '## Everything {#all .a .b key=value other="two words"}',
  '# Level one {#top}',
  'Setext heading {#setext .s}\n==============',
  '## *Emphasis* before {.e}',
]

interface Reading { text: string; id: string; classes: string[]; values: Array<[string, string]> }

function pandocReads(markdown: string): Reading {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown-auto_identifiers', '-t', 'json'], { input: markdown, encoding: 'utf8' }))
  const header = json.blocks[0]
  expect(header.t).toBe('Header')
  const [, [id, classes, values], inlines] = header.c
  return { text: plainText(inlines), id, classes, values }
}

function plainText(inlines: Array<{ t: string; c?: any }>): string {
  return inlines.map((inline) => {
    if (inline.t === 'Str') return inline.c
    if (inline.t === 'Space') return ' '
    if (inline.t === 'Code') return inline.c[1]
    return plainText(inline.c)
  }).join('')
}

function galleyReads(markdown: string): Reading {
  const file = new VFile({ value: `${markdown}\n` })
  const tree = parseMarkdown(file)
  readHeadingAttributes(tree, file)
  const heading = tree.children[0] as Heading
  const values = Object.entries(heading.data?.values ?? {})
  return { text: toString(heading), id: heading.data?.id ?? '', classes: heading.data?.classes ?? [], values }
}

describe('heading attribute blocks, against Pandoc', () => {
  it.each(HEADINGS)('%s', (markdown) => {
    expect(galleyReads(markdown)).toEqual(pandocReads(markdown))
  })
})
