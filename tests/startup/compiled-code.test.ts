/**
 * The bundle's compiled part runs with V8's code cache (src/cache/compiled-code.ts): the cache
 * is made by the first run, used (not made again) by the runs after it whatever the command, and
 * one that is damaged or stale only costs time: outputs are the same in every case.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LETTER } from '../helpers.ts'
import { bundledPackage } from './packages.ts'

let root: string
let cacheHome: string
beforeAll(async () => {
  root = await bundledPackage()
  cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-code-cache-'))
}, 120_000)
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true })
  fs.rmSync(cacheHome, { recursive: true, force: true })
})

const cacheDir = () => path.join(cacheHome, 'galley', 'compiled-code')

/** `galley ARGS` run from the bundle: its exit status and its report in JSON. */
async function galley(...args: string[]): Promise<{ code: number; report: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'bin/galley.js'), ...args], {
      cwd: root, env: { ...process.env, XDG_CACHE_HOME: cacheHome },
    })
    return { code: 0, report: stdout }
  } catch (cause) {
    const { code, stdout } = cause as { code: number; stdout: string }
    return { code, report: stdout }
  }
}

/** The cache file of this bundle's compiled part, and when it was last written. */
function cacheFile(): { name: string; bytes: Buffer; written: number } {
  const compiled = fs.readdirSync(path.join(root, 'dist/bundle')).find((name) => name.startsWith('compiled-'))!
  const names = fs.readdirSync(cacheDir()).filter((name) => name.startsWith(`${compiled}-`))
  expect(names).toHaveLength(1)
  const file = path.join(cacheDir(), names[0]!)
  return { name: names[0]!, bytes: fs.readFileSync(file), written: fs.statSync(file).mtimeMs }
}

it('is made by the first run and used by the next ones, check and build alike; a damaged one is made again', async () => {
  // Other builds' caches: the newest few are kept (two installs run in turn keep theirs), the older removed.
  fs.mkdirSync(cacheDir(), { recursive: true })
  const others = ['OLDEST', 'OLDER', 'OLD', 'RECENT'].map((hash, index) => {
    const file = path.join(cacheDir(), `compiled-${hash}.cjs-v20.0.0-x64.bin`)
    fs.writeFileSync(file, 'another build')
    fs.utimesSync(file, new Date(2026, 0, index + 1), new Date(2026, 0, index + 1))
    return path.basename(file)
  })
  const first = await galley('check', LETTER, '--format', 'json')
  expect(first.code).toBe(0)
  const made = cacheFile()
  expect(fs.readdirSync(cacheDir()).sort()).toEqual([made.name, ...others.slice(1)].sort())
  for (const other of others.slice(1)) fs.rmSync(path.join(cacheDir(), other))
  const compiled = fs.readdirSync(path.join(root, 'dist/bundle')).find((name) => name.startsWith('compiled-'))
  expect(made.name).toBe(`${compiled}-${process.version}-${process.arch}.bin`)
  expect(made.bytes.length).toBeGreaterThan(100_000)

  // V8 refuses a cache made under other flags, and the cache is then made again: every
  // command must run the compiled part under the same ones.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-code-cache-out-'))
  try {
    expect((await galley('build', LETTER, '--format', 'jats,html', '--out', out, '--quiet')).code).toBe(0)
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
  expect(await galley('check', LETTER, '--format', 'json')).toEqual(first)
  expect(cacheFile().written).toBe(made.written)

  fs.writeFileSync(path.join(cacheDir(), made.name), made.bytes.subarray(0, 5000))
  expect(await galley('check', LETTER, '--format', 'json')).toEqual(first)
  expect(cacheFile().bytes.length).toBeGreaterThan(100_000)
}, 60_000)

it('is left alone when it cannot be written', async () => {
  fs.rmSync(path.join(cacheHome, 'galley'), { recursive: true, force: true })
  // A file where the cache's folder would be: nothing can be written under it.
  fs.mkdirSync(path.join(cacheHome, 'galley'), { recursive: true })
  fs.writeFileSync(cacheDir(), '')
  const { code, report } = await galley('check', LETTER, '--format', 'json')
  expect(code).toBe(0)
  expect(JSON.parse(report)).toBeTruthy()
  expect(fs.statSync(cacheDir()).isFile()).toBe(true)
}, 60_000)

it('holds a citation-js that may not go online: Galley fetches only through src/references/http.ts', async () => {
  const compiled = fs.readdirSync(path.join(root, 'dist/bundle')).find((name) => name.startsWith('compiled-'))!
  const { util } = createRequire(import.meta.url)(path.join(root, 'dist/bundle', compiled))['@citation-js/core'] as {
    util: { fetchFile(url: string): unknown; fetchFileAsync(url: string): Promise<unknown> }
  }
  const refusal = /citation-js may not go online/
  expect(() => util.fetchFile('http://127.0.0.1:9/')).toThrow(refusal)
  await expect(util.fetchFileAsync('http://127.0.0.1:9/')).rejects.toThrow(refusal)
})
