/** Link, image and inline code attributes, as Pandoc reads them: which `{…}` belongs to a link or image, against `pandoc -t json`. */
import { execFileSync } from 'node:child_process'
import type { PhrasingContent } from 'mdast'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { resolveImageReferences } from '../../src/transform/image-references.ts'
import { readInlineAttributes } from '../../src/transform/inline-attributes.ts'

const CASES: Record<string, string> = {
  'an id, a class and a key on a link': '[a](http://u.org){#reg .external target="_blank"}\n',
  'an inline image with a width': 'x ![i](p.png){width=50%} y\n',
  'an image with an id, a size and a class': 'x ![i](p.png){#logo width=3em height=12 .big} y\n',
  'an autolink': '<http://u.org>{#auto}\n',
  'a space before the block: text': '[a](http://u.org) {.x}\n',
  'an escaped brace: text': '[a](http://u.org)\\{.x}\n',
  'a reference link: text': '[a][r]{.x}\n\n[r]: http://u.org\n',
  'a reference image: text': 'x ![i][r]{width=50%}\n\n[r]: p.png\n',
  'only the first of two blocks': '[a](http://u.org){.x}{.y}\n',
  'no attribute block: text': '[a](http://u.org){bad attr}\n',
  'after emphasis: text': '*[a](http://u.org)*{.x}\n',
  'text right after the block': '[a](http://u.org){#i}text\n',
  'a block over a line break': '[a](http://u.org){\n#i}\n',
  'code with attributes': 'run `x <- 1`{#c .r key=v} here\n',
  'code, a space, then a block: text': 'run `x` {.r}\n',
}

type PandocInline = { t: string; c?: any }

/** Each link or image as ⟨kind#id⟩, the rest as its text; the attributes no output carries, by name. */
function pandocReading(markdown: string): { text: string; unused: string[] } {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' }))
  const unused: string[] = []
  const inlines = (list: PandocInline[]): string => list.map((inline) => {
    switch (inline.t) {
      case 'Str': return inline.c
      case 'Space': case 'SoftBreak': return ' '
      case 'Code': {
        const [[id, classes, values]] = inline.c as [[string, string[], Array<[string, string]>]]
        unused.push(...(id ? [`#${id}`] : []), ...classes.map((name) => `.${name}`), ...values.map(([key]) => `${key}=`))
        return inline.c[1]
      }
      case 'Emph': return inlines(inline.c)
      case 'Link': case 'Image': {
        const [[id, classes, values]] = inline.c as [[string, string[], Array<[string, string]>]]
        const kept = inline.t === 'Image' ? ['width', 'height'] : []
        unused.push(...classes.map((name) => `.${name}`), ...values.filter(([key]) => !kept.includes(key)).map(([key]) => `${key}=`))
        return `⟨${inline.t.toLowerCase()}#${id}⟩`
      }
      default: return ''
    }
  }).join('')
  return { text: inlines(json.blocks[0].c).trim(), unused }
}

function galleyReading(markdown: string): { text: string; unused: string[] } {
  const file = new VFile(markdown)
  // The order of prepare: reference images are resolved first, as figures need.
  const tree = parseMarkdown(file)
  resolveImageReferences(tree)
  readInlineAttributes(tree, file)
  const inlines = (list: readonly PhrasingContent[]): string => list.map((node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'linkReference') return `⟨${node.type === 'linkReference' ? 'link' : node.type}#${(node.type === 'linkReference' ? '' : node.data?.id ?? '')}⟩`
    if (node.type === 'text' || node.type === 'inlineCode') return node.value
    return 'children' in node ? inlines(node.children as PhrasingContent[]) : ''
  }).join('')
  const first = tree.children[0]
  const unused = file.messages.filter((message) => message.ruleId === 'attribute-unused')
    .flatMap((message) => /uses (.*) on this/.exec(message.reason)![1].split(', '))
  return { text: first.type === 'paragraph' ? inlines(first.children).replace(/\s+/g, ' ').trim() : '', unused }
}

describe('link, image and inline code attributes read as Pandoc reads them', () => {
  it.each(Object.entries(CASES))('%s', (_name, markdown) => {
    expect(galleyReading(markdown)).toEqual(pandocReading(markdown))
  })
})
