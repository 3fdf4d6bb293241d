/**
 * A CommonJS package loaded only once it is needed, synchronously, for code on a path most runs
 * never take (BibTeX's parser, needed only when a bibliography's items are not on disk yet).
 * From the sources it is Node's require; the bundle replaces this module (scripts/bundle.mjs)
 * with one that takes the package from the bundle's compiled part, where the one copy of
 * citation-js the rest of Galley uses lives.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export function requireLater(name: string): unknown {
  return require(name)
}
