/**
 * The browser of `galley build`: launched as a build that prints starts (with real Chromium,
 * through a wrapper script that notes each start), never for a build without a PDF, and gone
 * after every build, a build that fails before the PDF included (checked with ps).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBrowser, profileParent } from '../../src/pdf/browser.ts'
import { galley } from '../e2e/build.ts'
import { manuscript } from '../helpers.ts'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-build-browser-'))
const starts = path.join(scratch, 'starts')
const saved = process.env.GALLEY_BROWSER

beforeAll(() => {
  const wrapper = path.join(scratch, 'chromium')
  fs.writeFileSync(wrapper, `#!/bin/sh\necho started >> '${starts}'\nexec '${findBrowser().path}' "$@"\n`, { mode: 0o755 })
  process.env.GALLEY_BROWSER = wrapper
})

afterAll(() => {
  if (saved === undefined) delete process.env.GALLEY_BROWSER
  else process.env.GALLEY_BROWSER = saved
  fs.rmSync(scratch, { recursive: true, force: true })
})

const started = () => (fs.existsSync(starts) ? fs.readFileSync(starts, 'utf8').split('\n').filter(Boolean).length : 0)
const profiles = () => fs.readdirSync(profileParent()).filter((name) => name.startsWith(`galley-chromium-${process.pid}-`))
const browsersOfThisProcess = () => execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' }).split('\n')
  .filter((line) => line.includes(`galley-chromium-${process.pid}-`) && !line.trim().startsWith('Z'))

/** Killed processes take a moment to go. */
async function settled(list: () => string[]): Promise<string[]> {
  for (let waited = 0; waited < 5000 && list().length > 0; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100))
  return list()
}

describe('the browser of galley build', () => {
  it('is started once for a build with a PDF, and gone after it', async () => {
    const dir = manuscript('Cited [@alpha2020].\n')
    const before = started()
    const run = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'out')])
    expect(run.code, run.stderr).toBe(0)
    expect(fs.existsSync(path.join(dir, 'out/letter.pdf'))).toBe(true)
    expect(started() - before).toBe(1)
    expect(await settled(browsersOfThisProcess)).toEqual([])
    expect(profiles()).toEqual([])
  })

  it('is never started for JATS and HTML only', async () => {
    const dir = manuscript('Cited [@alpha2020].\n')
    const before = started()
    const run = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'out'), '--format', 'jats,html'])
    expect(run.code, run.stderr).toBe(0)
    expect(started() - before).toBe(0)
  })

  it('is gone after a build that fails before the PDF', async () => {
    const dir = manuscript('Cited [@no-such-key].\n')
    const before = started()
    const run = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'out')])
    expect(run.code).toBe(1)
    // Started as the build began, before the manuscript was read.
    expect(started() - before).toBe(1)
    expect(run.stderr).toContain('nothing was written')
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false)
    expect(await settled(browsersOfThisProcess)).toEqual([])
    expect(profiles()).toEqual([])
  })
})
