// Which code `galley` runs: the JavaScript bundled into dist/bundle/ (tsc, then
// esbuild: scripts/bundle.mjs), or, in a checkout whose bundle is missing or older
// than its sources, the TypeScript in src/ through tsx (slower to start, never out of date).
import fs from 'node:fs'
import path from 'node:path'

/** Written by `npm run build:dist` (scripts/bundle.mjs) after tsc and the bundle succeed. */
export const STAMP = 'dist/bundle/.built'

/**
 * 'dist' when dist/ was built after the last change under src/ (a file or a
 * folder: adding or deleting a file changes its folder), else 'src'.
 * An installed package ships dist/ without src/: nothing to compare, so dist.
 */
export function entryKind(root) {
  const stamp = fs.statSync(path.join(root, STAMP), { throwIfNoEntry: false })
  if (!stamp) return 'src'
  const src = path.join(root, 'src')
  if (!fs.existsSync(src)) return 'dist'
  const built = stamp.mtimeMs
  const changedSince = (dir) => {
    if (fs.statSync(dir).mtimeMs > built) return true
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory() ? changedSince(full) : fs.statSync(full).mtimeMs > built) return true
    }
    return false
  }
  return changedSince(src) ? 'src' : 'dist'
}
