/**
 * `references.lock.json`, beside the manuscript: for each identifier the
 * CSL-JSON it resolved to, where and when it came from, and a SHA-256 of the
 * record. Written in one canonical form (keys sorted, two-space indent), so
 * the same records give the same bytes; builds read it and never the network.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Point } from 'unist'
import { VFile } from 'vfile'
import { displayPath, error } from '../diagnostics/messages.ts'
import type { CslItem } from '../types.ts'

export const LOCK_NAME = 'references.lock.json'
const VERSION = 1

export interface LockEntry {
  csl: CslItem
  /** The URL the record was read from. */
  source: string
  /** When, as an ISO 8601 instant (seconds). */
  retrieved: string
  /** SHA-256 of the record's canonical JSON: a hand edit shows. */
  sha256: string
}

export interface Lock {
  absolute: string
  /** Findings about the lock file point here. */
  file: VFile
  entries: Map<string, LockEntry>
  places: Map<string, Point>
}

export function lockPathFor(manuscriptAbsolute: string): string {
  return path.join(path.dirname(manuscriptAbsolute), LOCK_NAME)
}

export function newLockEntry(csl: CslItem, source: string, retrieved: Date): LockEntry {
  return { csl, source, retrieved: retrieved.toISOString().replace(/\.\d{3}Z$/, 'Z'), sha256: recordHash(csl) }
}

export function recordHash(csl: CslItem): string {
  return createHash('sha256').update(canonicalJson(csl)).digest('hex')
}

/** A missing lock file is an empty lock; one that does not parse is an error, and reads as empty. */
export function readLock(absolute: string, cwd: string): Lock {
  const file = new VFile({ path: displayPath(absolute, cwd), cwd })
  const lock: Lock = { absolute, file, entries: new Map(), places: new Map() }
  if (!fs.existsSync(absolute)) return lock
  const text = fs.readFileSync(absolute, 'utf8')
  file.value = text
  let data: { version?: unknown; references?: Record<string, Partial<LockEntry>> }
  try {
    data = JSON.parse(text)
  } catch (cause) {
    error(file, `${LOCK_NAME} does not parse (${(cause as Error).message}): restore it from git, or delete it and run \`galley refs\``, { line: 1, column: 1 }, 'reference-lock')
    return lock
  }
  if (data?.version !== VERSION || typeof data.references !== 'object' || data.references === null) {
    error(file, `${LOCK_NAME} is not a version ${VERSION} lock file: restore it from git, or delete it and run \`galley refs\``, { line: 1, column: 1 }, 'reference-lock')
    return lock
  }
  for (const [id, entry] of Object.entries(data.references)) {
    const place = keyPlace(text, id)
    lock.places.set(id, place)
    if (!entry?.csl || typeof entry.csl !== 'object' || typeof entry.source !== 'string' || typeof entry.retrieved !== 'string') {
      error(file, `The lock entry for ${id} lacks its csl, source or retrieved field: run \`galley refs --update ${id}\``, place, 'reference-lock')
      continue
    }
    if (entry.sha256 !== recordHash(entry.csl)) {
      error(file, `The record for ${id} does not match its sha256 (edited by hand?): correct the .bib instead, or run \`galley refs --update ${id}\``, place, 'reference-lock')
      continue
    }
    lock.entries.set(id, entry as LockEntry)
  }
  return lock
}

export function serializeLock(entries: ReadonlyMap<string, LockEntry>): string {
  const references = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return `${canonicalJson({ version: VERSION, references }, 2)}\n`
}

/** Writes only when the bytes change, through a temporary file, so a reader never sees half a lock. */
export function writeLock(absolute: string, entries: ReadonlyMap<string, LockEntry>): boolean {
  const text = serializeLock(entries)
  if (fs.existsSync(absolute) && fs.readFileSync(absolute, 'utf8') === text) return false
  const temporary = `${absolute}.${process.pid}.tmp`
  fs.writeFileSync(temporary, text)
  fs.renameSync(temporary, absolute)
  return true
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent)
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key])
  return sorted
}

function keyPlace(text: string, id: string): Point {
  const offset = text.indexOf(`${JSON.stringify(id)}: {`)
  if (offset < 0) return { line: 1, column: 1 }
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}
