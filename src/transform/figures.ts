/**
 * Figures and captioned tables become nodes of their own, numbered in order
 * of appearance:
 *   ![Caption](figures/x.png){#fig-x fig-alt="…"}   → figure
 *   ::: {#fig-x layout-ncol=2} images, caption :::  → figureGroup (panels 1A, 1B)
 *   | table |  +  `: Caption {#tbl-x}` (after or before) → tableFigure
 * Other fenced divs are left to transform/divs.ts.
 */
import path from 'node:path'
import type { Image, Paragraph, PhrasingContent, Root, RootContent, Table, Text } from 'mdast'
import type { FencedDiv } from '../parse/fenced-divs.ts'
import { parseInline } from '../parse/markdown.ts'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { parse as parseYaml } from 'yaml'
import { error, warn } from '../diagnostics/messages.ts'
import { containedFile } from '../prepare/contained.ts'
import { imageProblem } from '../prepare/image-type.ts'
import type { Figure, FigureGroup, TableFigure } from '../types.ts'
import { type Attributes, parseAttributes } from './attributes.ts'
import { divAttributes, unwrapDivs, warnUnusedAttributes } from './divs.ts'

export interface NumberedTargets {
  /** identifier → number, per kind. */
  fig: Map<string, number>
  tbl: Map<string, number>
  eq: Map<string, number>
  /** A figure panel's id → its group's number and its letter. */
  panels: Map<string, { number: number; panel: string }>
  /** Output file name → image path: figures are copied flat beside the outputs. */
  files: Map<string, string>
}

interface Context {
  baseDir: string
  targets: NumberedTargets
  file: VFile
}

export function transformFigures(tree: Root, file: VFile): NumberedTargets {
  const targets: NumberedTargets = { fig: new Map(), tbl: new Map(), eq: new Map(), panels: new Map(), files: new Map() }
  const baseDir = file.dirname ? path.resolve(file.cwd, file.dirname) : file.cwd
  const context: Context = { baseDir, targets, file }
  tree.children = blocks(tree.children, context)
  unwrapDivs(tree, file)
  // Inline images are copied beside the outputs under the same rule as figures.
  visit(tree, 'image', (image) => {
    if (!LOCAL.test(image.url)) return
    const imagePath = localPath(image.url, baseDir, file, image.position)
    if (!imagePath || !checkContained(imagePath, image.url, baseDir, file, image.position, false)) return
    const name = claimFileName(imagePath, image.position, context)
    image.data = { ...image.data, copy: { from: imagePath, to: name } }
    image.url = encodeURIComponent(name)
  })
  return targets
}

/** A run of top-level blocks with its figures and tables made; a div that is no figure is opened and its blocks read in turn. */
function blocks(nodes: RootContent[], context: Context): RootContent[] {
  const { targets, file } = context
  const children: RootContent[] = []
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]
    const figure = node.type === 'paragraph' ? toFigure(node, context)
      : node.type === 'fencedDiv' ? figureDiv(node, context) : undefined
    if (figure) {
      children.push(...figure)
      continue
    }
    if (node.type === 'fencedDiv') {
      // Left in place for transform/divs.ts, its content read here for figures and tables.
      node.children = blocks(node.children as RootContent[], context) as never
      children.push(node)
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
  return children
}

/** A URL without a scheme names a file on disk (`figures/a.png`, `/etc/x`). */
const LOCAL = /^(?![a-z][a-z0-9+.-]*:)/i

/** The file a local URL names, or undefined (and an error) when its escapes do not decode. */
export function localPath(url: string, baseDir: string, file: VFile, place: Image['position'], what = 'Image URL'): string | undefined {
  try {
    return path.resolve(baseDir, decodeURI(url.replace(/[?#].*$/, '')))
  } catch {
    error(file, `${what} "${url}" has a bad percent-escape: write % as %25, or use the file name as it is`, place, 'url-malformed')
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
  else warn(file, `Image "${url}" not found (looked for ${imagePath}): it shows as a broken image`, place, 'image-missing')
  return false
}

function toFigure(paragraph: Paragraph, context: Context): Figure[] | undefined {
  const [image, attributeText, ...rest] = paragraph.children
  if (image?.type !== 'image' || rest.length > 0) return undefined
  if (attributeText && attributeText.type !== 'text') return undefined
  const attributes = attributeText ? parseAttributes(attributeText.value) : undefined
  if (attributeText && !attributes) return undefined
  const identifier = attributes?.id
  if (!identifier || !identifier.startsWith('fig-')) {
    // A bare image is an inline picture, not a numbered figure.
    if (identifier) warn(context.file, `Figure id "${identifier}" should start with "fig-" to be numbered and cross-referenced`, image.position, 'figure-id')
    return undefined
  }
  const number = claim(context.targets, identifier, image.position, context.file)
  return [figureOf(image, attributes, context, { identifier, number, caption: captionOf(image, context.file), position: paragraph.position })]
}

interface Numbering {
  identifier: string
  number: number
  panel?: string
  caption: PhrasingContent[]
  position: Paragraph['position']
}

/** The figure node for one image: its file checked and named for the copy beside the outputs, its alt text read. */
function figureOf(image: Image, { values, classes }: Attributes, context: Context, numbering: Numbering): Figure {
  const { baseDir, file } = context
  const place = image.position
  const unused = [...classes.map((name) => `.${name}`), ...Object.keys(values).filter((key) => !FIGURE_IMAGE_KEYS.includes(key) && values[key] !== undefined).map((key) => `${key}=`)]
  if (unused.length > 0) {
    warn(file, `No output uses ${unused.join(', ')} on this figure: the template sets a figure's size and place (Galley reads an id and fig-alt=)`, place?.start, 'attribute-unused')
  }
  const imagePath = localPath(image.url, baseDir, file, place) ?? path.resolve(baseDir, image.url)
  checkContained(imagePath, image.url, baseDir, file, place, true)
  const name = claimFileName(imagePath, place, context)
  const alt = values['fig-alt'] ?? values.alt
  if (!alt) {
    warn(file, `Figure "${numbering.identifier}" has no alt text: add fig-alt="…" describing the image for readers who cannot see it`, place, 'figure-alt-missing')
  }
  return {
    type: 'figure',
    identifier: numbering.identifier,
    number: numbering.number,
    ...(numbering.panel ? { panel: numbering.panel } : {}),
    url: image.url,
    path: imagePath,
    file: name,
    href: encodeURIComponent(name),
    alt: alt ?? image.alt ?? '',
    children: [{ type: 'caption', children: numbering.caption }],
    position: numbering.position,
  }
}

/** Attributes of a figure's image that Galley reads. */
const FIGURE_IMAGE_KEYS = ['fig-alt', 'alt']

/** Attributes Quarto gives a figure div that Galley reads. */
const FIGURE_DIV_KEYS = ['layout-ncol', 'layout-nrow', 'fig-cap', 'fig-alt', 'fig-subcap']

/**
 * A `::: {#fig-x}` div: images (each in a paragraph of its own, or several
 * in one) and, last, the caption paragraph, as Quarto writes subfigures. One
 * image makes a plain figure; several, a group whose panels are lettered.
 */
function figureDiv(div: FencedDiv, context: Context): RootContent[] | undefined {
  const attributes = divAttributes(div.attributes)
  const identifier = attributes?.id
  if (!attributes || !identifier?.startsWith('fig-')) return undefined
  warnUnusedAttributes(div, attributes, FIGURE_DIV_KEYS, context.file)
  const content = div.children as RootContent[]
  const images: Array<{ image: Image; attributes: Attributes }> = []
  const others: RootContent[] = []
  let caption: PhrasingContent[] | undefined
  content.forEach((node, index) => {
    const found = node.type === 'paragraph' ? imagesOf(node) : undefined
    if (found) images.push(...found)
    else if (index === content.length - 1 && node.type === 'paragraph') caption = structuredClone(node.children)
    else others.push(node)
  })
  if (attributes.values['fig-cap'] !== undefined) caption = parseInline(attributes.values['fig-cap'])
  if (images.length === 0) return undefined
  if (others.length > 0) {
    warn(context.file, `A figure div holds its images and, last, its caption; the other content of "${identifier}" is set after the figure`, others[0].position?.start, 'figure-panel')
  }
  const number = claim(context.targets, identifier, div.position, context.file)
  if (images.length === 1) {
    const [{ image, attributes: own }] = images
    const values = { 'fig-alt': attributes.values['fig-alt'], ...own.values }
    const figure = figureOf(image, { ...own, values }, context,
      { identifier, number, caption: caption ?? captionOf(image, context.file), position: div.position })
    return [figure, ...others]
  }
  const subcaptions = subcaptionsOf(attributes.values['fig-subcap'])
  const panels = images.map(({ image, attributes: own }, index) => {
    const panel = panelLetter(index)
    // Quarto's `fig-subcap` captions the panels that have no description of their own.
    const subcaption = image.alt ? undefined : subcaptions[index]
    // A panel without an id is lettered all the same; its id is made from the group's.
    const panelId = own.id ?? `${identifier}-${panel.toLowerCase()}`
    if (!own.id || claimable(context.targets, panelId, image.position, context.file)) context.targets.panels.set(panelId, { number, panel })
    const caption = subcaption === undefined ? captionOf(image, context.file) : parseInline(subcaption)
    return figureOf(image, own, context, { identifier: panelId, number, panel, caption, position: image.position })
  })
  const group: FigureGroup = {
    type: 'figureGroup',
    identifier,
    number,
    columns: columnsOf(attributes, panels.length),
    children: [{ type: 'caption', children: caption ?? [] }, ...panels],
    position: div.position,
  }
  return [group, ...others]
}
/**
 * The images of a paragraph that holds only images, each with its optional
 * `{…}` attributes, separated by spaces or line breaks; undefined otherwise.
 */
function imagesOf(paragraph: Paragraph): Array<{ image: Image; attributes: Attributes }> | undefined {
  const found: Array<{ image: Image; attributes: Attributes }> = []
  let open = false
  for (const child of paragraph.children) {
    if (child.type === 'image') {
      found.push({ image: child, attributes: { classes: [], values: {} } })
      open = true
      continue
    }
    if (child.type !== 'text') return undefined
    let rest = child.value.trim()
    const block = open ? /^\{[^{}]*\}/.exec(rest) : null
    if (block) {
      const attributes = parseAttributes(block[0])
      if (!attributes) return undefined
      found.at(-1)!.attributes = attributes
      rest = rest.slice(block[0].length).trim()
    }
    open = false
    if (rest) return undefined
  }
  return found.length > 0 ? found : undefined
}

/** `fig-subcap='["Before", "After"]'`: a YAML (or JSON) list of captions, or one caption. */
function subcaptionsOf(value: string | undefined): string[] {
  if (value === undefined) return []
  try {
    const parsed: unknown = parseYaml(value)
    if (Array.isArray(parsed)) return parsed.map((item) => String(item ?? ''))
  } catch {
    // Not a list: the value is the one caption.
  }
  return [value]
}

/** A, B, … Z; a 27th panel (no letter has one) is numbered on. */
function panelLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : String(index + 1)
}

/** Panels side by side: Quarto's `layout-ncol`, or enough for `layout-nrow` rows; else up to three in a row. */
function columnsOf(attributes: Attributes, panels: number): number {
  const count = (key: string) => {
    const value = Number.parseInt(attributes.values[key] ?? '', 10)
    return Number.isFinite(value) && value > 0 ? value : undefined
  }
  const columns = count('layout-ncol')
  const rows = count('layout-nrow')
  if (columns) return Math.min(columns, panels)
  if (rows) return Math.ceil(panels / rows)
  return Math.min(panels, 3)
}

/** The name of an image's copy beside the outputs; two different files under one name are an error. */
function claimFileName(imagePath: string, place: Image['position'], { targets, file }: Context): string {
  const name = outputName(imagePath)
  const other = targets.files.get(name)
  if (other && other !== imagePath) {
    error(file, `Two different figure files are both named "${name}" (${other} and ${imagePath}); outputs keep figures and images side by side, so rename one`, place, 'figure-name-clash')
  }
  targets.files.set(name, imagePath)
  return name
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
  claim(targets, identifier, caption.position, file, 'tbl')
  return {
    type: 'tableFigure',
    identifier,
    number: targets.tbl.get(identifier)!,
    children: [{ type: 'caption', children: phrasing }, table],
    position: table.position,
  }
}

/** Numbers a figure or table; an id already given to one (or to a panel) is an error. */
function claim(targets: NumberedTargets, identifier: string, place: Paragraph['position'], file: VFile, kind: 'fig' | 'tbl' = 'fig'): number {
  const numbers = targets[kind]
  if (claimable(targets, identifier, place, file)) numbers.set(identifier, numbers.size + 1)
  return numbers.get(identifier) ?? numbers.size
}

function claimable(targets: NumberedTargets, identifier: string, place: Paragraph['position'], file: VFile): boolean {
  if (!targets.fig.has(identifier) && !targets.tbl.has(identifier) && !targets.panels.has(identifier)) return true
  error(file, `Duplicate id "${identifier}": each figure and table needs its own id`, place, 'figure-duplicate-id')
  return false
}
