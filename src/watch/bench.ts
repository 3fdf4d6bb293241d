/**
 * Rebuild latency in watch mode: one-word edits to a copy of manuscript/,
 * timed from the write until every output (JATS, HTML, PDF) is in place.
 *   node --import tsx src/watch/bench.ts [edits=7]
 * Prints the median wall time and the median of each stage, as JSON last.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { closeBrowser } from '../pdf/warm.ts'
import { createWatcher, type BuildEvent } from './watcher.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
// Cycled so that each edit differs from the text before it (which says 'infrequent').
const WORDS = ['uncommon', 'rare', 'unusual', 'infrequent']

export async function benchRebuilds(edits = 7): Promise<{ medianMs: number; stages: Record<string, number>; runs: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-watch-bench-'))
  fs.cpSync(path.join(ROOT, 'manuscript'), path.join(dir, 'manuscript'), { recursive: true })
  const manuscript = path.join(dir, 'manuscript/letter.md')
  const watcher = createWatcher({ manuscript, cwd: dir, outDir: 'output', formats: ['jats', 'html', 'pdf'] })
  try {
    const first = await watcher.ready
    if (!first.ok) throw new Error('the first build failed; run `galley check` on manuscript/letter.md')
    const runs: number[] = []
    const builds: BuildEvent[] = []
    let current = 'infrequent'
    // One edit more than measured: the first rebuild still warms up code paths.
    for (let index = 0; index <= edits; index++) {
      const word = WORDS[index % WORDS.length]
      const text = fs.readFileSync(manuscript, 'utf8').replace(`Calcinosis is an ${current}`, `Calcinosis is an ${word}`)
      current = word
      const next = watcher.nextBuild()
      const start = performance.now()
      fs.writeFileSync(manuscript, text)
      const build = await next
      if (!build.ok) throw new Error(`rebuild ${index} failed`)
      if (index === 0) continue
      runs.push(performance.now() - start)
      builds.push(build)
    }
    const stages = Object.fromEntries(builds[0].timings.map(([stage]) => [
      stage, median(builds.map((build) => build.timings.find(([name]) => name === stage)?.[1] ?? 0)),
    ]))
    return { medianMs: median(runs), stages: { ...stages, build: median(builds.map((build) => build.totalMs)) }, runs }
  } finally {
    await watcher.close()
    await closeBrowser()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return Math.round(sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await benchRebuilds(Number(process.argv[2] ?? 7))
  const stages = Object.entries(result.stages).map(([stage, ms]) => `${stage} ${ms} ms`).join(', ')
  console.log(`watch rebuild, edit → all outputs written: median ${result.medianMs} ms over ${result.runs.length} edits (${stages})`)
  console.log(JSON.stringify(result))
}
