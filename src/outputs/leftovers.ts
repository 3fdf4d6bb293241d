/**
 * Temporary folders (the outputs' staging folder, Chromium's profile) carry
 * the id of the process that made them. This run removes its own on every
 * exit, SIGINT and SIGTERM included; a run killed outright (kill -9) leaves
 * its folders behind, and the next run removes those whose process is gone.
 */
import fs from 'node:fs'
import path from 'node:path'

/** This run's folders, each with what must stop writing into it before it goes. */
const active = new Map<string, (() => void) | undefined>()
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * Best effort, as it runs in a signal's handler: a folder that cannot go now (something still
 * writing into it) is left for the next run, and the signal still ends this one.
 */
function removeActive(): void {
  for (const [dir, stopWriters] of active) {
    try {
      stopWriters?.()
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    } catch {
      // The next run removes it.
    }
  }
  active.clear()
}

/** Removes this run's folders, then lets the signal do what it would have done. */
function onSignal(signal: NodeJS.Signals): void {
  removeActive()
  unlisten()
  process.kill(process.pid, signal)
}

function unlisten(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal)
  process.off('exit', removeActive)
}

export interface Writers {
  /** Stops what writes into this run's folder (a browser into its profile), before it goes on an exit by signal. */
  stop?: () => void
  /** Stops what still writes into a folder a killed run left (its browser outlives it a moment). */
  stopStale?: (dir: string) => void
}

/** `parent/prefix<pid>-XXXXXX`, removed by `release` or on any exit of this process. */
export function ownedTempDir(parent: string, prefix: string, writers: Writers = {}): string {
  removeStale(parent, prefix, writers.stopStale)
  // Listening only while a folder exists keeps Ctrl-C as it was between builds (watch has its own
  // handler). The listeners go on before the folder exists: a signal landing right after it was
  // made would otherwise kill the process with its default action and leave the folder behind.
  if (active.size === 0) {
    for (const signal of SIGNALS) process.on(signal, onSignal)
    process.on('exit', removeActive)
  }
  let dir: string
  try {
    dir = fs.mkdtempSync(path.join(parent, `${prefix}${process.pid}-`))
  } catch (cause) {
    if (active.size === 0) unlisten()
    throw cause
  }
  active.set(dir, writers.stop)
  return dir
}

export function release(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  active.delete(dir)
  if (active.size === 0) unlisten()
}

/**
 * Folders an earlier, killed run left: their process no longer exists. A
 * folder without a pid in its name may belong to a running older Galley, so
 * it stays. Best effort: a folder that cannot be removed now is tried next time.
 */
export function removeStale(parent: string, prefix: string, stopWriters?: (dir: string) => void): void {
  let names: string[]
  try {
    names = fs.readdirSync(parent)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1])
    if (!pid || pid === process.pid || alive(pid)) continue
    try {
      stopWriters?.(path.join(parent, name))
      fs.rmSync(path.join(parent, name), { recursive: true, force: true, maxRetries: 3 })
    } catch {
      // Still being written by something: next time.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM'
  }
}
