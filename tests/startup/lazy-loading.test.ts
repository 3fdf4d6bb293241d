/**
 * Each command loads only the packages it needs (startup time is measured in
 * bench/; here, which heavy packages a real `galley` process loaded).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { LETTER, ROOT } from '../helpers.ts'

const HEAVY = ['@citation-js/core', 'citeproc', 'libxml2-wasm', 'unified', 'micromark', 'yaml', 'puppeteer-core', 'pdf-lib', 'chokidar', 'hyphen']

/** Packages (under node_modules) that `galley ARGS` loaded. */
async function packagesLoaded(args: string[], env: Record<string, string> = {}): Promise<{ packages: Set<string>; code: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-trace-'))
  const trace = path.join(dir, 'modules.txt')
  fs.writeFileSync(trace, '')
  let code = 0
  try {
    await promisify(execFile)(process.execPath, ['--import', path.join(ROOT, 'tests/startup/load-trace.mjs'), path.join(ROOT, 'bin/galley.js'), ...args], {
      cwd: dir, env: { ...process.env, ...env, GALLEY_TRACE_FILE: trace },
    })
  } catch (cause) {
    code = (cause as { code: number }).code
  }
  const packages = new Set<string>()
  for (const line of fs.readFileSync(trace, 'utf8').split('\n')) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)
    if (match) packages.add(match[1])
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return { packages, code }
}

const heavyIn = (packages: Set<string>) => HEAVY.filter((name) => packages.has(name))

describe('what each command loads', () => {
  it('--version and --help load none of the heavy packages', async () => {
    for (const args of [['--version'], ['--help'], ['build', '--help'], ['check', '--help']]) {
      const { packages, code } = await packagesLoaded(args)
      expect(code, args.join(' ')).toBe(0)
      expect(heavyIn(packages), args.join(' ')).toEqual([])
    }
  })

  it('check loads the parser, citation-js and libxml2, not the browser, pdf-lib or the watcher', async () => {
    const { packages, code } = await packagesLoaded(['check', LETTER, '--quiet'])
    expect(code).toBe(0)
    expect(heavyIn(packages)).toEqual(['@citation-js/core', 'citeproc', 'libxml2-wasm', 'unified', 'micromark', 'yaml'])
  })

  it('a build without PDF loads neither Puppeteer nor pdf-lib', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-trace-out-'))
    const { packages, code } = await packagesLoaded(['build', LETTER, '--format', 'jats,html', '--out', out, '--quiet'])
    fs.rmSync(out, { recursive: true, force: true })
    expect(code).toBe(0)
    expect(packages.has('puppeteer-core')).toBe(false)
    expect(packages.has('pdf-lib')).toBe(false)
    expect(packages.has('libxml2-wasm')).toBe(true)
  })

  it('a build without JATS does not compile libxml2 (the CSL check parses the style in JavaScript)', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-trace-out-'))
    const { packages, code } = await packagesLoaded(['build', LETTER, '--format', 'html', '--out', out, '--quiet'])
    fs.rmSync(out, { recursive: true, force: true })
    expect(code).toBe(0)
    expect(packages.has('libxml2-wasm')).toBe(false)
    expect(packages.has('@citation-js/core')).toBe(true)
  })

  it("a cold check decodes the template's fonts once: the next reads their characters from the cache", async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-cache-'))
    try {
      const first = await packagesLoaded(['check', LETTER, '--quiet'], { XDG_CACHE_HOME: cache })
      expect(first.code).toBe(0)
      expect(first.packages.has('fontkit')).toBe(true)
      const kept = fs.readdirSync(path.join(cache, 'galley/font-characters'))
      expect(kept.length).toBeGreaterThan(0)
      expect(JSON.parse(fs.readFileSync(path.join(cache, 'galley/font-characters', kept[0]), 'utf8'))).toContain('A'.codePointAt(0))
      const second = await packagesLoaded(['check', LETTER, '--quiet'], { XDG_CACHE_HOME: cache })
      expect(second.code).toBe(0)
      expect(second.packages.has('fontkit')).toBe(false)
    } finally {
      fs.rmSync(cache, { recursive: true, force: true })
    }
  })
})
