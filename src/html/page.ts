/**
 * The whole letter as one HTML document (hast), the same page for the screen
 * and, printed by Chromium with print media, for the PDF. It works with
 * JavaScript disabled: the only script is JSON-LD data.
 */
import type { Element, ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { toHtml as hastToHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { figureFiles } from '../outputs/figure-files.ts'
import { withoutUnprintable } from '../parse/unprintable.ts'
import type { Article } from '../types.ts'
import { cssString, inlineStyles, uniqueAssets, type Asset } from './css.ts'
import { journalLine, runningAuthors } from './facts.ts'
import { htmlBlocks, typesetBlocks } from './blocks.ts'
import { lines } from './lines.ts'
import { jsonLd, metaTags, pdfFile } from './head.ts'
import { abstractSections, articleHeader } from './header.ts'
import { declarationSections } from './declarations.ts'
import { referenceSection } from './references.ts'
import { supplementarySection } from './supplementary.ts'

export type { Asset } from './css.ts'

export function toHtml(article: Article): { tree: Root; assets: Asset[] } {
  const { meta, template } = article
  const abstracts = abstractSections(article)
  // The abstract under its heading, as plain text for the description tag and JSON-LD.
  const summary = abstracts[0] && toString({ type: 'root', children: abstracts[0].element.children.slice(1) }).replace(/\s+/g, ' ').trim()
  const screen = inlineStyles(template.css.screen, template.dir)
  const print = inlineStyles(template.css.print, template.dir, 'print')
  const head = h('head', lines([
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', meta.title),
    h('meta', { name: 'generator', content: 'Galley' }),
    h('link', { rel: 'alternate', type: 'application/pdf', href: pdfFile(article) }),
    ...metaTags(article, summary),
    jsonLd(article, summary),
    pageFacts(article),
    ...screen.styles,
    ...print.styles,
  ]))
  const body = h('body', lines([
    // The one main landmark; the footer beside it is the page's contentinfo.
    h('main', lines([h('article', lines([
      articleHeader(article, abstracts),
      h('section', { className: ['body'] }, bodyContent(article)),
      ...declarationSections(article),
      ...supplementarySection(article),
      ...referenceSection(article),
    ]))])),
    footer(article),
  ]))
  const tree: Root = {
    type: 'root',
    children: [{ type: 'doctype' }, { type: 'text', value: '\n' }, h('html', { lang: meta.lang }, lines([head, body])), { type: 'text', value: '\n' }],
  }
  const assets = uniqueAssets([...screen.assets, ...print.assets, ...figureFiles(article)])
  return { tree, assets }
}

/** Deterministic serialization: same tree, same bytes. */
export function serializeHtml(tree: Root): string {
  return hastToHtml(printable(tree))
}

/**
 * The tree without characters HTML cannot hold (a parse error each), which
 * hast-util-to-html writes as they are: those a YAML escape or a bibliography
 * field brings; the manuscript's own were made spaces when it was read.
 */
function printable(tree: Root): Root {
  visit(tree, (node) => {
    if (node.type === 'text') node.value = withoutUnprintable(node.value)
    if (node.type !== 'element') return
    for (const [name, value] of Object.entries(node.properties)) {
      if (typeof value === 'string') node.properties[name] = withoutUnprintable(value)
      else if (Array.isArray(value)) node.properties[name] = value.map((item) => (typeof item === 'string' ? withoutUnprintable(item) : item))
    }
  })
  return tree
}

/** The manuscript's body as hast, before the page's typography (`galley check` calls this for the handlers' warnings). */
export function htmlBody(article: Article): Root {
  return htmlBlocks(article, article.tree)
}

function bodyContent(article: Article): ElementContent[] {
  return typesetBlocks(article, article.tree).children as ElementContent[]
}

/**
 * Article facts the print CSS shows in page margin boxes (running head, page
 * numbers), handed over as custom properties: margin boxes cannot read the
 * document, but they inherit from the root element.
 */
function pageFacts(article: Article): Element {
  const firstPage = Number.parseInt(article.meta.pages?.first ?? '', 10)
  const declarations = [
    `--galley-journal-line: ${cssString(journalLine(article))};`,
    `--galley-journal-title: ${cssString(article.template.journal.title)};`,
    `--galley-running-authors: ${cssString(runningAuthors(article.meta.authors, article.words))};`,
    `--galley-heading: ${cssString(article.meta.heading ?? '')};`,
    // Quarto's `shorttitle`, for templates that run the title in the head.
    `--galley-running-title: ${cssString(article.meta.shortTitle ?? article.meta.title)};`,
    // Page numbers continue the journal's pagination (760, 761, …).
    `--galley-page-offset: ${Number.isFinite(firstPage) ? firstPage - 1 : 0};`,
  ]
  return h('style', `:root {\n  ${declarations.join('\n  ')}\n}\n`)
}

function footer(article: Article): Element {
  const { meta, template } = article
  const license = meta.license ?? template.journal.license
  return h('footer', { className: ['article-footer'] }, [
    meta.copyright ? h('p', { className: ['copyright'] }, meta.copyright.statement) : undefined,
    license
      ? h('p', { className: ['license'] }, license.url ? h('a', { rel: 'license', href: license.url }, license.text) : license.text)
      : undefined,
    h('p', { className: ['download', 'no-print'] }, h('a', { href: pdfFile(article), type: 'application/pdf' }, 'PDF')),
  ].filter((node) => node !== undefined))
}

