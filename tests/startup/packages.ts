/**
 * Scratch copies of Galley to run each way `bin/galley.js` can run, whatever state this
 * checkout's own dist/ is in: a package with the current sources bundled by
 * scripts/bundle.mjs (as `npm run build:dist` makes it), and a checkout with no build, which
 * runs src/ through tsx. Both share this checkout's node_modules/, templates/ and schemas/.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '../helpers.ts'

export type Entry = 'bundle' | 'src'

function scratch(kind: Entry, links: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `galley-${kind}-`))
  for (const name of links) fs.symlinkSync(path.join(ROOT, name), path.join(root, name))
  fs.mkdirSync(path.join(root, 'bin'))
  for (const file of ['galley.js', 'entry.js']) fs.copyFileSync(path.join(ROOT, 'bin', file), path.join(root, 'bin', file))
  return root
}

const SHARED = ['node_modules', 'templates', 'schemas', 'package.json']

/** A package root whose bin/galley.js runs the current sources, bundled (it ships no src/, like an installed package). */
export async function bundledPackage(): Promise<string> {
  const root = scratch('bundle', SHARED)
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), '--root', root])
  return root
}

/** A checkout with src/ and no build: its bin/galley.js runs src/ through tsx. */
export function sourceCheckout(): string {
  return scratch('src', [...SHARED, 'src'])
}

/** Both, made once per test file; `remove` when done. */
export async function entries(): Promise<Record<Entry, string>> {
  return { bundle: await bundledPackage(), src: sourceCheckout() }
}

export function remove(roots: Record<Entry, string>): void {
  for (const root of Object.values(roots)) fs.rmSync(root, { recursive: true, force: true })
}
