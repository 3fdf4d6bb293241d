/**
 * Pandoc's and Galley's reading of the block and inline constructs Pandoc
 * has and CommonMark lacks (definition lists, line blocks, bracketed
 * spans), in one comparable shape: `pandoc -f markdown -t json` beside
 * Galley's parse and the transforms that read them.
 */
import { execFileSync } from 'node:child_process'
import type { Nodes, Root, RootContent } from 'mdast'
import { VFile } from 'vfile'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { readInlineAttributes } from '../../src/transform/inline-attributes.ts'
import { transformLineBlocks } from '../../src/transform/line-blocks.ts'
import { SPAN_CLASSES, transformSpans } from '../../src/transform/spans.ts'

/** A block: its kind and text, a definition list's items, a line block's lines, a container's blocks. */
export type Block =
  | { block: string; text?: string; children?: Block[] }
  | { definitions: Array<{ term: string; descriptions: Block[][] }> }
  | { lines: string[] }

type PandocInline = { t: string; c?: any }
type PandocBlock = { t: string; c?: any }

const squash = (value: string) => value.replace(/[ \n]+/g, ' ').trim()

/**
 * Inline text, with each span as `⟨#id.class|text⟩`, only the classes Galley
 * carries (Pandoc's SmallCaps and Underline are spans of those classes).
 */
function pandocInlines(list: PandocInline[]): string {
  return list.map((inline) => {
    switch (inline.t) {
      case 'Str': return inline.c
      case 'Space': case 'SoftBreak': case 'LineBreak': return ' '
      case 'Code': return inline.c[1]
      case 'SmallCaps': return `⟨.smallcaps|${pandocInlines(inline.c)}⟩`
      case 'Underline': return `⟨.underline|${pandocInlines(inline.c)}⟩`
      case 'Span': {
        const [[id, classes]] = inline.c
        const kept = classes.filter((name: string) => (SPAN_CLASSES as readonly string[]).includes(name)).map((name: string) => `.${name}`).join('')
        return `⟨${id ? `#${id}` : ''}${kept}|${pandocInlines(inline.c[1])}⟩`
      }
      case 'Emph': case 'Strong': case 'Strikeout': case 'Superscript': case 'Subscript': return pandocInlines(inline.c)
      case 'Quoted': return `"${pandocInlines(inline.c[1])}"`
      case 'Link': return pandocInlines(inline.c[1])
      default: return ''
    }
  }).join('')
}

function pandocBlock(node: PandocBlock): Block {
  switch (node.t) {
    case 'Para': case 'Plain': return { block: 'p', text: squash(pandocInlines(node.c)) }
    case 'DefinitionList':
      return { definitions: node.c.map(([term, descriptions]: [PandocInline[], PandocBlock[][]]) =>
        ({ term: squash(pandocInlines(term)), descriptions: descriptions.map((blocks) => blocks.map(pandocBlock)) })) }
    case 'LineBlock': return { lines: node.c.map((line: PandocInline[]) => pandocInlines(line)) }
    case 'BlockQuote': return { block: 'quote', children: node.c.map(pandocBlock) }
    case 'BulletList': return { block: 'list', children: node.c.flat().map(pandocBlock) }
    case 'CodeBlock': return { block: 'code', text: node.c[1] }
    case 'Header': return { block: 'heading', text: squash(pandocInlines(node.c[2])) }
    default: return { block: node.t }
  }
}

export function pandocReading(markdown: string): Block[] {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' }))
  return json.blocks.map(pandocBlock)
}

function galleyInlines(nodes: readonly Nodes[]): string {
  return nodes.map((node): string => {
    if (node.type === 'span') return `⟨${node.identifier ? `#${node.identifier}` : ''}${node.classes.map((name) => `.${name}`).join('')}|${galleyInlines(node.children)}⟩`
    if ('children' in node) return galleyInlines(node.children as Nodes[])
    if (node.type === 'text' || node.type === 'inlineCode') return node.value
    return ''
  }).join('')
}

function galleyBlock(node: RootContent): Block {
  switch (node.type) {
    case 'paragraph': return { block: 'p', text: squash(galleyInlines(node.children)) }
    case 'defList': {
      const definitions: Array<{ term: string; descriptions: Block[][] }> = []
      for (const child of node.children) {
        if (child.type === 'defListTerm') definitions.push({ term: squash(galleyInlines(child.children)), descriptions: [] })
        else definitions.at(-1)?.descriptions.push(child.children.map((block) => galleyBlock(block as RootContent)))
      }
      return { definitions }
    }
    case 'lineBlock': return { lines: node.children.map((line) => galleyInlines(line.children)) }
    case 'blockquote': return { block: 'quote', children: node.children.map(galleyBlock) }
    case 'list': return { block: 'list', children: node.children.flatMap((item) => item.children.map(galleyBlock)) }
    case 'code': return { block: 'code', text: node.value }
    case 'heading': return { block: 'heading', text: squash(galleyInlines(node.children)) }
    default: return { block: node.type }
  }
}

/** Galley's tree: the parse, then the transforms of Pandoc's line blocks, spans and link attributes; the file holds their findings. */
export function galleyTree(markdown: string, file = new VFile(markdown)): Root {
  const tree = parseMarkdown(file)
  transformLineBlocks(tree, file)
  transformSpans(tree, file)
  readInlineAttributes(tree, file)
  return tree
}

export function galleyReading(markdown: string, file = new VFile(markdown)): Block[] {
  return galleyTree(markdown, file).children.map(galleyBlock)
}
