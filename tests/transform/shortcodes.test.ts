import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { readShortcodes } from '../../src/transform/shortcodes.ts'

describe('Quarto shortcodes', () => {
  it('leaves a page break out, prints the others as written, each with a warning, and an escaped one as text', () => {
    const file = new VFile('Before {{< meta title >}} and {{{< var x >}}}.\n\n{{< pagebreak >}}\n\nAfter {{<kbd Ctrl-C>}}.\n\n```\n{{< include x.qmd >}}\n```\n')
    const tree = parseMarkdown(file)
    readShortcodes(tree, file)
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'paragraph', 'code'])
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column, /\{\{< ([\w-]+)/.exec(message.reason)?.[1]])).toEqual([
      ['shortcode-unsupported', 1, 8, 'meta'],
      ['shortcode-unsupported', 3, 1, 'pagebreak'],
      ['shortcode-unsupported', 5, 7, 'kbd'],
    ])
  })
})
