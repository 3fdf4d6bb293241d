/**
 * Citation keys that name a work by its identifier, in Manubot's syntax:
 * `@doi:10.1001/archdermatol.2011.2052`, `@pmid:28936472`, `@pmcid:PMC5597880`.
 * Each is reduced to one canonical spelling, the key of its record in the lock file.
 */
import { formats as doiFormats } from '@citation-js/plugin-doi'

export type IdentifierKind = 'doi' | 'pmid' | 'pmcid'

export interface Identifier {
  kind: IdentifierKind
  /** As the service wants it: the DOI, the PMID digits, `PMC` and digits. */
  value: string
  /** The lock file's key: `doi:` + lower-cased DOI (DOIs ignore case), `pmid:…`, `pmcid:PMC…`. */
  id: string
}

export type ReadIdentifier = { identifier: Identifier } | { problem: string }

// citation-js's own test for a DOI, so that what Galley accepts is what its DOI plugin accepts.
const DOI = doiFormats['@doi/id'].parseType.predicate as RegExp
const PREFIX = /^(doi|pmid|pmcid):/i

/** Undefined when the key is not written as an identifier (an ordinary bibliography key). */
export function readIdentifierKey(key: string): ReadIdentifier | undefined {
  const prefix = PREFIX.exec(key)?.[1]
  if (!prefix) return undefined
  return readIdentifier(prefix.toLowerCase() as IdentifierKind, key.slice(prefix.length + 1))
}

export function readIdentifier(kind: IdentifierKind, raw: string): ReadIdentifier {
  const value = raw.trim()
  if (kind === 'doi') {
    const doi = value.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')
    if (!DOI.test(doi)) return { problem: `"${raw}" is not a DOI: a DOI is 10.<registrant>/<suffix>, e.g. 10.1001/archdermatol.2011.2052` }
    return { identifier: { kind, value: doi, id: `doi:${doi.toLowerCase()}` } }
  }
  if (kind === 'pmid') {
    if (!/^[1-9]\d{0,8}$/.test(value)) return { problem: `"${raw}" is not a PubMed ID: a PMID is a number of up to 9 digits, e.g. 28936472` }
    return { identifier: { kind, value, id: `pmid:${value}` } }
  }
  const pmcid = /^PMC([1-9]\d{0,9})$/i.exec(value)
  if (!pmcid) return { problem: `"${raw}" is not a PubMed Central ID: a PMCID is PMC and digits, e.g. PMC5597880` }
  return { identifier: { kind, value: `PMC${pmcid[1]}`, id: `pmcid:PMC${pmcid[1]}` } }
}
