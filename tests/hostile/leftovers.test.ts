/**
 * Nothing left behind: a build killed with SIGTERM removes its staging folder
 * and browser profile; one killed with kill -9 cannot, and the next build
 * removes what it left. The previous outputs stay byte-identical throughout.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { manuscript } from '../helpers.ts'
import { finished, profilesOf, snapshot, spawnBuild as build, staged, stagingIn } from './processes.ts'

describe('killed builds', () => {
  it('SIGTERM cleans up at once; kill -9 leaves litter the next build removes; outputs never change', async () => {
    const dir = manuscript('Cited [@alpha2020], [@gamma2021], [@delta2019] and [@eta2018].\n')
    const letter = path.join(dir, 'letter.md')
    const out = path.join(dir, 'out')
    expect(await finished(build(letter, out))).toBe(0)
    const before = snapshot(out)

    const killed = build(letter, out)
    expect(await staged(out, killed)).toBe(true)
    killed.kill('SIGKILL')
    expect(await finished(killed)).toBe('SIGKILL')
    expect(stagingIn(out)).toHaveLength(1)
    expect(snapshot(out)).toEqual(before)

    const terminated = build(letter, out)
    expect(await staged(out, terminated)).toBe(true)
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
