/**
 * Declarations (acknowledgements, conflicts of interest, funding, data
 * availability, ethics, consent, author contributions) and appendices, as
 * authors write them: a top-level section whose heading names one, in
 * English, Spanish or Portuguese, or any section marked `{.appendix}`. The
 * kind is decided here, once; the emitters place and title each kind.
 *
 * Two steps: `gatherDeclarations` moves the sections to the end of the tree
 * as soon as the manuscript is read, so that numbering (citations, figures,
 * notes) meets them where they print, after the body; `takeDeclarations`
 * then takes them off the tree for the emitters.
 */
import type { Heading, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'
import type { ArticleMetadata, Declaration, DeclarationKind } from '../types.ts'

/** Headings compared with accents, case, punctuation and apostrophes set aside. */
const TITLES: Record<Exclude<DeclarationKind, 'appendix'>, string[]> = {
  acknowledgements: [
    'acknowledgements', 'acknowledgments', 'acknowledgement', 'acknowledgment',
    'agradecimientos', 'agradecimiento', 'agradecimentos', 'agradecimento',
  ],
  conflicts: [
    'conflicts of interest', 'conflict of interest', 'conflicts of interests', 'conflict of interest statement',
    'competing interests', 'competing interest', 'competing interests statement', 'declaration of interests',
    'declaration of interest', 'declaration of competing interests', 'declaration of competing interest',
    'conflicto de intereses', 'conflictos de intereses', 'conflicto de interes', 'conflictos de interes',
    'conflito de interesses', 'conflitos de interesse', 'conflitos de interesses', 'conflito de interesse',
  ],
  funding: [
    'funding', 'funding statement', 'funding sources', 'financial support', 'sources of funding',
    'financiacion', 'financiamiento', 'fuentes de financiacion', 'financiamento', 'fontes de financiamento',
  ],
  'data-availability': [
    'data availability', 'data availability statement', 'availability of data', 'availability of data and materials',
    'data sharing statement', 'data sharing', 'disponibilidad de datos', 'disponibilidad de los datos',
    'declaracion de disponibilidad de datos', 'disponibilidade de dados', 'disponibilidade dos dados',
  ],
  ethics: [
    'ethics', 'ethics approval', 'ethics statement', 'ethical approval', 'ethical considerations', 'ethical statement',
    'ethics approval and consent to participate', 'responsabilidades eticas', 'aprobacion etica', 'consideraciones eticas',
    'aspectos eticos', 'etica', 'aprovacao etica', 'consideracoes eticas', 'aspectos eticos e legais',
  ],
  consent: [
    'patient consent', 'informed consent', 'consent', 'consent for publication', 'patient consent for publication',
    'patient consent statement', 'consent statement', 'consentimiento informado', 'consentimiento del paciente',
    'consentimiento para publicacion', 'consentimento informado', 'consentimento do paciente', 'consentimento para publicacao',
  ],
  contributions: [
    'author contributions', 'authors contributions', 'author contribution', 'authorship contributions', 'contributors',
    'credit authorship contribution statement', 'contribucion de los autores', 'contribuciones de los autores',
    'contribucion de autores', 'contribuicao dos autores', 'contribuicoes dos autores', 'contribuicao de autores',
  ],
}

const KIND_BY_TITLE = new Map(Object.entries(TITLES).flatMap(([kind, titles]) =>
  titles.map((title) => [title, kind as DeclarationKind] as const)))

/** Ids a declaration takes when its heading gives none. */
const DEFAULT_IDS: Record<DeclarationKind, string> = {
  acknowledgements: 'ack', conflicts: 'coi-statement', funding: 'funding-statement',
  'data-availability': 'data-availability', ethics: 'ethics-statement', consent: 'consent-statement',
  contributions: 'author-contributions', appendix: 'app',
}

/** A heading's words as compared with the known titles. */
export function normaliseTitle(title: string): string {
  return title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/['’]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

/** What a heading announces, or nothing for a body section. */
export function declarationKind(heading: Heading): DeclarationKind | undefined {
  if (heading.depth > 2) return undefined
  return KIND_BY_TITLE.get(normaliseTitle(toString(heading))) ?? (heading.data?.classes?.includes('appendix') ? 'appendix' : undefined)
}

/** A section runs to the next heading of its rank or higher; link and note definitions stay with the body. */
interface Section { kind: DeclarationKind; heading: Heading; content: RootContent[] }

/** Moves every declaration section, in manuscript order, to the end of the tree. */
export function gatherDeclarations(tree: Root): void {
  const body: RootContent[] = []
  const sections: Section[] = []
  let open: Section | undefined
  for (const node of tree.children) {
    if (node.type === 'heading' && (!open || node.depth <= open.heading.depth)) {
      const kind = declarationKind(node)
      open = kind ? { kind, heading: node, content: [] } : undefined
      if (open) { sections.push(open); continue }
    }
    if (open && node.type !== 'definition' && node.type !== 'footnoteDefinition') open.content.push(node)
    else body.push(node)
  }
  for (const section of sections) section.heading.data = { ...section.heading.data, declaration: section.kind }
  tree.children = [...body, ...sections.flatMap((section) => [section.heading, ...section.content])]
}

/** Takes the gathered sections off the end of the tree, as the article's declarations. */
export function takeDeclarations(tree: Root): Declaration[] {
  const first = tree.children.findIndex((node) => node.type === 'heading' && node.data?.declaration)
  if (first === -1) return []
  const taken = tree.children.splice(first)
  const declarations: Declaration[] = []
  // A body section's id is not one a declaration may take.
  const used = new Set(tree.children.flatMap((node) => (node.type === 'heading' && node.data?.id ? [node.data.id] : [])))
  for (const node of taken) {
    const kind = node.type === 'heading' ? node.data?.declaration : undefined
    if (node.type === 'heading' && kind) {
      declarations.push({ kind, title: node.children, id: uniqueId(node.data?.id ?? DEFAULT_IDS[kind], kind, used), children: [], position: node.position })
    } else {
      declarations.at(-1)!.children.push(node)
    }
  }
  return declarations
}

function uniqueId(wanted: string, kind: DeclarationKind, used: Set<string>): string {
  // Appendices are numbered from 1 (app1, app2); a repeated kind gets -2, -3.
  let id = kind === 'appendix' && wanted === DEFAULT_IDS.appendix ? `${wanted}1` : wanted
  for (let n = 2; used.has(id); n++) id = kind === 'appendix' && wanted === DEFAULT_IDS.appendix ? `${wanted}${n}` : `${wanted}-${n}`
  used.add(id)
  return id
}

/** A consent section, or another whose heading names consent too ("Ethics approval and consent to participate"). */
function statesConsent(declaration: Declaration): boolean {
  return declaration.kind === 'consent' || /\bconsent(?:imiento|imento)?\b/.test(normaliseTitle(toString({ type: 'paragraph', children: declaration.title })))
}

/**
 * A case report is not publishable without the patient's consent to it
 * (ICMJE, and the journals that follow it): say so where the article type is written.
 */
export function checkConsent(declarations: readonly Declaration[], meta: ArticleMetadata, file: VFile, place: Point | undefined): void {
  if (meta.articleType !== 'case-report' || declarations.some(statesConsent)) return
  warn(file, 'A case report needs a statement of the patient\'s consent to publication: add a section "## Patient consent" (or "Informed consent", "Consentimiento informado") saying how it was obtained',
    place ?? { line: 1, column: 1 }, 'declaration-consent-missing')
}
