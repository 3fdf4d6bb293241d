/**
 * Links to files beside the manuscript are supplementary material:
 *   [Table S1](supplementary/table-s1.csv)            → caption "Table S1"
 *   [Table S1](supplementary/table-s1.csv){caption="Counts per visit"}
 * Each file passes the containment rule, is copied into the output folder at
 * the path it has relative to the manuscript, and is listed once (JATS
 * `<supplementary-material>`); its links become `supplementaryLink` nodes
 * pointing at the copy. A link to a file that cannot be copied stays a plain
 * link, with a warning: it is dead in the outputs.
 */
import path from 'node:path'
import type { Link, LinkReference, Parent, PhrasingContent, Root } from 'mdast'
import { definitions } from 'mdast-util-definitions'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'
import { containedFile } from '../prepare/contained.ts'
import { parseInline } from '../parse/markdown.ts'
import type { SupplementaryFile, SupplementaryLink } from '../types.ts'
import { parseAttributes } from './attributes.ts'
import { localPath } from './figures.ts'
import { urlScheme } from './url-policy.ts'

/** A URL naming a file on disk: no scheme, not a fragment, query or network path. */
function isLocalFile(url: string): boolean {
  return url !== '' && urlScheme(url) === undefined && !/^(?:#|\?|\/\/)/.test(url)
}

/**
 * Reads the supplementary files out of the tree, replacing their links.
 * `taken` are the output names already in use (the outputs, the flat figure
 * copies, the template's assets folder), which no copy may overwrite.
 */
export function readSupplementary(tree: Root, file: VFile, taken: ReadonlyMap<string, string>): SupplementaryFile[] {
  const baseDir = file.dirname ? path.resolve(file.cwd, file.dirname) : file.cwd
  const definitionOf = definitions(tree)
  const byPath = new Map<string, SupplementaryFile>()
  visit(tree, (node, index, parent: Parent | undefined) => {
    if ((node.type !== 'link' && node.type !== 'linkReference') || !parent || index === undefined) return
    const link = node as Link | LinkReference
    const url = link.type === 'link' ? link.url : definitionOf(link.identifier)?.url
    if (url === undefined || !isLocalFile(url)) return
    const found = supplementaryFile(url, link, baseDir, file, taken, byPath)
    if (!found) return
    const caption = ownCaption(parent.children as PhrasingContent[], index, String(file.value))
    found.caption = found.caption.length > 0 ? found.caption : caption ?? structuredClone(link.children)
    const replacement: SupplementaryLink = {
      type: 'supplementaryLink', identifier: found.id, href: found.href, children: link.children, position: link.position,
    }
    parent.children[index] = replacement as never
  })
  return [...byPath.values()]
}

/** The file behind a local link, entered in `byPath` on its first link; undefined (with a warning) when it cannot be copied. */
function supplementaryFile(
  url: string, link: Link | LinkReference, baseDir: string, file: VFile,
  taken: ReadonlyMap<string, string>, byPath: Map<string, SupplementaryFile>,
): SupplementaryFile | undefined {
  const place = link.position
  const target = localPath(url, baseDir, file, place, 'Link')
  if (!target) return undefined
  const contained = containedFile(target, [baseDir])
  if (!contained.ok) {
    const why = contained.missing ? `is not there (looked for ${target})` : contained.reason
    warn(file, `Linked file "${url}" ${why}: it is not copied beside the outputs, so the link is dead there`, place, 'supplementary-file')
    return undefined
  }
  const to = path.relative(baseDir, target).split(path.sep).join('/')
  const known = byPath.get(to)
  if (known) return known
  const other = taken.get(to) ?? (to.split('/')[0] === 'assets' ? 'the template\'s assets' : undefined)
  if (other !== undefined && other !== contained.path) {
    warn(file, `Linked file "${url}" would be copied over ${other} (the outputs write "${to}"): rename or move it`, place, 'supplementary-file')
    return undefined
  }
  const entry: SupplementaryFile = {
    id: `supp${byPath.size + 1}`,
    from: contained.path,
    to,
    href: to.split('/').map(encodeURIComponent).join('/'),
    mediaType: mediaTypeOf(to),
    caption: [],
    position: place,
  }
  byPath.set(to, entry)
  return entry
}

/**
 * A `{caption="…"}` block right after the link: its caption, the block taken
 * out of the text. It is read from the source, as Markdown inside the quotes
 * (`*visit*`) has split the text nodes that hold it.
 */
function ownCaption(siblings: PhrasingContent[], index: number, source: string): PhrasingContent[] | undefined {
  const end = siblings[index].position?.end.offset
  if (end === undefined) return undefined
  const block = /^\{[^{}\n]*\}/.exec(source.slice(end))
  const caption = block ? parseAttributes(block[0])?.values.caption : undefined
  if (!block || caption === undefined) return undefined
  const blockEnd = end + block[0].length
  let at = index + 1
  while (at < siblings.length && (siblings[at].position?.start.offset ?? Infinity) < blockEnd) {
    const node = siblings[at]
    const nodeEnd = node.position?.end.offset ?? blockEnd
    if (nodeEnd > blockEnd && node.type === 'text') {
      node.value = node.value.slice(node.value.length - (nodeEnd - blockEnd))
      break
    }
    siblings.splice(at, 1)
  }
  return parseInline(caption)
}

/** Media types of the files letters come with (IANA names); anything else is bytes. */
const MEDIA_TYPES: Record<string, string> = {
  csv: 'text/csv', tsv: 'text/tab-separated-values', txt: 'text/plain', md: 'text/markdown', html: 'text/html',
  pdf: 'application/pdf', json: 'application/json', xml: 'application/xml', zip: 'application/zip', gz: 'application/gzip',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', ods: 'application/vnd.oasis.opendocument.spreadsheet',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', tif: 'image/tiff', tiff: 'image/tiff',
  svg: 'image/svg+xml', webp: 'image/webp', mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm',
  mp3: 'audio/mpeg', wav: 'audio/wav',
}

export function mediaTypeOf(name: string): string {
  return MEDIA_TYPES[path.posix.extname(name).slice(1).toLowerCase()] ?? 'application/octet-stream'
}
