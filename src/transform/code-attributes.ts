/**
 * What a code fence's info string says, as Pandoc and Quarto read it:
 *
 *     ```{.r #lst-model}     attributes: the first class is the language, the id names the block
 *     ```{=html}             a raw block, kept only in the output of that format
 *     ```{r}                 a Quarto cell, which Quarto runs before Pandoc sees it
 *
 * remark splits the info string at its first space (lang `{.r`, meta
 * `#lst-model}`); it is read whole here. Galley writes no LaTeX and runs no
 * code: a raw block for another format is left out, as Pandoc leaves it out
 * of HTML, and a cell is shown as its source, both with a warning. A raw
 * HTML block becomes raw HTML, which transform/raw-html.ts reports.
 */
import type { Code, Html, Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'
import { parseAttributes } from './attributes.ts'

/** A raw attribute, `{=html}`: the block or inline is in that format. */
export const RAW = /^\{=([\w-]+)\}$/
const CELL = /^\{([\w-]+)(?:[\s,][^}]*)?\}$/
export const HTML_FORMATS = ['html', 'html4', 'html5']

export function readCodeAttributes(tree: Root, file: VFile): void {
  visit(tree, 'code', (node, index, parent) => {
    const info = [node.lang, node.meta].filter(Boolean).join(' ').trim()
    if (!info.startsWith('{') || !parent || index === undefined) return
    const raw = RAW.exec(info)
    if (raw) {
      if (HTML_FORMATS.includes(raw[1])) {
        parent.children[index] = { type: 'html', value: node.value, position: node.position } as Html
        return
      }
      warnRawDropped(file, raw[1], 'block', node)
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    const attributes = parseAttributes(info)
    const cell = attributes ? undefined : CELL.exec(info)
    if (cell) {
      warn(file, `Galley runs no code: this {${cell[1]}} cell is set as its source, without its results (render the manuscript with Quarto to Markdown first, or fence it as \`\`\`${cell[1]} to show code)`,
        node.position?.start, 'code-cell')
      setLanguage(node, cell[1])
      return
    }
    if (!attributes) return
    const [language, ...classes] = attributes.classes
    setLanguage(node, language)
    if (attributes.id) node.data = { ...node.data, id: attributes.id }
    const unused = [...classes.map((name) => `.${name}`), ...Object.keys(attributes.values).map((key) => `${key}=`)]
    if (unused.length > 0) {
      warn(file, `No output uses ${unused.join(', ')} on this code block: it is set as plain code (Galley carries its language and an id)`, node.position?.start, 'attribute-unused')
    }
  })
}

function setLanguage(node: Code, language: string | undefined): void {
  node.lang = language ?? null
  node.meta = null
}

/** A raw block or inline for a format Galley does not write (LaTeX, Word): left out of every output. */
export function warnRawDropped(file: VFile, format: string, what: 'block' | 'inline', node: { position?: Code['position'] }): void {
  warn(file, `This raw ${format} ${what} is for ${format} output, which Galley does not write: it is left out, as Pandoc leaves it out of HTML (write it in Markdown)`,
    node.position?.start, 'raw-dropped')
}
