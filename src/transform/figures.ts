/**
 * Figures and captioned tables become nodes of their own, numbered in order
 * of appearance:
 *   ![Caption](figures/x.png){#fig-x fig-alt="…"}   → figure
 *   | table |  +  `: Caption {#tbl-x}` (after or before) → tableFigure
 */
import path from 'node:path'
import type { Image, Paragraph, PhrasingContent, Root, RootContent, Table, Text } from 'mdast'
import { parseInline } from '../parse/markdown.ts'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { error, warn } from '../diagnostics/messages.ts'
import { containedFile } from '../prepare/contained.ts'
import { imageProblem } from '../prepare/image-type.ts'
import type { Figure, TableFigure } from '../types.ts'
import { parseAttributes } from './attributes.ts'

export interface NumberedTargets {
  /** identifier → number, per kind. */
  fig: Map<string, number>
  tbl: Map<string, number>
  eq: Map<string, number>
  /** Output file name → image path: figures are copied flat beside the outputs. */
  files: Map<string, string>
}

export function transformFigures(tree: Root, file: VFile): NumberedTargets {
  const targets: NumberedTargets = { fig: new Map(), tbl: new Map(), eq: new Map(), files: new Map() }
  const baseDir = file.dirname ? path.resolve(file.cwd, file.dirname) : file.cwd
  const children: RootContent[] = []
  const nodes = tree.children
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]
    const figure = node.type === 'paragraph' ? toFigure(node, baseDir, targets, file) : undefined
    if (figure) {
      children.push(figure)
      continue
    }
    if (node.type === 'table') {
      const before = children.at(-1)
      const after = nodes[index + 1]
      if (after?.type === 'paragraph' && isCaption(after)) {
        children.push(toTableFigure(node, after, targets, file))
        index++
        continue
      }
      if (before?.type === 'paragraph' && isCaption(before)) {
        children.pop()
        children.push(toTableFigure(node, before, targets, file))
        continue
      }
    }
    children.push(node)
  }
  tree.children = children
  visit(tree, 'image', (image) => {
    if (!LOCAL.test(image.url)) return
    const imagePath = localPath(image.url, baseDir, file, image.position)
    if (imagePath) checkContained(imagePath, image.url, baseDir, file, image.position, false)
  })
  return targets
}

/** A URL without a scheme names a file on disk (`figures/a.png`, `/etc/x`). */
const LOCAL = /^(?![a-z][a-z0-9+.-]*:)/i

/** The file a local image URL names, or undefined (and an error) when its escapes do not decode. */
function localPath(url: string, baseDir: string, file: VFile, place: Image['position']): string | undefined {
  try {
    return path.resolve(baseDir, decodeURI(url.replace(/[?#].*$/, '')))
  } catch {
    error(file, `Image URL "${url}" has a bad percent-escape: write % as %25, or use the file name as it is`, place, 'url-malformed')
    return undefined
  }
}

/** The containment rule for an image; a missing file is an error only for a figure (it is copied). */
function checkContained(imagePath: string, url: string, baseDir: string, file: VFile, place: Image['position'], required: boolean): boolean {
  const contained = containedFile(imagePath, [baseDir])
  if (contained.ok) {
    const problem = imageProblem(contained.path)
    if (problem) error(file, `Image "${url}" ${problem}`, place, 'image-format')
    return !problem
  }
  if (!contained.missing) error(file, `Image "${url}" ${contained.reason}`, place, contained.rule)
  else if (required) error(file, `Figure file "${url}" not found (looked for ${imagePath})`, place, 'figure-missing-file')
  return false
}

function toFigure(paragraph: Paragraph, baseDir: string, targets: NumberedTargets, file: VFile): Figure | undefined {
  const [image, attributeText, ...rest] = paragraph.children
  if (image?.type !== 'image' || rest.length > 0) return undefined
  if (attributeText && attributeText.type !== 'text') return undefined
  const attributes = attributeText ? parseAttributes(attributeText.value) : undefined
  if (attributeText && !attributes) return undefined
  const identifier = attributes?.id
  const place = image.position
  if (!identifier || !identifier.startsWith('fig-')) {
    // A bare image is an inline picture, not a numbered figure.
    if (identifier) warn(file, `Figure id "${identifier}" should start with "fig-" to be numbered and cross-referenced`, place, 'figure-id')
    return undefined
  }
  claim(targets.fig, identifier, place, file)
  const imagePath = localPath(image.url, baseDir, file, place) ?? path.resolve(baseDir, image.url)
  checkContained(imagePath, image.url, baseDir, file, place, true)
  const name = outputName(imagePath)
  const other = targets.files.get(name)
  if (other && other !== imagePath) {
    error(file, `Two different figure files are both named "${name}" (${other} and ${imagePath}); outputs keep figures side by side, so rename one`, place, 'figure-name-clash')
  }
  targets.files.set(name, imagePath)
  const alt = attributes.values['fig-alt'] ?? attributes.values.alt
  if (!alt) {
    warn(file, `Figure "${identifier}" has no alt text: add fig-alt="…" describing the image for readers who cannot see it`, place, 'figure-alt-missing')
  }
  return {
    type: 'figure',
    identifier,
    number: targets.fig.get(identifier)!,
    url: image.url,
    path: imagePath,
    file: name,
    href: encodeURIComponent(name),
    alt: alt ?? image.alt ?? '',
    children: [{ type: 'caption', children: captionOf(image, file) }],
    position: paragraph.position,
  }
}

/** Figures are copied flat beside the outputs, as JATS packages expect: the copy keeps the file's own name. */
function outputName(imagePath: string): string {
  return path.basename(imagePath.replace(/\\/g, '/'))
}

/**
 * The caption is the image's description. mdast keeps it only as plain text
 * (emphasis and citations flattened), so read its source again as Markdown,
 * placed just after the `![`.
 */
function captionOf(image: Image, file: VFile): PhrasingContent[] {
  const start = image.position?.start
  const end = image.position?.end
  if (start?.offset === undefined || end?.offset === undefined) return parseInline(image.alt ?? '')
  const source = String(file.value).slice(start.offset, end.offset)
  const closing = source.lastIndexOf('](')
  const description = closing > 2 ? source.slice(2, closing) : image.alt ?? ''
  return parseInline(description, { line: start.line, column: start.column + 2 })
}

const CAPTION = /^(?:Table)?:\s+/

function isCaption(paragraph: Paragraph): boolean {
  const first = paragraph.children[0]
  return first?.type === 'text' && CAPTION.test(first.value)
}

function toTableFigure(table: Table, caption: Paragraph, targets: NumberedTargets, file: VFile): TableFigure {
  const phrasing = structuredClone(caption.children)
  const first = phrasing[0] as Text
  first.value = first.value.replace(CAPTION, '')
  let identifier = ''
  const last = phrasing.at(-1)
  if (last?.type === 'text') {
    const match = /\s*(\{[^{}]*\})\s*$/.exec(last.value)
    const attributes = match ? parseAttributes(match[1]) : undefined
    if (match && attributes?.id) {
      identifier = attributes.id
      last.value = last.value.slice(0, match.index)
    }
  }
  if (!identifier) {
    warn(file, 'Table caption has no id: end it with {#tbl-name} to number and cross-reference the table', caption.position, 'table-id')
    identifier = `tbl-${targets.tbl.size + 1}`
  }
  claim(targets.tbl, identifier, caption.position, file)
  return {
    type: 'tableFigure',
    identifier,
    number: targets.tbl.get(identifier)!,
    children: [{ type: 'caption', children: phrasing }, table],
    position: table.position,
  }
}

function claim(numbers: Map<string, number>, identifier: string, place: Paragraph['position'], file: VFile): void {
  if (numbers.has(identifier)) {
    error(file, `Duplicate id "${identifier}": each figure and table needs its own id`, place, 'figure-duplicate-id')
    return
  }
  numbers.set(identifier, numbers.size + 1)
}
