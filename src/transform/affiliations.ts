/**
 * Affiliation labels, decided once for the byline of every output: a, b, c …
 * in front-matter order, shown only when they tell authors apart (more than
 * one affiliation, or an author without the only one).
 */
import type { Affiliation, ArticleMetadata } from '../types.ts'

export function labelAffiliations(meta: Pick<ArticleMetadata, 'authors' | 'affiliations'>): void {
  const only = meta.affiliations.length === 1 ? meta.affiliations[0].id : undefined
  const needed = meta.affiliations.length > 1 || (only !== undefined && meta.authors.some((author) => !author.affiliations.includes(only)))
  meta.affiliations.forEach((affiliation: Affiliation, index) => {
    if (needed) affiliation.label = letters(index)
    else delete affiliation.label
  })
}

/** 0 → a, 25 → z, 26 → aa: as many letters as it takes. */
function letters(index: number): string {
  const letter = String.fromCharCode(97 + (index % 26))
  return index < 26 ? letter : letters(Math.floor(index / 26) - 1) + letter
}
