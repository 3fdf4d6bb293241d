/**
 * Between citation parsing and numbering: works cited by identifier, and
 * bibliography entries that carry only an identifier, take their records
 * from the lock file, so that they number together with the `.bib`'s keys.
 * Nothing here touches the network; a missing record is an error that says
 * to run `galley refs`.
 */
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { error, warn } from '../diagnostics/messages.ts'
import type { Bibliography, BibliographyEntry } from '../citations/bibliography.ts'
import type { CitationItem, CslItem } from '../types.ts'
import { readIdentifier, readIdentifierKey, type Identifier, type ReadIdentifier } from './identifier.ts'
import { LOCK_NAME, type Lock } from './lock.ts'

/** Returns the uses already reported, which numbering should not report again as unknown keys. */
export function addIdentifiedWorks(items: readonly CitationItem[], bibliography: Bibliography, lock: Lock, file: VFile): Set<CitationItem> {
  const reported = new Set<CitationItem>()
  const explicit = new Set(bibliography.entries.keys())
  const found = new Map<string, boolean>()
  for (const item of items) {
    const { key } = item
    if (explicit.has(key)) continue
    if (!found.has(key)) {
      found.set(key, addCited(key, item.position, bibliography, lock, file))
      if (bibliography.entries.has(key)) warnIfListed(key, item.position, bibliography, explicit, file)
    }
    if (!found.get(key)) reported.add(item)
  }
  for (const [key, entry] of bibliography.entries) {
    if (entry.file === lock.file || !isIdentifierOnly(entry)) continue
    const read = entryIdentifier(entry.csl)!
    if ('problem' in read) {
      error(entry.file, `Reference "${key}" has no title and ${read.problem}`, entry.place, 'reference-identifier')
      continue
    }
    const locked = lock.entries.get(read.identifier.id)
    if (!locked) error(entry.file, `Reference "${key}" has only an identifier, and ${unresolved(read.identifier)}`, entry.place, 'reference-unresolved')
    else entry.csl = { ...locked.csl, id: key }
  }
  return reported
}

/** True when the key is not an identifier (numbering reports it if unknown) or its record is now in the bibliography. */
function addCited(key: string, place: Position | undefined, bibliography: Bibliography, lock: Lock, file: VFile): boolean {
  const read = readIdentifierKey(key)
  if (!read) return true
  if ('problem' in read) {
    error(file, `Cannot cite @${key}: ${read.problem}`, place, 'reference-identifier')
    return false
  }
  const entry = lock.entries.get(read.identifier.id)
  if (!entry) {
    error(file, unresolved(read.identifier), place, 'reference-unresolved')
    return false
  }
  bibliography.entries.set(key, { csl: { ...entry.csl, id: key }, file: lock.file, place: lock.places.get(read.identifier.id) ?? { line: 1, column: 1 } })
  return true
}

/** A work cited by identifier that the bibliography also lists would be numbered twice. */
function warnIfListed(key: string, place: Position | undefined, bibliography: Bibliography, explicit: ReadonlySet<string>, file: VFile): void {
  const ids = new Set(identifiersOf(bibliography.entries.get(key)!.csl))
  const listed = [...explicit].find((other) => identifiersOf(bibliography.entries.get(other)!.csl).some((id) => ids.has(id)))
  if (listed) warn(file, `@${key} is the work of bibliography entry "${listed}" (the same identifier), so the reference list would have it twice: cite @${listed} instead`, place, 'reference-duplicate')
}

/** Every well-formed identifier a record carries, as lock keys. */
function identifiersOf(csl: CslItem): string[] {
  return (['doi', 'pmid', 'pmcid'] as const).flatMap((kind) => {
    const value = csl[kind === 'doi' ? 'DOI' : kind === 'pmid' ? 'PMID' : 'PMCID']
    const read = value ? readIdentifier(kind, String(value)) : undefined
    return read && 'identifier' in read ? [read.identifier.id] : []
  })
}

function unresolved(identifier: Identifier): string {
  return `${identifier.id} has no record in ${LOCK_NAME}: run \`galley refs\` (online) to resolve it, and commit the lock file`
}

/** The identifier a bibliography entry is resolved by: its DOI, else its PMID, else its PMCID. */
export function entryIdentifier(csl: CslItem): ReadIdentifier | undefined {
  if (csl.DOI) return readIdentifier('doi', String(csl.DOI))
  if (csl.PMID) return readIdentifier('pmid', String(csl.PMID))
  if (csl.PMCID) return readIdentifier('pmcid', String(csl.PMCID))
  return undefined
}

/** An entry that names a work by identifier alone, to be filled from the lock. */
export function isIdentifierOnly(entry: BibliographyEntry): boolean {
  return !entry.csl.title && entryIdentifier(entry.csl) !== undefined
}
