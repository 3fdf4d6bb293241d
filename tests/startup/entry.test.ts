/** bin/galley.js runs the bundle in dist/ when it is up to date with src/, else src/ through tsx. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { entryKind, STAMP } from '../../bin/entry.js'

const HOUR = 3600

function checkout(parts: { stamp?: number; src?: Record<string, number> }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-entry-'))
  const base = Date.now() / 1000 - 10 * HOUR
  if (parts.src) {
    for (const [file, at] of Object.entries(parts.src)) {
      fs.mkdirSync(path.dirname(path.join(root, 'src', file)), { recursive: true })
      fs.writeFileSync(path.join(root, 'src', file), '')
    }
    // Folders first dated in the past, then each file at its time.
    for (const dir of [...new Set(Object.keys(parts.src).map((file) => path.dirname(path.join(root, 'src', file))))]) {
      for (let folder = dir; folder.startsWith(path.join(root, 'src')); folder = path.dirname(folder)) fs.utimesSync(folder, base, base)
    }
    for (const [file, at] of Object.entries(parts.src)) fs.utimesSync(path.join(root, 'src', file), base + at, base + at)
  }
  if (parts.stamp !== undefined) {
    fs.mkdirSync(path.dirname(path.join(root, STAMP)), { recursive: true })
    fs.writeFileSync(path.join(root, STAMP), '')
    fs.utimesSync(path.join(root, STAMP), base + parts.stamp, base + parts.stamp)
  }
  return root
}

describe('entryKind', () => {
  it('runs dist/ when it was built after every source', () => {
    expect(entryKind(checkout({ stamp: 2 * HOUR, src: { 'cli/main.ts': HOUR, 'types.ts': HOUR } }))).toBe('dist')
  })
  it('runs src/ when a source changed after the build', () => {
    expect(entryKind(checkout({ stamp: 2 * HOUR, src: { 'cli/main.ts': HOUR, 'jats/body.ts': 3 * HOUR } }))).toBe('src')
  })
  it('runs src/ when a file was added or removed after the build (its folder changed)', () => {
    const root = checkout({ stamp: 2 * HOUR, src: { 'cli/main.ts': HOUR } })
    fs.rmSync(path.join(root, 'src/cli/main.ts'))
    expect(entryKind(root)).toBe('src')
  })
  it('runs src/ when dist/ was never built', () => {
    expect(entryKind(checkout({ src: { 'cli/main.ts': HOUR } }))).toBe('src')
  })
  it('runs dist/ in an installed package, which ships no src/', () => {
    expect(entryKind(checkout({ stamp: HOUR }))).toBe('dist')
  })
})
