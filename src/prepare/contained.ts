/**
 * The one rule for every file a manuscript names (figures, images,
 * bibliography, CSL style, template files): after symlinks it lies inside an
 * allowed folder (the manuscript's, or the template's own), it is a regular
 * file, and it is no larger than a limit. A stranger's manuscript can then
 * read nothing else on the machine, and never a device such as /dev/zero.
 */
import fs from 'node:fs'
import path from 'node:path'

/** Largest file Galley reads or copies for a manuscript (figures, styles, template files). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024
/** Largest bibliography file: far above any real one, far below what hangs citation-js. */
export const MAX_BIBLIOGRAPHY_BYTES = 10 * 1024 * 1024
/** Largest manuscript. */
export const MAX_MANUSCRIPT_BYTES = 5 * 1024 * 1024

export type ContainmentRule = 'file-outside-folder' | 'file-not-regular' | 'file-too-large'

export type Contained =
  | { ok: true; path: string }
  | { ok: false; missing: true }
  | { ok: false; missing: false; rule: ContainmentRule; reason: string }

/**
 * Checks `target` against the rule. `folders` are where it may live; the
 * reason never shows the file's content, only where it resolves.
 */
export function containedFile(target: string, folders: readonly string[], maxBytes = MAX_FILE_BYTES, folderName = "the manuscript's folder"): Contained {
  if (!fs.lstatSync(target, { throwIfNoEntry: false })) return { ok: false, missing: true }
  let real: string
  try {
    // The native realpath(3): one call instead of an lstat per path component from JavaScript.
    real = fs.realpathSync.native(target)
  } catch {
    return { ok: false, missing: true }
  }
  const roots = folders.map((folder) => {
    try {
      return fs.realpathSync.native(folder)
    } catch {
      return path.resolve(folder)
    }
  })
  if (!roots.some((root) => isInside(real, root))) {
    const where = real === path.resolve(target) ? '' : ` (it resolves to ${real})`
    return { ok: false, missing: false, rule: 'file-outside-folder', reason: `is outside ${roots.join(' and ')}${where}: Galley reads only files inside ${folderName}; copy the file there` }
  }
  const stat = fs.statSync(real)
  if (!stat.isFile()) {
    return { ok: false, missing: false, rule: 'file-not-regular', reason: `is not a regular file (${stat.isDirectory() ? 'a directory' : 'a device, pipe or socket'}): name a file` }
  }
  if (stat.size > maxBytes) {
    return { ok: false, missing: false, rule: 'file-too-large', reason: `is ${megabytes(stat.size)}, over Galley's limit of ${megabytes(maxBytes)} for this kind of file` }
  }
  return { ok: true, path: real }
}

/**
 * Reads a file that passed `containedFile`, refusing it if it changed into
 * something else (grew past the limit, became a device) since the check.
 */
export function readContained(real: string, maxBytes: number): Buffer | undefined {
  const fd = fs.openSync(real, 'r')
  try {
    const stat = fs.fstatSync(fd)
    if (!stat.isFile() || stat.size > maxBytes) return undefined
    const buffer = Buffer.alloc(stat.size)
    let read = 0
    while (read < stat.size) {
      const got = fs.readSync(fd, buffer, read, stat.size - read, read)
      if (got === 0) break
      read += got
    }
    return buffer.subarray(0, read)
  } finally {
    fs.closeSync(fd)
  }
}

export function isInside(child: string, folder: string): boolean {
  const relative = path.relative(folder, child)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
