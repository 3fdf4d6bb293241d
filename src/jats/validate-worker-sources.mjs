// The validator thread's entry when Galley runs from its TypeScript sources (tests, a
// checkout without a build): registers tsx in the worker, then loads the real entry.
// A file, not `eval` code: a worker started from code skips the parent's --import preloads.
import { register } from 'tsx/esm/api'

register()
await import('./validate-worker.ts')
