/**
 * YAML (front matter, template.yaml) as a `yaml` document, with a way back
 * from any offset to a line and column in the file (for diagnostics).
 */
import type { Root, Yaml } from 'mdast'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { LineCounter, parseDocument, type Document } from 'yaml'
import { error } from '../diagnostics/messages.ts'

export interface FrontMatter {
  document: Document
  /** File point of a character offset inside the YAML text. */
  pointAt(offset: number): Point
  /** Where the YAML starts in the file. */
  start: Point
  /** The YAML text itself, for reading a scalar's layout (see ./yaml-scalar.ts). */
  text: string
}

export function readFrontMatter(tree: Root, file: VFile): FrontMatter | undefined {
  const node = tree.children.find((child): child is Yaml => child.type === 'yaml')
  if (!node) {
    error(file, 'No YAML front matter: start the manuscript with a `---` block holding at least `title:`', { line: 1, column: 1 }, 'front-matter-missing')
    return undefined
  }
  // The YAML text starts on the line after the opening `---`.
  const fence = node.position?.start ?? { line: 1, column: 1 }
  return parseYaml(node.value, { line: fence.line + 1, column: 1 }, file, 'front-matter-yaml')
}

export function parseYaml(text: string, start: Point, file: VFile, ruleId: 'front-matter-yaml' | 'template-yaml'): FrontMatter {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const pointAt = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: start.line + line - 1, column: col }
  }
  for (const problem of document.errors) {
    error(file, `Not valid YAML: ${problem.message.split('\n')[0]}`, pointAt(problem.pos[0]), ruleId)
  }
  return { document, pointAt, start, text }
}
