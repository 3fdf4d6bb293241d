/**
 * The declarations in JATS, each where JATS4R and PMC look for it:
 * acknowledgements as `<back><ack>`; data availability, ethics and consent as
 * `<back><sec sec-type>`; appendices in `<app-group>`; conflicts of interest
 * and author contributions as `<author-notes><fn fn-type>` (JATS4R flags a
 * COI note in back); funding as article-meta's `<funding-group>`; CRediT
 * roles as `<role vocab="credit">` in each `<contrib>`.
 */
import type { Root, RootContent } from 'mdast'
import type { Element } from 'xast'
import { x } from 'xastscript'
import { CREDIT_VOCABULARY, creditTermIdentifier } from '../metadata/credit.ts'
import { declarationWord } from '../template/words.ts'
import type { Author, Declaration, DeclarationKind, Funding, FundingSource } from '../types.ts'
import { type JatsContent, type State, leaf, unlessEmpty, wrapBlocks } from './state.ts'

const PARAGRAPHS: ReadonlySet<string> = new Set(['p'])

const SEC_TYPES: Partial<Record<DeclarationKind, string>> = {
  'data-availability': 'data-availability',
  ethics: 'ethics-statement',
  consent: 'consent-statement',
}

const FN_TYPES: Partial<Record<DeclarationKind, string>> = {
  conflicts: 'coi-statement',
  contributions: 'con',
}

function ofKind(state: State, kinds: DeclarationKind[]): Declaration[] {
  return state.article.declarations.filter((declaration) => kinds.includes(declaration.kind))
}

/** A declaration's content as sections would be in the body (its own `###` headings open `<sec>`s). */
function content(state: State, declaration: Declaration): JatsContent[] {
  const root: Root = { type: 'root', children: declaration.children }
  return state.one(root)
}

function title(state: State, declaration: Declaration): Element {
  if (declaration.kind === 'appendix' && declaration.title.length > 0) return x('title', {}, state.all({ children: declaration.title }))
  return x('title', {}, declarationWord(state.article.words, declaration.kind))
}

/** What goes in `<back>` before the notes and the reference list. */
export function backDeclarations(state: State): Array<Element | undefined> {
  const ack = ofKind(state, ['acknowledgements']).map((declaration) =>
    state.patch(declarationNode(declaration), x('ack', { id: declaration.id }, title(state, declaration), content(state, declaration))))
  const secs = ofKind(state, ['data-availability', 'ethics', 'consent']).map((declaration) =>
    state.patch(declarationNode(declaration), x('sec', { id: declaration.id, 'sec-type': SEC_TYPES[declaration.kind] },
      title(state, declaration), content(state, declaration))))
  const apps = ofKind(state, ['appendix']).map((declaration) =>
    state.patch(declarationNode(declaration), x('app', { id: declaration.id }, title(state, declaration), content(state, declaration))))
  return [...ack, ...secs, apps.length > 0 ? x('app-group', {}, apps) : undefined]
}

/** The `<fn>`s author-notes holds for conflicts of interest and contributions (a note holds paragraphs only). */
export function authorNoteDeclarations(state: State): Element[] {
  return ofKind(state, ['conflicts', 'contributions']).flatMap((declaration) => {
    const blocks = state.all({ children: declaration.children }).filter((result) => result.type === 'element')
    const paragraphs = wrapBlocks(blocks, PARAGRAPHS)
    if (paragraphs.length === 0) return []
    return [state.patch(declarationNode(declaration), x('fn', { id: declaration.id, 'fn-type': FN_TYPES[declaration.kind] }, paragraphs))]
  })
}

/** Article-meta's `<funding-group>`: the front matter's awards and statements, then the funding section's paragraphs. */
export function fundingGroup(state: State): Element | undefined {
  const groups: Funding[] = state.article.meta.funding ?? []
  const awards = groups.flatMap((group) => group.awards).map((award) => unlessEmpty(x('award-group', {},
    award.sources.map(fundingSource),
    leaf('award-id', award.id),
    leaf('award-name', award.name),
    leaf('award-desc', award.description),
    award.recipients.map((recipient) => leaf('principal-award-recipient', recipient)),
    award.investigators.map((investigator) => leaf('principal-investigator', investigator)))))
  const statements = [
    ...groups.map((group) => leaf('funding-statement', group.statement)),
    ...ofKind(state, ['funding']).flatMap((declaration) => paragraphsOf(declaration).map((paragraph) =>
      state.patch(paragraph, x('funding-statement', {}, state.all(paragraph))))),
  ]
  const openAccess = groups.map((group) => group.openAccess ? x('open-access', {}, x('p', {}, group.openAccess)) : undefined)
  return unlessEmpty(x('funding-group', {}, awards, statements, openAccess))
}

function fundingSource(source: FundingSource): Element {
  const ids = [
    leaf('institution-id', source.ror, { 'institution-id-type': 'ror' }),
    leaf('institution-id', source.doi, { 'institution-id-type': 'doi', vocab: 'open-funder-registry' }),
  ].filter((id) => id !== undefined)
  if (ids.length === 0) return x('funding-source', {}, source.name)
  return x('funding-source', {}, x('institution-wrap', {}, ids, x('institution', {}, source.name)))
}

/** An author's roles: CRediT terms with the vocabulary JATS4R names, other roles as written. */
export function roles(author: Author): Element[] {
  return (author.roles ?? []).map((role) => x('role', role.credit
    ? {
      vocab: 'credit',
      'vocab-identifier': CREDIT_VOCABULARY,
      'vocab-term': role.name,
      'vocab-term-identifier': creditTermIdentifier(role.credit),
      'degree-contribution': role.degree,
    }
    : { 'degree-contribution': role.degree }, role.name))
}

function paragraphsOf(declaration: Declaration): Array<Extract<RootContent, { type: 'paragraph' }>> {
  return declaration.children.filter((node) => node.type === 'paragraph')
}

/** A stand-in node that carries the declaration's position, for `patch`. */
function declarationNode(declaration: Declaration): { type: string; position?: Declaration['position'] } {
  return { type: 'declaration', position: declaration.position }
}
