import type { Root } from 'mdast'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { transformScripts } from '../../src/transform/scripts.ts'

function scripts(markdown: string): unknown[] {
  const tree: Root = parseMarkdown(new VFile(markdown))
  transformScripts(tree)
  const paragraph = tree.children[0] as { children: Array<{ type: string; value?: string; children?: Array<{ value: string }> }> }
  return paragraph.children.map((node) => (node.type === 'text' ? node.value : [node.type, node.children?.[0]?.value ?? '']))
}

describe('subscripts and superscripts (Pandoc)', () => {
  it('reads H~2~O and 10^6^', () => {
    expect(scripts('H~2~O at 10^6^ cells/m^2^')).toEqual(['H', ['subscript', '2'], 'O at 10', ['superscript', '6'], ' cells/m', ['superscript', '2']])
  })
  it('leaves runs with spaces, single marks and code alone', () => {
    expect(scripts('about ~ 5 and a ^ b, `x^2^`')).toEqual(['about ~ 5 and a ^ b, ', ['inlineCode', '']])
  })
  it('keeps ~~strikeout~~ as strikeout', () => {
    expect(scripts('~~gone~~')).toEqual([['delete', 'gone']])
  })
})
