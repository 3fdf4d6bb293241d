/**
 * The bundle (scripts/bundle.mjs, what `galley` runs after `npm ci` or `make`) behaves as the
 * sources do through tsx: same output, same exit status, same files byte for byte.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LETTER, ROOT } from '../helpers.ts'
import { entries, type Entry, remove } from './packages.ts'

let roots: Record<Entry, string>
beforeAll(async () => { roots = await entries() }, 120_000)
afterAll(() => remove(roots))

interface Run { code: number; stdout: string; stderr: string }

async function galley(entry: Entry, args: string[], cwd = ROOT): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(roots[entry], 'bin/galley.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } })
    return { code: 0, stdout, stderr }
  } catch (cause) {
    const { code, stdout, stderr } = cause as Run
    return { code, stdout, stderr }
  }
}

/** The same command run both ways. */
async function both(args: (out: string) => string[], cwd?: string) {
  const outs = { bundle: fs.mkdtempSync(path.join(os.tmpdir(), 'galley-out-')), src: fs.mkdtempSync(path.join(os.tmpdir(), 'galley-out-')) }
  const [bundle, src] = await Promise.all([galley('bundle', args(outs.bundle), cwd), galley('src', args(outs.src), cwd)])
  return { bundle, src, outs }
}

/** Every file under `dir`, relative path → bytes. */
const files = (dir: string) => Object.fromEntries(fs.readdirSync(dir, { recursive: true }).map(String).sort()
  .filter((name) => fs.statSync(path.join(dir, name)).isFile()).map((name) => [name, fs.readFileSync(path.join(dir, name))]))

describe('the bundled CLI and the sources through tsx', () => {
  it('print the same help and version', async () => {
    for (const args of [['--help'], ['--version'], ['build', '--help'], ['check', '--help'], ['refs', '--help'], ['watch', '--help'], ['nonsense']]) {
      const { bundle, src } = await both(() => args)
      expect(bundle, args.join(' ')).toEqual(src)
    }
    expect((await galley('bundle', ['--help'])).stdout).toMatch(/^galley \d+\.\d+\.\d+: /)
  })

  it('check the letter, and a broken copy of it, alike', async () => {
    const { bundle, src } = await both(() => ['check', LETTER])
    expect(bundle).toEqual(src)
    expect(bundle.code).toBe(0)
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-broken-'))
    try {
      fs.cpSync(path.dirname(LETTER), broken, { recursive: true })
      const letter = path.join(broken, path.basename(LETTER))
      fs.writeFileSync(letter, fs.readFileSync(letter, 'utf8').replace('[@balin2012]', '[@balin2021]'))
      const runs = await both(() => ['check', path.basename(LETTER)], broken)
      expect(runs.bundle).toEqual(runs.src)
      expect(runs.bundle.code).toBe(1)
      expect(runs.bundle.stderr).toContain('citation-unknown')
    } finally {
      fs.rmSync(broken, { recursive: true, force: true })
    }
  })

  it('build the same JATS and HTML, byte for byte', async () => {
    const { bundle, src, outs } = await both((out) => ['build', LETTER, '--format', 'jats,html', '--out', out, '--quiet'])
    try {
      expect(bundle).toEqual(src)
      expect(bundle.code).toBe(0)
      const built = files(outs.bundle)
      expect(Object.keys(built)).toEqual(expect.arrayContaining(['letter.xml', 'letter.html']))
      expect(built).toEqual(files(outs.src))
    } finally {
      for (const out of Object.values(outs)) fs.rmSync(out, { recursive: true, force: true })
    }
  })
})
