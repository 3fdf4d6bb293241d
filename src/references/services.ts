/**
 * The services an identifier is resolved by, and how their answers become a
 * CSL record:
 * - DOIs by DOI content negotiation (`Accept: application/vnd.citationstyles.csl+json`
 *   at doi.org, answered by Crossref, DataCite or mEDRA), read by citation-js's DOI plugin;
 * - PMIDs and PMCIDs by NCBI's Literature Citation Exporter (`format=csl`),
 *   the service citation-js's PubMed plugin calls.
 * The service roots are settings (`GALLEY_DOI_URL`, `GALLEY_PUBMED_URL`), so
 * tests point them at a loopback server.
 */
import { plugins } from '@citation-js/core'
import { parsers as doiParsers } from '@citation-js/plugin-doi'
import type { CslItem } from '../types.ts'
import type { Identifier, IdentifierKind } from './identifier.ts'

export const DEFAULT_DOI_URL = 'https://doi.org'
export const DEFAULT_PUBMED_URL = 'https://api.ncbi.nlm.nih.gov/lit/ctxp/v1'

export interface ServiceRoots {
  doi: string
  pubmed: string
}

export function serviceRoots(env: NodeJS.ProcessEnv = process.env): ServiceRoots {
  const root = (value: string | undefined, fallback: string) => (value || fallback).replace(/\/+$/, '')
  return { doi: root(env.GALLEY_DOI_URL, DEFAULT_DOI_URL), pubmed: root(env.GALLEY_PUBMED_URL, DEFAULT_PUBMED_URL) }
}

export interface Service {
  name: string
  /** Requests at once, and at most `perSecond` started in any second: the services' published limits. */
  concurrency: number
  perSecond: number
  request(identifier: Identifier, roots: ServiceRoots): { url: string; headers: Record<string, string> }
}

const CSL_JSON = 'application/vnd.citationstyles.csl+json'
const USER_AGENT = 'Galley (galley refs; citation-js)'

const doi: Service = {
  name: 'DOI content negotiation',
  concurrency: 3,
  perSecond: 5,
  request: (identifier, roots) => ({
    url: `${roots.doi}/${identifier.value.split('/').map(encodeURIComponent).join('/')}`,
    headers: { accept: CSL_JSON, 'user-agent': USER_AGENT },
  }),
}

// NCBI allows no concurrent requests to the exporter and three a second.
const pubmed: Service = {
  name: 'NCBI Literature Citation Exporter',
  concurrency: 1,
  perSecond: 3,
  request: (identifier, roots) => ({
    url: identifier.kind === 'pmid'
      ? `${roots.pubmed}/pubmed/?format=csl&id=${identifier.value}`
      : `${roots.pubmed}/pmc/?format=csl&id=${identifier.value.slice(3)}`,
    headers: { accept: 'application/json', 'user-agent': USER_AGENT },
  }),
}

export const SERVICES: Record<IdentifierKind, Service> = { doi, pmid: pubmed, pmcid: pubmed }

export type Reading = { csl: CslItem } | { problem: string }

/** An answer's body → the record kept in the lock, or why it is not one. */
export function readAnswer(identifier: Identifier, contentType: string, body: string): Reading {
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (type !== CSL_JSON && type !== 'application/json' && type !== 'application/citeproc+json') {
    return { problem: `the service answered ${type || 'without a content type'}, not CSL-JSON` }
  }
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    return { problem: 'the service answered with JSON that does not parse' }
  }
  if (Array.isArray(data) && data.length === 1) data = data[0]
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { problem: 'the answer is not a CSL-JSON record' }
  const raw = identifier.kind === 'doi' ? doiParsers.json.parse(data as Record<string, unknown>) : (data as Record<string, unknown>)
  const [clean] = plugins.input.util.clean([raw])
  if (typeof clean.type !== 'string' || typeof clean.title !== 'string') return { problem: 'the answer is not a CSL-JSON record (no type or title)' }
  return { csl: normalize(clean as unknown as CslItem, identifier) }
}

const NAME_ROLES = ['author', 'editor', 'translator', 'container-author', 'collection-editor', 'editorial-director', 'reviewed-author', 'composer', 'director', 'interviewer', 'recipient'] as const
const NAME_PARTS = ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle', 'comma-suffix', 'static-ordering', 'parse-names']

/** CSL's name parts only: Crossref adds `sequence` and `affiliation`, citation-js keeps ORCIDs as `_orcid`. */
function nameParts(name: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(name).filter(([part]) => NAME_PARTS.includes(part)))
}

/**
 * What the lock keeps of a record: CSL variables only (citation-js drops the
 * services' own fields), without the day it was read (`accessed`: the lock
 * says when) and without a URL that is only the DOI's link (the DOI is there), and names
 * with CSL's name parts only.
 */
function normalize(csl: CslItem, identifier: Identifier): CslItem {
  const record: CslItem = { ...csl, id: identifier.id }
  delete record.accessed
  for (const role of NAME_ROLES) {
    if (Array.isArray(record[role])) record[role] = (record[role] as Array<Record<string, unknown>>).map(nameParts)
  }
  const link = typeof record.URL === 'string' ? record.URL.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '') : undefined
  if (record.DOI && link && link.toLowerCase() === String(record.DOI).toLowerCase()) delete record.URL
  return record
}
