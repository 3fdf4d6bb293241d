/**
 * The declarations on the page: after the body and before the references, as
 * journals print them, in the order the manuscript gives them, each a
 * `<section class="declaration declaration-KIND" id>` headed with the
 * template's word. Front-matter funding and CRediT roles join the funding and
 * contributions sections (which are made when the manuscript has none).
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { RootContent } from 'mdast'
import { declarationWord } from '../template/words.ts'
import type { Article, Declaration, DeclarationKind } from '../types.ts'
import { authorName } from './facts.ts'
import { htmlInline as inline, typesetPart } from './blocks.ts'
import { continuedFootnotes } from './footnotes.ts'

export function declarationSections(article: Article): Element[] {
  const declarations = [...article.declarations]
  // Sections the front matter alone gives, before the appendices.
  const beforeAppendices = (kind: DeclarationKind, id: string) => {
    if (declarations.some((declaration) => declaration.kind === kind)) return
    const at = declarations.findIndex((declaration) => declaration.kind === 'appendix')
    declarations.splice(at === -1 ? declarations.length : at, 0, { kind, id, title: [], children: [] })
  }
  if (fundingParagraphs(article).length > 0) beforeAppendices('funding', 'funding-statement')
  if (rolesParagraphs(article).length > 0) beforeAppendices('contributions', 'author-contributions')
  return declarations.map((declaration, index) => section(article, declaration, declarations.slice(0, index)))
}

function section(article: Article, declaration: Declaration, before: readonly Declaration[]): Element {
  const titleId = `${declaration.id}-title`
  const title: ElementContent[] = declaration.kind === 'appendix' && declaration.title.length > 0
    ? inline(article, declaration.title)
    : [{ type: 'text', value: declarationWord(article.words, declaration.kind) }]
  const extra = declaration.kind === 'funding' ? fundingParagraphs(article)
    : declaration.kind === 'contributions' ? rolesParagraphs(article) : []
  return h('section', {
    className: ['declaration', `declaration-${declaration.kind}`],
    id: declaration.id,
    ariaLabelledBy: titleId,
  }, [h('h2', { id: titleId }, title), ...extra, ...blocks(article, declaration.children, before)])
}

function blocks(article: Article, children: RootContent[], before: readonly Declaration[]): ElementContent[] {
  if (children.length === 0) return []
  const footnotes = continuedFootnotes(article, before.flatMap((declaration) => declaration.children))
  return typesetPart(article, { type: 'root', children }, footnotes).children as ElementContent[]
}

/** The front matter's funding statements, then each award: "Funder (award-id)". */
function fundingParagraphs(article: Article): Element[] {
  const groups = article.meta.funding ?? []
  const statements = groups.flatMap((group) => (group.statement ? [h('p', group.statement)] : []))
  const awards = groups.flatMap((group) => group.awards).flatMap((award) => {
    const funders = award.sources.map((source) => source.name).join('; ')
    const words = [funders || award.name, award.id ? `(${award.id})` : undefined].filter(Boolean).join(' ')
    return words ? [h('p', { className: ['award'] }, words)] : []
  })
  return [...statements, ...awards]
}

/** "A. López: Conceptualization, Investigation." — one line per author with roles (the degree is the JATS's to carry). */
function rolesParagraphs(article: Article): Element[] {
  return article.meta.authors.flatMap((author) => {
    if (!author.roles?.length) return []
    const roles = author.roles.map((role) => role.name)
    return [h('p', { className: ['roles'] }, [h('span', { className: ['author'] }, authorName(author)), `: ${roles.join(', ')}.`])]
  })
}
