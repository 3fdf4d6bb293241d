/**
 * One URL policy for every output, decided here once: a link may be http,
 * https, mailto, doi: or relative. Any other scheme (javascript:, vbscript:,
 * data:, file: …) is dropped with a warning where it was written, so the
 * JATS, the HTML and the PDF printed from it never carry it. A dropped link
 * keeps its text.
 */
import type { Definition, Link, LinkReference, Parent, PhrasingContent, Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn, type Place } from '../diagnostics/messages.ts'
import type { Bibliography } from '../citations/bibliography.ts'

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'doi'])

/**
 * The scheme a browser would read: it ignores leading spaces and control
 * characters and drops tabs and newlines anywhere (`java\tscript:`).
 */
export function urlScheme(url: string): string | undefined {
  const cleaned = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '')
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1].toLowerCase()
}

export function allowedUrl(url: string): boolean {
  const scheme = urlScheme(url)
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme)
}

function refusal(what: string, url: string): string {
  const shown = url.length > 60 ? `${url.slice(0, 60)}…` : url
  return `${what} "${shown}" uses the ${urlScheme(url)}: scheme, which no output carries (only http, https, mailto, doi: and relative links): it is dropped`
}

/** Links, autolinks, images and reference definitions in the manuscript. */
export function applyUrlPolicy(tree: Root, file: VFile): void {
  const refused = new Set<string>()
  visit(tree, 'definition', (node: Definition) => {
    if (allowedUrl(node.url)) return
    warn(file, refusal('Link definition', node.url), node.position, 'url-scheme')
    refused.add(node.identifier)
  })
  visit(tree, (node, index, parent: Parent | undefined) => {
    if (!parent || index === undefined) return
    const url = node.type === 'link' || node.type === 'image' ? (node as Link).url : undefined
    const byReference = (node.type === 'linkReference' || node.type === 'imageReference') && refused.has((node as LinkReference).identifier)
    if (url === undefined && !byReference) return
    if (url !== undefined) {
      if (allowedUrl(url)) return
      warn(file, refusal(node.type === 'image' ? 'Image URL' : 'Link', url), node.position, 'url-scheme')
    }
    // A link leaves its text; an image its description, as text.
    const kept: PhrasingContent[] = 'children' in node
      ? (node as Link).children
      : [{ type: 'text', value: (node as { alt?: string }).alt ?? '', position: node.position }]
    parent.children.splice(index, 1, ...(kept as never[]))
    return [SKIP, index]
  })
  tree.children = tree.children.filter((node) => node.type !== 'definition' || !refused.has(node.identifier))
}

/** A bibliography entry's `url` follows the same policy (JATS ext-link, HTML link, citeproc text). */
export function applyUrlPolicyToBibliography(bibliography: Bibliography): void {
  for (const [key, entry] of bibliography.entries) {
    const url = entry.csl.URL
    if (typeof url !== 'string' || allowedUrl(url)) continue
    warn(entry.file, refusal(`The url of "${key}"`, url), entry.place, 'url-scheme')
    delete entry.csl.URL
  }
}

/** A licence link (front matter or template) follows it too; the licence text stays. */
export function allowedLicenseUrl<T extends { url?: string }>(license: T | undefined, file: VFile, place: Place): T | undefined {
  if (!license?.url || allowedUrl(license.url)) return license
  warn(file, refusal('The licence URL', license.url), place, 'url-scheme')
  const { url: _dropped, ...rest } = license
  return rest as T
}
