#!/usr/bin/env node
// Runs the bundled JavaScript in dist/bundle/ (built by `npm ci` or `make`, see
// scripts/bundle.mjs); a checkout with it missing or stale runs its TypeScript through tsx.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

const argv = process.argv.slice(2)
// Answered before anything else loads: every module (and the look at dist/'s age) costs a start.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  console.log(JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version)
} else {
  const { entryKind } = await import('./entry.js')
  const root = fileURLToPath(new URL('..', import.meta.url))
  let main
  if (entryKind(root) === 'dist') {
    ;({ main } = await import('../dist/bundle/main.js'))
  } else {
    const { register } = await import('tsx/esm/api')
    register()
    ;({ main } = await import('../src/cli/main.ts'))
  }
  process.exitCode = await main(argv)
}
