/** Code fences' attributes and raw blocks and inlines, as Pandoc reads them: against `pandoc -t json`. */
import { execFileSync } from 'node:child_process'
import type { RootContent } from 'mdast'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { readCodeAttributes } from '../../src/transform/code-attributes.ts'
import { readInlineAttributes } from '../../src/transform/inline-attributes.ts'

const CASES: Record<string, string> = {
  'a language': '```r\nx <- 1\n```\n',
  'attributes: language, id and more': '```{.r #lst-model .numberLines startFrom="3"}\nx <- 1\n```\n',
  'attributes after a space': '``` {.python}\ny = 2\n```\n',
  'a raw HTML block': '```{=html}\n<div>raw</div>\n```\n',
  'a raw LaTeX block': '```{=latex}\n\\clearpage\n```\n',
  'raw inlines': 'Raw `<b>x</b>`{=html} and `\\x`{=latex} and `y`{.r}.\n',
}

type Reading = Array<{ block: string; lang?: string | null; id?: string; text?: string }>

function pandocReading(markdown: string): Reading {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' }))
  return json.blocks.map((block: { t: string; c: any }) => {
    if (block.t === 'CodeBlock') return { block: 'code', lang: block.c[0][1][0] ?? null, id: block.c[0][0] || undefined }
    if (block.t === 'RawBlock') return { block: `raw ${block.c[0]}` }
    const text = block.c.map((inline: { t: string; c: any }) => inline.t === 'Str' ? inline.c : inline.t === 'Space' ? ' '
      : inline.t === 'Code' ? `⟨code⟩` : inline.t === 'RawInline' ? `⟨raw ${inline.c[0]}⟩` : '').join('')
    return { block: 'p', text }
  })
}

/** Galley keeps a raw HTML block or inline as raw HTML, and leaves another format's out. */
function galleyReading(markdown: string): Reading {
  const file = new VFile(markdown)
  const tree = parseMarkdown(file)
  readCodeAttributes(tree, file)
  readInlineAttributes(tree, file)
  return tree.children.map((node: RootContent) => {
    if (node.type === 'code') return { block: 'code', lang: node.lang ?? null, id: node.data?.id }
    if (node.type === 'html') return { block: 'raw html' }
    if (node.type !== 'paragraph') return { block: node.type }
    return { block: 'p', text: node.children.map((inline) => inline.type === 'text' ? inline.value : inline.type === 'inlineCode' ? '⟨code⟩' : inline.type === 'html' ? '⟨raw html⟩' : '').join('') }
  })
}

describe('code fences and raw content read as Pandoc reads them', () => {
  it.each(Object.entries(CASES))('%s', (_name, markdown) => {
    const pandoc = pandocReading(markdown)
      .filter((block) => block.block !== 'raw latex')
      .map((block) => (block.text ? { ...block, text: block.text.replace(/⟨raw latex⟩/g, '') } : block))
    expect(galleyReading(markdown)).toEqual(pandoc)
  })

  it('reads a Quarto cell\'s language, and says it is not run', () => {
    const file = new VFile('```{r}\n#| echo: false\nplot(x)\n```\n')
    const tree = parseMarkdown(file)
    readCodeAttributes(tree, file)
    expect(tree.children[0]).toMatchObject({ type: 'code', lang: 'r', meta: null })
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['code-cell', 1, 1]])
  })
})
