/**
 * Pandoc as the oracle for fenced divs: for each snippet, the block structure
 * `pandoc -f markdown -t json` reads (divs with their id, classes and
 * attributes; other blocks by kind, paragraphs with their text) against
 * Galley's parse of the same text, the div attributes read as the transform
 * reads them.
 */
import { execFileSync } from 'node:child_process'
import type { Nodes, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { divAttributes } from '../../src/transform/divs.ts'

type Block = { div: [string, string[], Array<[string, string]>]; children: Block[] } | { block: string; text?: string; children?: Block[][] }

const text = (value: string) => value.replace(/\s+/g, ' ').trim()

function pandocBlocks(markdown: string): Block[] {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' }))
  const inlines = (list: Array<{ t: string; c?: any }>): string => list.map((inline) => {
    if (inline.t === 'Str') return inline.c
    if (inline.t === 'Space' || inline.t === 'SoftBreak') return ' '
    if (inline.t === 'Image') return inlines(inline.c[1])
    return Array.isArray(inline.c) ? inlines(inline.c.filter(Array.isArray).flat()) : ''
  }).join('')
  const block = (node: { t: string; c?: any }): Block => {
    switch (node.t) {
      case 'Div': return { div: [node.c[0][0], node.c[0][1], node.c[0][2]], children: node.c[1].map(block) }
      case 'Para': case 'Plain': return { block: 'p', text: text(inlines(node.c)) }
      case 'CodeBlock': return { block: 'code', text: node.c[1] }
      case 'BlockQuote': return { block: 'quote', children: [node.c.map(block)] }
      case 'BulletList': return { block: 'list', children: node.c.map((item: any[]) => item.map(block)) }
      case 'Header': return { block: 'heading', text: text(inlines(node.c[2])) }
      default: return { block: node.t }
    }
  }
  return json.blocks.map(block)
}

function galleyBlocks(markdown: string): Block[] {
  const block = (node: RootContent): Block => {
    switch (node.type) {
      case 'fencedDiv': {
        const attributes = divAttributes(node.attributes)!
        return { div: [attributes.id ?? '', attributes.classes, Object.entries(attributes.values)], children: node.children.map((child) => block(child as RootContent)) }
      }
      // Pandoc keeps an image's `{…}` for itself; mdast leaves it in the text.
      case 'paragraph': {
        const images = node.children.some((child) => child.type === 'image')
        return { block: 'p', text: text(images ? toString(node as Nodes).replace(/\{[^{}]*\}/g, '') : toString(node as Nodes)) }
      }
      case 'code': return { block: 'code', text: node.value }
      case 'blockquote': return { block: 'quote', children: [node.children.map((child) => block(child as RootContent))] }
      case 'list': return { block: 'list', children: node.children.map((item) => item.children.map((child) => block(child as RootContent))) }
      case 'heading': return { block: 'heading', text: text(toString(node)) }
      default: return { block: node.type }
    }
  }
  return parseMarkdown(new VFile(markdown)).children.map(block)
}

const CASES: Record<string, string> = {
  'a Quarto subfigure div': '::: {#fig-x layout-ncol=2}\n![Before](a.png){#fig-x-a fig-alt="x"}\n\n![After](b.png){#fig-x-b}\n\nThe caption.\n:::\n',
  'panels in one paragraph': '::: {#fig-x}\n![A](a.png){#fig-x-a} ![B](b.png){#fig-x-b}\n\nCap\n:::\n',
  'a bare-word class and closing colons': '::: note :::\ntext\n:::\n',
  'attributes with spaces and a quoted value': '::: { #x .c key="v w" }\ntext\n:::::\n',
  'no space before the attributes': ':::{#x}\ntext\n:::\n',
  'a longer opening fence closed by a shorter one': ':::: {.a}\nt\n:::\n',
  'an empty div': '::: {.a}\n\n:::\n',
  'a closing fence ending a paragraph': '::: {.a}\ntext\n:::\nPara after\n',
  'divs nested with fences of one length': '::: {.a}\n::: {.b}\nt\n:::\nouter\n:::\n',
  'two divs in a row': '::: {.a}\nt\n:::\n::: {.b}\nu\n:::\n',
  'a fence that cannot interrupt a paragraph': 'Para\n::: note\nnot a div\n:::\n',
  'an unclosed div': '::: {.a}\ntext\n',
  'an inner div closing the only fence': '::: {.a}\n::: {.b}\nt\n::::\nafter\n',
  'an opening fence where a closing one was meant': '::: {.a}\nt\n::: x\n',
  'two bare words': '::: a b\nt\n:::\n',
  'an indented fence': '   ::: {.a}\ntext\n   :::\n',
  'colons in a fenced code block': '::: {#y}\n```\n:::\n```\n:::\n',
  'colons in a tilde code block': '::: {.a}\n~~~\n:::\n~~~\n:::\n',
  'colons in an indented code block': '::: {.a}\n    :::\n:::\n',
  'a div in a block quote': '> ::: {.a}\n> quoted\n> :::\n',
  'a block quote in a div': '::: {.a}\n> quoted\n:::\n',
  'a list in a div': '::: {.a}\n- item\n:::\n',
  'a fence inside a list item is the item\'s text': '::: {.a}\n- item\n\n  :::\n:::\n',
  'a div in a list item': '- item\n\n  ::: {.in-list}\n  listed\n  :::\n',
  'a heading before a div': '# H\n::: {.a}\nt\n:::\n',
}

describe('fenced divs, as Pandoc reads them', () => {
  it.each(Object.entries(CASES))('%s', (_name, markdown) => {
    expect(galleyBlocks(markdown)).toEqual(pandocBlocks(markdown))
  })
})
