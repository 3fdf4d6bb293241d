/** A real `galley build` in a child process, to kill mid-build, and what it leaves in its output folder. */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { profileParent } from '../../src/pdf/browser.ts'
import { ROOT } from '../helpers.ts'

const GALLEY = path.join(ROOT, 'bin/galley.js')

export function spawnBuild(letter: string, out: string, formats?: string) {
  const format = formats ? ['--format', formats] : []
  return spawn(process.execPath, [GALLEY, 'build', letter, '--out', out, '--quiet', ...format], { stdio: 'ignore' })
}

export type Child = ReturnType<typeof spawnBuild>

export function finished(child: Child): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode)
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
}

/** Waits until the build has made its staging folder (it is then mid-build); false when it ended first. */
export async function staged(out: string, child: Child): Promise<boolean> {
  for (let waited = 0; waited < 60_000; waited += 10) {
    if (fs.existsSync(out) && fs.readdirSync(out).some((name) => name.startsWith(`.galley-staging-${child.pid}-`))) return true
    if (child.exitCode !== null) return false
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('no staging folder after 60 s')
}

/**
 * Every output file under `out` by relative path, its bytes in base64. A
 * killed build's staging folder is litter, not output (`stagingIn` counts
 * it): what it holds depends on how far the build got before the signal.
 */
export const snapshot = (out: string) => Object.fromEntries(fs.readdirSync(out, { recursive: true }).map(String).sort()
  .filter((name) => !name.startsWith('.galley-staging-') && fs.statSync(path.join(out, name)).isFile()).map((name) => [name, fs.readFileSync(path.join(out, name)).toString('base64')]))
export const profilesOf = (pid: number | undefined) => fs.readdirSync(profileParent()).filter((name) => name.startsWith(`galley-chromium-${pid}-`))
export const stagingIn = (out: string) => fs.readdirSync(out).filter((name) => name.startsWith('.galley-staging-'))
