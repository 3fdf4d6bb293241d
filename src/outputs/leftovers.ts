/**
 * Temporary folders (the outputs' staging folder, Chromium's profile) carry
 * the id of the process that made them. This run removes its own on every
 * exit, SIGINT and SIGTERM included; a run killed outright (kill -9) leaves
 * its folders behind, and the next run removes those whose process is gone.
 */
import fs from 'node:fs'
import path from 'node:path'

const active = new Set<string>()
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

function removeActive(): void {
  for (const dir of active) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
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

/** `parent/prefix<pid>-XXXXXX`, removed by `release` or on any exit of this process. */
export function ownedTempDir(parent: string, prefix: string): string {
  removeStale(parent, prefix)
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
  active.add(dir)
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
export function removeStale(parent: string, prefix: string): void {
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
      fs.rmSync(path.join(parent, name), { recursive: true, force: true })
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
