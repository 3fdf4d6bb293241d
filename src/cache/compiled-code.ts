/**
 * The bundle's CommonJS part (scripts/bundle.mjs: the packages every check and build loads,
 * citeproc, citation-js, yaml, unified and micromark among them, 2.5 MB), run with V8's code
 * cache: Node 20 compiles ES modules afresh at every start and has no compile cache of its own
 * (`module.enableCompileCache` came in Node 22.1), and compiling this part (the functions a check
 * calls included) was about a tenth of a cold check. The cache is V8's serialized code for this
 * file, made once after a command has run (so it holds the functions that command compiled), kept
 * beside Galley's other caches (src/cache/disk.ts), and named by the file's content hash and
 * Node's version. V8 refuses a cache made for other source or other V8 flags; then the file is
 * compiled as usual and the cache made again. A cache that cannot be read or written only costs
 * time.
 */
import fs from 'node:fs'
import { createRequire, Module } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'
import { cacheFolder, keepFile } from './disk.ts'

const loaded = new Map<string, Record<string, unknown>>()

/** `module.exports` of the CommonJS bundle `file` (an absolute path), compiled with the code cache. */
export function requireCompiled(file: string): Record<string, unknown> {
  const known = loaded.get(file)
  if (known) return known
  const cacheFile = path.join(cacheFolder('compiled-code'), `${path.basename(file)}-${process.version}-${process.arch}.bin`)
  let cachedData: Buffer | undefined
  try {
    cachedData = fs.readFileSync(cacheFile)
  } catch {
    // Not made yet: compiled as usual.
  }
  const source = fs.readFileSync(file, 'utf8')
  // CommonJS's own wrapper: the file sees `require`, `module` and `exports` as under require().
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData })
  const module = new Module(file)
  module.filename = file
  const require = createRequire(file)
  // In require's cache, as require() would put it: one module however it is reached.
  require.cache[file] = module
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file))
  module.loaded = true
  loaded.set(file, module.exports)
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => keep(script, cacheFile))
  return module.exports
}

const KEPT_BUILDS = 4

function keep(script: vm.Script, cacheFile: string): void {
  try {
    keepFile(cacheFile, script.createCachedData())
    // Caches of other builds of the file (its name ends in their content hash): the newest few
    // are kept, as two installs of Galley run in turn would otherwise remove each other's.
    const dir = path.dirname(cacheFile)
    const others = fs.readdirSync(dir).filter((name) => name.endsWith('.bin')).map((name) => path.join(dir, name))
      .map((file) => ({ file, written: fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.written - a.written)
    for (const { file } of others.slice(KEPT_BUILDS)) fs.rmSync(file, { force: true })
  } catch {
    // A cache that cannot be written only costs time.
  }
}
