/**
 * Results kept on disk between runs, for work that depends only on content
 * and costs far more than reading a small file: a font's character set
 * (decoding woff2), the CSL processor's entries for a bibliography (building
 * the engine and formatting). One JSON file per key under
 * $XDG_CACHE_HOME/galley/KIND (or ~/.cache/galley/KIND), named by the key's
 * hash; the key must hold everything the result depends on, versions of the
 * code that computes it included. A cache that cannot be read or written
 * only costs time.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'

/** The folder of one kind of kept result: $XDG_CACHE_HOME/galley/KIND, else ~/.cache/galley/KIND. */
export function cacheFolder(kind: string): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'galley', kind)
}

/** The kept result for `key`, else `compute()`'s, kept for the next run. */
export function cachedOnDisk<T>(kind: string, key: string, compute: () => T): T {
  const kept = readKept<T>(kind, key)
  if (kept !== undefined) return kept
  const value = compute()
  keep(kind, key, value)
  return value
}

/** The result kept for `key`, if any. */
export function readKept<T>(kind: string, key: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(keptFile(kind, key), 'utf8')) as T
  } catch {
    // Not cached yet, or unreadable: computed again.
    return undefined
  }
}

/** Keeps `value` for `key`, for the next run. */
export function keep(kind: string, key: string, value: unknown): void {
  try {
    keepFile(keptFile(kind, key), JSON.stringify(value))
  } catch {
    // A cache that cannot be written only costs time.
  }
}

function keptFile(kind: string, key: string): string {
  return path.join(cacheFolder(kind), `${createHash('sha256').update(key).digest('hex')}.json`)
}

/** Writes a cache file, its folder made if need be, renamed into place: a reader never sees half a file. */
export function keepFile(file: string, data: string | NodeJS.ArrayBufferView): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const partial = `${file}.${process.pid}.tmp`
  fs.writeFileSync(partial, data)
  fs.renameSync(partial, file)
}

/** `name@version` of each package: the code a kept result depends on, for its key. */
export function packageVersions(...names: string[]): string[] {
  const require = createRequire(import.meta.url)
  return names.map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`)
}
