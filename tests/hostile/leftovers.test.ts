/**
 * Nothing left behind: a build killed with SIGTERM removes its staging folder
 * and browser profile; one killed with kill -9 cannot, and the next build
 * removes what it left. The previous outputs stay byte-identical throughout.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, manuscript } from '../helpers.ts'

const GALLEY = path.join(ROOT, 'bin/galley.js')

function build(letter: string, out: string) {
  return spawn(process.execPath, [GALLEY, 'build', letter, '--out', out, '--quiet'], { stdio: 'ignore' })
}

function finished(child: ReturnType<typeof build>): Promise<number | NodeJS.Signals | null> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
}

/** Waits until the build has made its staging folder (it is then mid-build). */
async function staged(out: string, child: ReturnType<typeof build>): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 20) {
    if (fs.existsSync(out) && fs.readdirSync(out).some((name) => name.startsWith(`.galley-staging-${child.pid}-`))) return
    if (child.exitCode !== null) throw new Error('the build ended before staging')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('no staging folder after 60 s')
}

const snapshot = (out: string) => Object.fromEntries(fs.readdirSync(out, { recursive: true }).map(String).sort()
  .filter((name) => fs.statSync(path.join(out, name)).isFile()).map((name) => [name, fs.readFileSync(path.join(out, name)).toString('base64')]))
const profilesOf = (pid: number | undefined) => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`galley-chromium-${pid}-`))
const stagingIn = (out: string) => fs.readdirSync(out).filter((name) => name.startsWith('.galley-staging-'))

describe('killed builds', () => {
  it('SIGTERM cleans up at once; kill -9 leaves litter the next build removes; outputs never change', async () => {
    const dir = manuscript('Cited [@alpha2020], [@gamma2021], [@delta2019] and [@eta2018].\n')
    const letter = path.join(dir, 'letter.md')
    const out = path.join(dir, 'out')
    expect(await finished(build(letter, out))).toBe(0)
    const before = snapshot(out)

    const killed = build(letter, out)
    await staged(out, killed)
    killed.kill('SIGKILL')
    expect(await finished(killed)).toBe('SIGKILL')
    expect(stagingIn(out)).toHaveLength(1)
    expect(snapshot(out)).toEqual(before)

    const terminated = build(letter, out)
    await staged(out, terminated)
    // The new build has already removed the folder the killed one left.
    expect(stagingIn(out)).toHaveLength(1)
    terminated.kill('SIGTERM')
    expect(await finished(terminated)).toBe('SIGTERM')
    expect(stagingIn(out)).toEqual([])
    expect(profilesOf(terminated.pid)).toEqual([])
    expect(snapshot(out)).toEqual(before)

    expect(await finished(build(letter, out))).toBe(0)
    expect(stagingIn(out)).toEqual([])
    expect(profilesOf(killed.pid)).toEqual([])
    expect(snapshot(out)).toEqual(before)
  }, 120_000)
})
