/**
 * The PubMed Central Style Checker's rules that Galley's JATS could break,
 * checked on the emitted tree: what PMC would bounce a deposit for, said to
 * the author in the words of the front matter. (Declarations need no rule:
 * the transform stage always moves them out of the body.) They apply to an article
 * placed in an issue (a publication date and a volume or issue): a draft,
 * a preprint or an accepted manuscript is not yet bound for PMC.
 */
import type { Position } from 'unist'
import { visit } from 'unist-util-visit'
import type { Element, Root } from 'xast'

export interface StyleProblem {
  message: string
  /** The Markdown place `state.patch` gave the element, when it came from the body. */
  position?: Position
}

/** The article's elements by name, in document order: one walk of the tree for every rule. */
type Elements = (name: string) => Element[]
type Rule = (elements: Elements) => StyleProblem[]

/** Each rule as PMC's tagging guidelines state it, and what to write instead. */
const RULES: Rule[] = [
  (elements) => elements('subj-group').some((group) => group.attributes['subj-group-type'] === 'heading') ? []
    : [{ message: 'PMC asks for the article\'s heading in <article-categories>: add `article-heading:` (e.g. `Case report`) to the front matter' }],
  (elements) => ofArticle(elements).some((child) => child.name === 'fpage' || child.name === 'elocation-id') ? []
    : [{ message: 'PMC asks for the first page or an article number: add `pages:` or `elocation-id:` to the front matter' }],
  (elements) => elements('copyright-statement').length > 0 || elements('license').length > 0 ? []
    : [{ message: 'PMC asks who holds the copyright or what licence the article is under (<permissions>): add `copyright:` or `license:` to the front matter, or a `copyright-holder` or licence to the template' }],
  (elements) => [...elements('fig'), ...elements('table-wrap')]
    .filter((element) => element.attributes.id && !contains(element, 'caption'))
    .map((element) => ({ message: `PMC asks for a caption on every ${element.name === 'fig' ? 'figure' : 'table'}: write one for "${element.attributes.id}"`, position: element.position })),
]

export function pmcStyleProblems(root: Root): StyleProblem[] {
  const article = root.children.find((node): node is Element => node.type === 'element' && node.name === 'article')
  if (!article) return []
  const byName = new Map<string, Element[]>()
  visit(article, 'element', (element: Element) => {
    const same = byName.get(element.name)
    if (same) same.push(element)
    else byName.set(element.name, [element])
  })
  const elements: Elements = (name) => byName.get(name) ?? []
  const placed = ofArticle(elements).some((child) => child.name === 'volume' || child.name === 'issue')
  if (!placed || elements('pub-date').length === 0) return []
  return RULES.flatMap((rule) => rule(elements))
}

/** The children of `<article-meta>`: the article's own facts, not those of the works it cites. */
function ofArticle(elements: Elements): Element[] {
  return elements('article-meta').flatMap((meta) => meta.children.filter((child): child is Element => child.type === 'element'))
}

/** Whether `element` or an element inside it is named `name`. */
function contains(element: Element, name: string): boolean {
  return element.name === name || element.children.some((child) => child.type === 'element' && contains(child, name))
}
