#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm ci` or `make`); a
// checkout with dist/ missing or stale runs its TypeScript through tsx.
import { fileURLToPath } from 'node:url'
import { entryKind } from './entry.js'

const root = fileURLToPath(new URL('..', import.meta.url))
let main
if (entryKind(root) === 'dist') {
  ;({ main } = await import('../dist/cli/main.js'))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
