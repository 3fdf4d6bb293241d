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

type Rule = (article: Element) => StyleProblem[]

/** Each rule as PMC's tagging guidelines state it, and what to write instead. */
const RULES: Rule[] = [
  (article) => has(article, 'subj-group', (group) => group.attributes['subj-group-type'] === 'heading') ? []
    : [{ message: 'PMC asks for the article\'s heading in <article-categories>: add `article-heading:` (e.g. `Case report`) to the front matter' }],
  (article) => ofArticle(article).some((child) => child.name === 'fpage' || child.name === 'elocation-id') ? []
    : [{ message: 'PMC asks for the first page or an article number: add `pages:` or `elocation-id:` to the front matter' }],
  (article) => has(article, 'copyright-statement') || has(article, 'license') ? []
    : [{ message: 'PMC asks who holds the copyright or what licence the article is under (<permissions>): add `copyright:` or `license:` to the front matter, or a `copyright-holder` or licence to the template' }],
  (article) => [...named(article, 'fig'), ...named(article, 'table-wrap')]
    .filter((element) => element.attributes.id && !has(element, 'caption'))
    .map((element) => ({ message: `PMC asks for a caption on every ${element.name === 'fig' ? 'figure' : 'table'}: write one for "${element.attributes.id}"`, position: element.position })),
]

export function pmcStyleProblems(root: Root): StyleProblem[] {
  const article = root.children.find((node): node is Element => node.type === 'element' && node.name === 'article')
  const placed = article && ofArticle(article).some((child) => child.name === 'volume' || child.name === 'issue')
  if (!article || !placed || !has(article, 'pub-date')) return []
  return RULES.flatMap((rule) => rule(article))
}

/** The children of `<article-meta>`: the article's own facts, not those of the works it cites. */
function ofArticle(article: Element): Element[] {
  return named(article, 'article-meta').flatMap((meta) => meta.children.filter((child): child is Element => child.type === 'element'))
}

function named(root: Element, name: string): Element[] {
  const found: Element[] = []
  visit(root, 'element', (element: Element) => {
    if (element.name === name) found.push(element)
  })
  return found
}

function has(root: Element, name: string, test: (element: Element) => boolean = () => true): boolean {
  return named(root, name).some(test)
}
