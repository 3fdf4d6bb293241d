/**
 * Results kept on disk between runs (src/cache/disk.ts): the CSL processor's
 * entries, fonts' character sets, ICU's country names. A run that reads them
 * writes the same outputs as one that computes them, and the key sees what
 * they depend on.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { cachedOnDisk } from '../../src/cache/disk.ts'
import { LETTER, ROOT } from '../helpers.ts'

const made: string[] = []
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function withCache<T>(cache: string, work: () => T): T {
  const before = process.env.XDG_CACHE_HOME
  process.env.XDG_CACHE_HOME = cache
  try {
    return work()
  } finally {
    if (before === undefined) delete process.env.XDG_CACHE_HOME
    else process.env.XDG_CACHE_HOME = before
  }
}

describe('cachedOnDisk', () => {
  it('computes once per key, keeps JSON under galley/KIND, and recomputes over a damaged file', () => {
    const cache = tempDir('galley-cache-')
    let computed = 0
    const get = (key: string) => withCache(cache, () => cachedOnDisk('test-kind', key, () => ({ key, n: ++computed })))
    expect(get('a')).toEqual({ key: 'a', n: 1 })
    expect(get('a')).toEqual({ key: 'a', n: 1 })
    expect(get('b')).toEqual({ key: 'b', n: 2 })
    const files = fs.readdirSync(path.join(cache, 'galley/test-kind'))
    expect(files).toHaveLength(2)
    for (const file of files) fs.writeFileSync(path.join(cache, 'galley/test-kind', file), '{"key": "a", "n"')
    expect(get('a')).toEqual({ key: 'a', n: 3 })
    expect(get('a')).toEqual({ key: 'a', n: 3 })
  })

  it('still answers when the cache cannot be written', () => {
    const cache = tempDir('galley-cache-')
    fs.writeFileSync(path.join(cache, 'galley'), 'a file where the folder would be')
    expect(withCache(cache, () => cachedOnDisk('test-kind', 'a', () => [1, 2]))).toEqual([1, 2])
  })
})

describe('the CSL entries kept between runs', () => {
  const build = async (manuscript: string, cache: string, args: string[] = []) => {
    const out = tempDir('galley-out-')
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/galley.js'), 'build', manuscript, '--format', 'jats,html', '--out', out, '--quiet', ...args], {
      env: { ...process.env, XDG_CACHE_HOME: cache },
    })
    return { xml: fs.readFileSync(path.join(out, 'letter.xml'), 'utf8'), html: fs.readFileSync(path.join(out, 'letter.html'), 'utf8') }
  }
  const entries = (cache: string) => fs.readdirSync(path.join(cache, 'galley/csl-entry-trees'))

  it('give the same outputs as formatting afresh', async () => {
    const cache = tempDir('galley-cache-')
    const computed = await build(LETTER, cache)
    expect(entries(cache)).toHaveLength(1)
    expect(fs.readdirSync(path.join(cache, 'galley/country-names'))).toHaveLength(1)
    expect(fs.readdirSync(path.join(cache, 'galley/bibtex-items'))).toHaveLength(1)
    const read = await build(LETTER, cache)
    expect(read.xml).toBe(computed.xml)
    expect(read.html).toBe(computed.html)
    expect(entries(cache)).toHaveLength(1)
  })

  it('are kept one by one for a style whose entries stand alone: the same works cited in another order are formatted no more, and come out as formatted afresh', async () => {
    const cache = tempDir('galley-cache-')
    const dir = tempDir('galley-order-')
    fs.cpSync(path.dirname(LETTER), dir, { recursive: true })
    const manuscript = path.join(dir, path.basename(LETTER))
    await build(manuscript, cache)
    const each = () => fs.readdirSync(path.join(cache, 'galley/csl-entry-tree')).sort()
    const kept = each()
    expect(kept).toHaveLength(10)
    // lee2012 is cited first now: every entry but the first two keeps its number, and the list is another.
    const text = fs.readFileSync(manuscript, 'utf8')
    expect(text).toContain('are very scarce [@balin2012].')
    fs.writeFileSync(manuscript, text.replace('are very scarce [@balin2012].', 'are very scarce [@lee2012; @balin2012].'))
    const reordered = await build(manuscript, cache)
    expect(entries(cache)).toHaveLength(2)
    expect(each()).toEqual(kept)
    const afresh = await build(manuscript, tempDir('galley-cache-'))
    expect(reordered.xml).toBe(afresh.xml)
    expect(reordered.html).toBe(afresh.html)
    const [lee, balin] = ['Dermatomyositis and metastatic lung', 'Calcinosis cutis occurring'].map((title) => reordered.xml.indexOf(title))
    expect(lee).toBeGreaterThan(0)
    expect(balin).toBeGreaterThan(lee)
  })

  it('are kept by the style file\'s content: an edited style formats again', async () => {
    const cache = tempDir('galley-cache-')
    const dir = tempDir('galley-style-')
    fs.cpSync(path.dirname(LETTER), dir, { recursive: true })
    const style = path.join(dir, 'style.csl')
    fs.copyFileSync(path.join(ROOT, 'templates/clinical-case-letters/clinical-case-letters.csl'), style)
    const manuscript = path.join(dir, path.basename(LETTER))
    fs.writeFileSync(manuscript, fs.readFileSync(LETTER, 'utf8').replace(/^bibliography:/m, 'csl: style.csl\nbibliography:'))
    const before = await build(manuscript, cache)
    const xml = fs.readFileSync(style, 'utf8')
    expect(xml).toContain('<text variable="title"')
    fs.writeFileSync(style, xml.replaceAll('<text variable="title"', '<text variable="title" text-case="uppercase"'))
    const after = await build(manuscript, cache)
    expect(entries(cache)).toHaveLength(2)
    expect(after.html).not.toBe(before.html)
  })
})
