/**
 * What a print page shares with the page printed before it, so that the print page can be
 * patched into the next page instead of loaded anew (render.ts): its shell (the document around
 * the body, less the head's elements that load nothing) and what differs (those elements and the
 * body). The letters of a journal issue differ only there: their titles, metadata, JSON-LD and the
 * custom properties the margin boxes read; their style sheets and fonts are the same.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { allowed } from './print-page.ts'

export interface PageParts {
  /**
   * Fingerprint of the shell and of the files its head refers to (fonts, style sheets, images of
   * the CSS): two pages with the same shell differ only in their swapped elements and bodies.
   */
  shell: string
  /** How many elements the head has. */
  headElements: number
  /** The head's elements that load nothing, by their place among its elements, as markup. */
  headSwaps: SwappedElement[]
  /** The body's markup. */
  body: string
}

export interface SwappedElement {
  index: number
  tagName: string
  html: string
}

/**
 * Links that name another resource without loading it. A rel with any other token (a style
 * sheet, an icon, a preload) loads something.
 */
const NAMING_RELS = new Set(['alternate', 'author', 'bookmark', 'canonical', 'cite-as', 'describedby', 'help', 'license', 'next', 'prev'])

/**
 * CSS that may load something, once its strings are put aside: a URL, import or image function,
 * or an escape (`\75rl(` is a URL too).
 */
const LOADING_CSS = /url\(|@import|image-set\(|\bsrc\(|\\/i
const CSS_STRING = /"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'/g

/**
 * A head element that loads nothing and puts the page, inserted into a loaded one, in the state it
 * would be in had it been parsed there. An http-equiv meta acts once inserted (a refresh
 * navigates), so it is not one.
 */
export function swappable(element: Element): boolean {
  const { tagName, properties } = element
  switch (tagName) {
    case 'title':
      return true
    case 'meta':
      return properties.httpEquiv === undefined
    case 'script':
      return String(properties.type ?? '').trim().toLowerCase() === 'application/ld+json'
    case 'style':
      return !LOADING_CSS.test(textOf(element).replace(CSS_STRING, '""'))
    case 'link': {
      const rels = Array.isArray(properties.rel) ? properties.rel.map((rel) => String(rel).toLowerCase()) : []
      return rels.length > 0 && rels.every((rel) => NAMING_RELS.has(rel))
    }
    default:
      return false
  }
}

/**
 * The parts of the page in `folder` (where its relative URLs resolve). Undefined for a page
 * without a head and a body, or with a base URL of its own (patching sets one).
 */
export function pageParts(tree: Root, folder: string): PageParts | undefined {
  const html = tree.children.find(isElement('html'))
  const head = html?.children.find(isElement('head'))
  const body = html?.children.find(isElement('body'))
  if (!html || !head || !body) return undefined
  const elements = head.children.filter((child): child is Element => child.type === 'element')
  if (elements.some((element) => element.tagName === 'base')) return undefined
  const swapped = new Set(elements.filter(swappable))
  const headSwaps = elements.flatMap((element, index) => (swapped.has(element) ? [{ index, tagName: element.tagName, html: toHtml(element) }] : []))
  // The swapped elements leave their tag names in the shell: the same places in the next page.
  const shellHead: Element = {
    ...head,
    children: head.children.map((child): ElementContent => (child.type === 'element' && swapped.has(child) ? { type: 'comment', value: child.tagName } : child)),
  }
  const shellHtml: Element = { ...html, children: html.children.map((child) => (child === head ? shellHead : child === body ? { ...body, children: [] } : child)) }
  const shellTree: Root = { ...tree, children: tree.children.map((child): RootContent => (child === html ? shellHtml : child)) }
  return {
    shell: fingerprint(toHtml(shellTree), folder),
    headElements: elements.length,
    headSwaps,
    body: toHtml({ type: 'root', children: body.children }),
  }
}

/** The shell's hash with those of the files in `folder` that it names. */
function fingerprint(shell: string, folder: string): string {
  const hash = createHash('sha256').update(shell)
  const base = pathToFileURL(join(folder, 'page.html'))
  const references = new Set<string>()
  for (const [, , inCss, inAttribute] of shell.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|(?:href|src)\s*=\s*"([^"]+)"/gi)) {
    let url: string
    try {
      url = new URL(inCss ?? inAttribute, base).href
    } catch {
      continue
    }
    // What the page may not load does not shape it.
    if (allowed(url, folder) && url.startsWith('file:')) references.add(relative(folder, fileURLToPath(url)))
  }
  for (const reference of [...references].sort()) {
    const path = join(folder, reference)
    const bytes = statSync(path, { throwIfNoEntry: false })?.isFile() ? readFileSync(path) : undefined
    hash.update(`\0${reference}\0`).update(bytes ? createHash('sha256').update(bytes).digest('hex') : '-')
  }
  return hash.digest('hex')
}

function isElement(tagName: string) {
  return (node: RootContent | ElementContent): node is Element => node.type === 'element' && node.tagName === tagName
}

function textOf(element: Element): string {
  return element.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
}
