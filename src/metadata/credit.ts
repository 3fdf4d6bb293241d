/**
 * CRediT, the Contributor Roles Taxonomy (ANSI/NISO Z39.104-2022): its 14
 * terms as credit.niso.org names them, and the reading of a role as an author
 * writes it ("writing - review and editing", "Conceptualisation") as one of them.
 */
import { closest } from '../diagnostics/messages.ts'

export const CREDIT_VOCABULARY = 'https://credit.niso.org/'

/** Slug (the term's path on credit.niso.org) → the term's name. */
export const CREDIT_TERMS: Readonly<Record<string, string>> = {
  conceptualization: 'Conceptualization',
  'data-curation': 'Data curation',
  'formal-analysis': 'Formal analysis',
  'funding-acquisition': 'Funding acquisition',
  investigation: 'Investigation',
  methodology: 'Methodology',
  'project-administration': 'Project administration',
  resources: 'Resources',
  software: 'Software',
  supervision: 'Supervision',
  validation: 'Validation',
  visualization: 'Visualization',
  'writing-original-draft': 'Writing – original draft',
  'writing-review-editing': 'Writing – review & editing',
}

export const CREDIT_DEGREES = ['lead', 'supporting', 'equal'] as const

export function creditTermIdentifier(slug: string): string {
  return `${CREDIT_VOCABULARY}contributor-roles/${slug}/`
}

/**
 * The slug a written role stands for: case, accents, dashes, "&"/"and" and
 * British -isation spellings do not matter. Undefined when it is no CRediT term.
 */
export function creditSlug(role: string): string | undefined {
  const slug = slugOf(role)
  return Object.hasOwn(CREDIT_TERMS, slug) ? slug : undefined
}

/** The CRediT term nearest a role that is none, for a hint. */
export function nearestCreditTerm(role: string): string | undefined {
  const slug = closest(slugOf(role), Object.keys(CREDIT_TERMS))
  return slug && CREDIT_TERMS[slug]
}

function slugOf(role: string): string {
  const words = role.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/isation\b/g, 'ization')
    .split(/[^a-z]+/)
    .filter((word) => word && word !== 'and')
  return words.join('-')
}
