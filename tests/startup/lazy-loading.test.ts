/**
 * Each command loads only the packages it needs (startup time is measured in
 * bench/; here, which heavy packages a real `galley` process loaded), both when
 * it runs the bundle and when it runs the sources through tsx.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LETTER, ROOT } from '../helpers.ts'
import { entries, type Entry, remove } from './packages.ts'

const HEAVY = ['@citation-js/core', 'citeproc', 'libxml2-wasm', 'unified', 'micromark', 'yaml', 'puppeteer-core', 'pdf-lib', 'chokidar', 'hyphen', 'temml', 'katex']

let roots: Record<Entry, string>
beforeAll(async () => { roots = await entries() }, 120_000)
afterAll(() => remove(roots))

const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//
const CHUNK = /\/dist\/bundle\/([^/]+\.c?js)$/

/**
 * Packages (under node_modules) that `galley ARGS` loaded, run as `entry`: files it loaded
 * from node_modules/, and for a chunk of the bundle, the packages bundled into it; those
 * its main thread loaded, and those worker threads loaded.
 */
async function packagesLoaded(entry: Entry, args: string[], env: Record<string, string> = {}): Promise<{ packages: Set<string>; inWorkers: Set<string>; code: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-trace-'))
  const trace = path.join(dir, 'modules.txt')
  fs.writeFileSync(trace, '')
  let code = 0
  try {
    await promisify(execFile)(process.execPath, ['--import', path.join(ROOT, 'tests/startup/load-trace.mjs'), path.join(roots[entry], 'bin/galley.js'), ...args], {
      cwd: dir, env: { ...process.env, ...env, GALLEY_TRACE_FILE: trace },
    })
  } catch (cause) {
    code = (cause as { code: number }).code
  }
  const lines = fs.readFileSync(trace, 'utf8').split('\n')
  // The run loaded what it was meant to: chunks of the bundle, or the TypeScript sources
  // (`--version` neither: bin/galley.js answers it alone).
  const meant = (line: string) => entry === 'bundle' ? CHUNK.test(line) : line.endsWith('/src/cli/main.ts')
  expect(lines.some(meant), `${entry}: ${args.join(' ')}`).toBe(args[0] !== '--version')
  expect(lines.some((line) => entry === 'bundle' ? line.endsWith('.ts') : CHUNK.test(line)), `${entry}: ${args.join(' ')}`).toBe(false)
  const chunks = entry === 'bundle' ? JSON.parse(fs.readFileSync(path.join(roots.bundle, 'dist/bundle/chunks.json'), 'utf8')) as Record<string, string[]> : {}
  const packages = new Set<string>()
  const inWorkers = new Set<string>()
  for (const line of lines) {
    const chunk = CHUNK.exec(line)
    for (const file of chunk ? chunks[chunk[1]] : [line]) {
      const match = PACKAGE.exec(file)
      if (match) (line.startsWith('worker ') ? inWorkers : packages).add(match[1])
    }
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return { packages, inWorkers, code }
}

const heavyIn = (packages: Set<string>) => HEAVY.filter((name) => packages.has(name))

describe.each(['bundle', 'src'] as const)('what each command loads, running the %s', (entry) => {
  it('--version and --help load none of the heavy packages', async () => {
    for (const args of [['--version'], ['--help'], ['build', '--help'], ['check', '--help']]) {
      const { packages, inWorkers, code } = await packagesLoaded(entry, args)
      expect(code, args.join(' ')).toBe(0)
      expect(heavyIn(packages), args.join(' ')).toEqual([])
      expect(heavyIn(inWorkers), args.join(' ')).toEqual([])
    }
  })

  it('check loads the parser and citation-js, and libxml2 only in the validator thread; not the browser, pdf-lib, the watcher or math for a letter without any', async () => {
    const { packages, inWorkers, code } = await packagesLoaded(entry, ['check', LETTER, '--quiet'])
    expect(code).toBe(0)
    expect(heavyIn(packages)).toEqual(['@citation-js/core', 'citeproc', 'unified', 'micromark', 'yaml'])
    expect(heavyIn(inWorkers)).toEqual(['libxml2-wasm'])
  })

  it('a manuscript with math loads temml, and never KaTeX', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-math-'))
    try {
      fs.cpSync(path.dirname(LETTER), dir, { recursive: true })
      const manuscript = path.join(dir, path.basename(LETTER))
      fs.writeFileSync(manuscript, fs.readFileSync(LETTER, 'utf8').replace('an infrequent complication', 'an infrequent ($p < 0.05$) complication'))
      const { packages, code } = await packagesLoaded(entry, ['check', manuscript, '--quiet'])
      expect(code).toBe(0)
      expect(packages.has('temml')).toBe(true)
      expect(packages.has('katex')).toBe(false)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a build without PDF loads neither Puppeteer nor pdf-lib', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-trace-out-'))
    const { packages, inWorkers, code } = await packagesLoaded(entry, ['build', LETTER, '--format', 'jats,html', '--out', out, '--quiet'])
    fs.rmSync(out, { recursive: true, force: true })
    expect(code).toBe(0)
    expect(packages.has('puppeteer-core')).toBe(false)
    expect(packages.has('pdf-lib')).toBe(false)
    expect(packages.has('libxml2-wasm')).toBe(false)
    expect(inWorkers.has('libxml2-wasm')).toBe(true)
  })

  it("a build with a PDF loads Puppeteer's half that connects: not its launcher's @puppeteer/browsers, nor what WebDriver BiDi and WebSockets need", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-trace-out-'))
    // No download cache to look in: the system's browser.
    const { packages, code } = await packagesLoaded(entry, ['build', LETTER, '--out', out, '--quiet'], { PUPPETEER_CACHE_DIR: path.join(out, 'no-cache') })
    fs.rmSync(out, { recursive: true, force: true })
    expect(code).toBe(0)
    expect(packages.has('puppeteer-core')).toBe(true)
    expect(['@puppeteer/browsers', 'chromium-bidi', 'ws'].filter((name) => packages.has(name))).toEqual([])
  })

  it('a build without JATS does not compile libxml2 (the CSL check parses the style in JavaScript)', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-trace-out-'))
    const { packages, inWorkers, code } = await packagesLoaded(entry, ['build', LETTER, '--format', 'html', '--out', out, '--quiet'])
    fs.rmSync(out, { recursive: true, force: true })
    expect(code).toBe(0)
    expect(packages.has('libxml2-wasm')).toBe(false)
    expect(inWorkers.size).toBe(0)
    expect(packages.has('@citation-js/core')).toBe(true)
  })

  it("a cold check decodes the template's fonts once: the next reads their characters from the cache", async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-cache-'))
    try {
      const first = await packagesLoaded(entry, ['check', LETTER, '--quiet'], { XDG_CACHE_HOME: cache })
      expect(first.code).toBe(0)
      expect(first.packages.has('fontkit')).toBe(true)
      const kept = fs.readdirSync(path.join(cache, 'galley/font-characters'))
      expect(kept.length).toBeGreaterThan(0)
      expect(JSON.parse(fs.readFileSync(path.join(cache, 'galley/font-characters', kept[0]), 'utf8'))).toContain('A'.codePointAt(0))
      const second = await packagesLoaded(entry, ['check', LETTER, '--quiet'], { XDG_CACHE_HOME: cache })
      expect(second.code).toBe(0)
      expect(second.packages.has('fontkit')).toBe(false)
    } finally {
      fs.rmSync(cache, { recursive: true, force: true })
    }
  })
})
