/**
 * No module of src/ imports itself back, directly or through others. Imports
 * of types alone are erased before running and are not counted (dpdm's
 * `transform`); dynamic `import()`s are.
 */
import path from 'node:path'
import { parseCircular, parseDependencyTree } from 'dpdm'
import { expect, it } from 'vitest'
import { ROOT } from '../helpers.ts'

it('has no circular imports in src/', async () => {
  const tree = await parseDependencyTree(['src/**/*.ts'], {
    cwd: ROOT, context: ROOT, transform: true, skipDynamicImports: false, tsconfig: path.join(ROOT, 'tsconfig.json'),
  })
  expect(Object.keys(tree).length).toBeGreaterThan(50)
  expect(parseCircular(tree)).toEqual([])
})
