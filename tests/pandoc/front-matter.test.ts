/**
 * Front matter the other way: the shipped letter and every fixture through
 * `pandoc --citeproc -s -t html` show the title, subtitle, authors and cited
 * works Galley reads, with no stray values (a map printed as "true", an
 * affiliation id); Pandoc's metadata holds the affiliations Galley reads.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { LETTER, ROOT } from '../helpers.ts'
import { pandocReferences, plain } from './oracle.ts'

const CORPUS = path.join(ROOT, 'tests/pandoc/corpus')
const manuscripts = [LETTER, ...fs.readdirSync(CORPUS).filter((name) => name.endsWith('.md')).sort().map((name) => path.join(CORPUS, name))]

const hastText = (node: Element | Root): string => {
  let text = ''
  visit(node, 'text', (leaf) => { text += leaf.value })
  return plain(text).trim()
}

function byClass(tree: Root, className: string): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if ((node.properties.className as string[] | undefined)?.includes(className)) found.push(node)
  })
  return found
}

describe.each(manuscripts.map((file) => [path.relative(ROOT, file), file]))('%s through pandoc -s -t html', (_, file) => {
  const cwd = path.dirname(file)
  const markdown = fs.readFileSync(file, 'utf8')
  const html = execFileSync('pandoc', ['--citeproc', '-s', '-t', 'html', '-f', 'markdown'], { input: markdown, cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
  const tree = fromHtml(html)
  const header = byClass(tree, 'title')[0]
  const { article } = prepareArticle(path.basename(file), { cwd })

  it('gives the title, subtitle and authors Galley reads, and nothing stray', () => {
    expect(article).toBeDefined()
    const meta = article!.meta
    // Citations in a title are the citation tests' business: compare the words around them.
    const words = (text: string) => plain(text).replace(/\s+/g, ' ').trim()
    const titleWords = meta.titleMarkup.filter((node) => node.type !== 'citation')
    expect(words(hastText(withoutCitations(header)))).toBe(words(toString({ type: 'paragraph', children: titleWords })))
    expect(byClass(tree, 'subtitle').map(hastText)).toEqual(meta.subtitle ? [plain(meta.subtitle.title)] : [])
    const authors = byClass(tree, 'author').map(hastText)
    expect(authors).toEqual(meta.authors.map((author) => `${author.given} ${author.family}`.trim()))
    expect(authors).not.toContain('true')
    for (const affiliation of meta.affiliations) expect(authors).not.toContain(affiliation.id)
  })

  it('holds the affiliations Galley reads in its metadata', () => {
    const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, cwd, encoding: 'utf8' }))
    const named = new Set<string>()
    const walk = (node: unknown, key?: string): void => {
      if (Array.isArray(node)) return node.forEach((item) => walk(item, key))
      if (!node || typeof node !== 'object') return
      const value = node as { t?: string; c?: unknown }
      if (value.t === 'MetaMap') {
        for (const [field, inner] of Object.entries(value.c as Record<string, unknown>)) walk(inner, field)
        return
      }
      if (value.t === 'MetaInlines' && key === 'name') named.add(inlines(value.c))
      if (value.t === 'MetaList') walk(value.c, key)
      if (value.t === 'MetaMap' || value.t === 'MetaList') return
      Object.values(value).forEach((inner) => walk(inner, key))
    }
    walk(json.meta)
    for (const affiliation of article!.meta.affiliations) expect(named).toContain(affiliation.name)
  })

  it('cites the works Galley lists, in its order', () => {
    const ids = [...html.matchAll(/<div id="ref-([^"]+)"/g)].map((match) => match[1])
    expect(new Set(ids)).toEqual(new Set(article!.references.map((reference) => reference.key)))
    expect(pandocReferences(markdown, cwd)).toEqual(article!.references.map((reference) => reference.key))
  })
})

function inlines(content: unknown): string {
  return plain((content as Array<{ t: string; c?: string }>).map((inline) => (inline.t === 'Str' ? inline.c : ' ')).join('')).trim()
}

function withoutCitations(element: Element): Element {
  const copy = structuredClone(element)
  visit(copy, 'element', (node, index, parent) => {
    if ((node.properties.className as string[] | undefined)?.includes('citation') && parent && index !== undefined) {
      parent.children.splice(index, 1)
      return index
    }
  })
  return copy
}
