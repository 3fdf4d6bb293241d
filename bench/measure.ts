/**
 * Timing a command the way an author meets it: a new process, measured for
 * wall time, CPU time (its own and every process it started, e.g. Chromium's)
 * and, for Node processes, peak memory.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { cpuGroup } from './cpu-group.ts'

export interface Sample {
  wallMs: number
  /** User + system time of the command and every process it started. */
  cpuMs: number
  /** The CPU time is only the processes' the command waited for (no cgroup could be made): a lower bound. */
  cpuAtLeast?: boolean
  /** Peak resident memory of the Node process, when the command is one. */
  rssMb?: number
}

const PEAK_RSS = fileURLToPath(new URL('peak-rss.mjs', import.meta.url))
const CLOCK_TICKS = 100 // Linux's USER_HZ, what /proc/PID/stat counts in

/**
 * Runs `command` under `sh` in a cgroup of its own (cpu-group.ts), whose
 * counter gives the CPU time. Where none can be made, `sh` reads its own
 * children's CPU time from /proc/$$/stat (cutime, cstime) once the command is
 * done: every descendant the command waited for, not the orphans.
 */
export async function run(command: string, args: readonly string[], options: { cwd: string; node?: boolean; env?: Record<string, string> }): Promise<Sample> {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-rss-')), 'rss')
  const argv = options.node ? [process.execPath, '--import', PEAK_RSS, command, ...args] : [command, ...args]
  const group = cpuGroup()
  const join = group ? 'echo $$ > "$GALLEY_BENCH_CGROUP" || exit 125; ' : ''
  const script = join + '"$@" >/dev/null 2>"$GALLEY_BENCH_ERR"; status=$?; cat /proc/$$/stat >&3; exit $status'
  const errFile = `${rssFile}.err`
  const started = performance.now()
  const child = spawn('sh', ['-c', script, 'sh', ...argv], {
    cwd: options.cwd,
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    env: { ...process.env, ...options.env, GALLEY_BENCH_RSS_FILE: rssFile, GALLEY_BENCH_ERR: errFile, GALLEY_BENCH_CGROUP: group?.procs ?? '' },
  })
  let stat = ''
  child.stdio[3]!.on('data', (chunk) => (stat += chunk))
  const status = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve))
  const wallMs = performance.now() - started
  const groupMs = await group?.close()
  if (status !== 0) {
    throw new Error(`${argv.join(' ')} exited with ${status}:\n${fs.readFileSync(errFile, 'utf8').slice(-2000)}`)
  }
  // Fields after the ")" that ends the command name: state is field 3, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const reapedMs = ((Number(fields[16 - 3]) + Number(fields[17 - 3])) * 1000) / CLOCK_TICKS
  const rss = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').map(Number) : []
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true })
  const rssMb = rss.length ? Math.max(...rss) / 2 ** 20 : undefined
  return groupMs === undefined ? { wallMs, cpuMs: reapedMs, cpuAtLeast: true, rssMb } : { wallMs, cpuMs: groupMs, rssMb }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Medians of each field over the samples. */
export function medians(samples: readonly Sample[]): Sample {
  const rss = samples.flatMap((sample) => (sample.rssMb === undefined ? [] : [sample.rssMb]))
  return {
    wallMs: median(samples.map((sample) => sample.wallMs)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    rssMb: rss.length ? Math.max(...rss) : undefined,
    ...(samples.some((sample) => sample.cpuAtLeast) && { cpuAtLeast: true }),
  }
}
