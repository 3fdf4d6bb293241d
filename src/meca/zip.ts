/**
 * The package's zip, the same bytes for the same files: one timestamp for
 * every entry (the article's date, or 1980-01-01 for an undated draft), no
 * owner or permissions, and a fixed order: the manifest first, so a reader
 * that streams the zip meets it before the files it names, then the rest by
 * path.
 */
import { zipSync, type Zippable } from 'fflate'
import type { PartialDate } from '../types.ts'

export interface ZipEntry {
  path: string
  bytes: Uint8Array
}

export function zipEntries(entries: readonly ZipEntry[], first: string, date: PartialDate | undefined): Uint8Array {
  const ordered = [...entries].sort((a, b) => rank(a.path, first) - rank(b.path, first) || compare(a.path, b.path))
  const mtime = zipTime(date)
  const files: Zippable = {}
  for (const entry of ordered) files[entry.path] = [entry.bytes, { mtime }]
  return zipSync(files)
}

const rank = (path: string, first: string) => (path === first ? 0 : 1)

/** By code unit, not locale: the order may not depend on the machine. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * ZIP stores local wall-clock time, and fflate reads it from the Date with
 * local getters; a Date made from local fields gives back those fields in
 * any time zone. Noon, because some zones skip midnight on the day their
 * clocks change. ZIP counts years from 1980 to 2107, fflate to 2099.
 */
function zipTime(date: PartialDate | undefined): Date {
  const year = Math.min(Math.max(date?.year ?? 1980, 1980), 2099)
  return new Date(year, (date?.month ?? 1) - 1, date?.day ?? 1, 12, 0, 0)
}
