/**
 * CPU time of everything a command started, counted by a control group of its own. The shell's
 * reaped children (cutime) miss what is orphaned: Galley kills Chromium once the PDF is printed,
 * and the browser's renderers, reparented to init, are reaped there with their CPU time. A
 * cgroup's counter counts every process that ran in it, orphans and dead ones too.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export interface CpuGroup {
  /** The file a process writes its pid into to join the group (its later children join too). */
  procs: string
  /** Waits until no process of the group runs, then gives the group's CPU time and removes it. */
  close(): Promise<number>
}

interface Hierarchy {
  /** The cgroup this process is in, where groups are made. */
  parent: string
  /** CPU time of a group's processes, in milliseconds. */
  usageMs(group: string): number
}

/** How long the command's orphans may outlive it: Chromium's renderers end once their browser is gone. */
const ORPHANS_MS = 10_000

let hierarchy: Hierarchy | null | undefined
let made = 0

/** Whether this process can make groups, hence count the CPU time of a command's orphans. */
export function canCountOrphans(): boolean {
  hierarchy ??= findHierarchy() ?? null
  return hierarchy !== null
}

/**
 * A new group, or undefined where this process cannot make one (no cgroup file system, not
 * allowed): the CPU times are then the reaped children's, a lower bound.
 */
export function cpuGroup(): CpuGroup | undefined {
  if (!canCountOrphans()) return undefined
  const { usageMs, parent } = hierarchy!
  const dir = path.join(parent, `galley-bench-${process.pid}-${made++}`)
  fs.mkdirSync(dir)
  const procs = path.join(dir, 'cgroup.procs')
  return {
    procs,
    async close() {
      const deadline = performance.now() + ORPHANS_MS
      for (let left = running(procs); left.length > 0; left = running(procs)) {
        if (performance.now() > deadline) throw new Error(`Processes the command started still run ${ORPHANS_MS / 1000} s after it ended: ${left.join(', ')} (in ${dir})`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const used = usageMs(dir)
      removeGroup(dir)
      return used
    },
  }
}

function running(procs: string): string[] {
  return fs.readFileSync(procs, 'utf8').split('\n').filter(Boolean)
}

/** cgroup v2 (cpu.stat is in every group), else v1's cpuacct controller; where a group can be made. */
function findHierarchy(): Hierarchy | undefined {
  let mounts: string[][]
  let own: string[][]
  try {
    mounts = fs.readFileSync('/proc/self/mounts', 'utf8').split('\n').map((line) => line.split(' '))
    // hierarchy-id:controllers:path
    own = fs.readFileSync('/proc/self/cgroup', 'utf8').split('\n').filter(Boolean).map((line) => line.split(':'))
  } catch {
    return undefined
  }
  const candidates: Hierarchy[] = []
  const v2 = mounts.find((fields) => fields[2] === 'cgroup2')
  const v2Path = own.find((fields) => fields[0] === '0')?.[2]
  if (v2 && v2Path !== undefined) {
    candidates.push({
      parent: path.join(v2[1], v2Path),
      usageMs: (group) => Number(/^usage_usec (\d+)$/m.exec(fs.readFileSync(path.join(group, 'cpu.stat'), 'utf8'))?.[1] ?? Number.NaN) / 1000,
    })
  }
  const v1 = mounts.find((fields) => fields[2] === 'cgroup' && fields[3]?.split(',').includes('cpuacct'))
  const v1Path = own.find((fields) => fields[1]?.split(',').includes('cpuacct'))?.[2]
  if (v1 && v1Path !== undefined) {
    candidates.push({
      parent: path.join(v1[1], v1Path),
      usageMs: (group) => Number(fs.readFileSync(path.join(group, 'cpuacct.usage'), 'utf8')) / 1e6,
    })
  }
  return candidates.find(canMakeGroups)
}

/** Makes a group, joins it with a short-lived process and reads its counter. */
function canMakeGroups(candidate: Hierarchy): boolean {
  const probe = path.join(candidate.parent, `galley-bench-${process.pid}-probe`)
  try {
    fs.mkdirSync(probe)
  } catch {
    return false
  }
  try {
    const joined = spawnSync('sh', ['-c', 'echo $$ > "$1"', 'sh', path.join(probe, 'cgroup.procs')], { stdio: 'ignore' })
    return joined.status === 0 && Number.isFinite(candidate.usageMs(probe))
  } catch {
    return false
  } finally {
    removeGroup(probe)
  }
}

/** Removes an empty group; its last process may still be exiting (gone from its list, not yet from the group). */
function removeGroup(dir: string): void {
  for (let tries = 0; ; tries++) {
    try {
      fs.rmdirSync(dir)
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EBUSY' || tries === 100) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
    }
  }
}
