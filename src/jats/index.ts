/**
 * The JATS emitter: Article → xast → XML text (JATS 1.3 Journal Publishing).
 * Validation lives in ./validate.ts so that emitting never loads libxml2.
 */
import type { Doctype, Element, ElementContent, Root as XastRoot, RootContent } from 'xast'
import { toXml } from 'xast-util-to-xml'
import { x } from 'xastscript'
import { withoutUnprintable } from '../parse/unprintable.ts'
import { archiveWords } from '../template/words.ts'
import type { Article } from '../types.ts'
import { back } from './back.ts'
import { body, bodyHandlers } from './body.ts'
import { front } from './front.ts'
import { ELEMENT_ONLY, indented } from './layout.ts'
import { createState, type Options } from './state.ts'
import { JATS_DOCTYPE } from './doctype.ts'

export type { XastRoot }
export { JATS_DOCTYPE }
export type { Handler, Handlers, Options } from './state.ts'

/**
 * The JATS of an article. `options.handlers` adds or replaces handlers by
 * node type; a node nobody handles is warned about in `options.file` (by
 * default the manuscript's file), positioned where the manuscript has it.
 */
export function toJats(article: Article, options: Options = {}): XastRoot {
  // Template words are for the journal's pages; the archive copy keeps Galley's.
  const words = archiveWords(article.meta.lang, article.template.words)
  const state = createState({ ...article, words }, bodyHandlers, options)
  return xmlDocument(JATS_DOCTYPE, x('article', {
    'xmlns:xlink': 'http://www.w3.org/1999/xlink',
    'xmlns:mml': 'http://www.w3.org/1998/Math/MathML',
    'xmlns:ali': 'http://www.niso.org/schemas/ali/1.0/',
    'article-type': article.meta.articleType || undefined,
    'dtd-version': '1.3',
    'xml:lang': article.meta.lang || undefined,
  }, front(state), body(state), back(state)))
}

/** A UTF-8 XML document: declaration, DOCTYPE, root element. */
export function xmlDocument(doctype: Doctype, element: Element): XastRoot {
  return {
    type: 'root',
    children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' }, doctype, element],
  }
}

/** The XML text: indented where whitespace is insignificant, newline-terminated, same bytes for the same tree. */
export function serializeJats(root: XastRoot): string {
  return serializeXml(root, ELEMENT_ONLY)
}

/** As `serializeJats`, for another vocabulary, indented inside the elements `elementOnly` names. */
export function serializeXml(root: XastRoot, elementOnly: ReadonlySet<string>): string {
  const xml = toXml(escapeCdataEnd(indented(root, elementOnly)), { closeEmptyElements: true, tightClose: true, allowDangerousXml: true })
  return `${xml}\n`
}

/**
 * `]]>` may not appear in XML text, yet xast-util-to-xml leaves `>` bare
 * (code such as `a[b[0]]>1` has it). Its `>` becomes `&gt;`, the one raw
 * node this emitter ever makes, hence allowDangerousXml above.
 */
function escapeCdataEnd<Parent extends XastRoot | Element>(parent: Parent): Parent {
  const children = parent.children.flatMap((child): Array<RootContent | ElementContent> => {
    if (child.type === 'element') return [escapeCdataEnd(child)]
    if (child.type !== 'text') return [child]
    // xast-util-to-xml drops control characters but keeps U+FFFE and U+FFFF, which XML forbids.
    const value = withoutUnprintable(child.value)
    if (!value.includes(']]>')) return [{ ...child, value }]
    return value.split(/(?<=\]\])>/).flatMap((part, index): ElementContent[] =>
      index === 0 ? [{ type: 'text', value: part }] : [{ type: 'raw', value: '&gt;' }, { type: 'text', value: part }])
  })
  const attributes = 'attributes' in parent
    ? Object.fromEntries(Object.entries(parent.attributes).map(([name, value]) => [name, value == null ? value : withoutUnprintable(value)]))
    : undefined
  return { ...parent, ...(attributes ? { attributes } : {}), children } as Parent
}
