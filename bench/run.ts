/**
 * Galley's benchmark: prints medians (and spreads) measured in one run, so
 * ratios between figures are fair on a shared, noisy machine.
 *
 *   galley check (in-process, warm)    prepare + JATS + DTD validation
 *   galley check (new process)         the command an author types
 *   watch rebuild                      one-word edit → all outputs rewritten
 *
 * Usage: node --import tsx bench/run.ts [--runs N]
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareArticle } from '../src/prepare/article.ts'
import { jatsFindings } from '../src/jats/findings.ts'
import { serializeJats, toJats } from '../src/jats/index.ts'
import { closeBrowser } from '../src/pdf/warm.ts'
import { createWatcher } from '../src/watch/watcher.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const runsAt = process.argv.indexOf('--runs')
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7

interface Figure { name: string; samples: number[] }
const figures: Figure[] = []

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

async function measure(name: string, runs: number, work: (run: number) => unknown): Promise<Figure> {
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    await work(run)
    samples.push(performance.now() - start)
  }
  const figure = { name, samples }
  figures.push(figure)
  return figure
}

function copyManuscript(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-'))
  fs.cpSync(path.join(ROOT, 'manuscript'), path.join(dir, 'manuscript'), { recursive: true })
  return dir
}

async function main(): Promise<void> {
  const dir = copyManuscript()
  const letter = path.join(dir, 'manuscript/letter.md')
  console.log(`Galley benchmark: ${RUNS} runs each, ${os.cpus().length} cores, Node ${process.version}\n`)

  // Warm-up: module loading, CSL style and DTD parsing happen once per process.
  jatsFindings(serializeJats(toJats(prepareArticle(letter, { cwd: dir }).article!)), 'letter.xml')

  await measure('check, in-process (prepare + JATS + DTD)', RUNS, () => {
    const { article } = prepareArticle(letter, { cwd: dir })
    jatsFindings(serializeJats(toJats(article!)), 'letter.xml')
  })
  await measure('check, new process (node bin/galley.js check)', Math.max(5, Math.ceil(RUNS / 2)), () => {
    execFileSync(process.execPath, [path.join(ROOT, 'bin/galley.js'), 'check', letter, '--quiet'], { cwd: dir, stdio: 'ignore' })
  })

  const original = fs.readFileSync(letter, 'utf8')
  const stages = new Map<string, number[]>()
  // One-word edits: "infrequent" becomes another word each run.
  const rebuilds = async (name: string, formats: Array<'jats' | 'html' | 'pdf'>, perStage: boolean) => {
    const watcher = createWatcher({ manuscript: letter, outDir: path.join(dir, `output-${formats.join('-')}`), formats, cwd: dir })
    if (!(await watcher.ready).ok) throw new Error('the letter did not build')
    await measure(name, RUNS, async (run) => {
      const next = watcher.nextBuild()
      fs.writeFileSync(letter, original.replace('an infrequent complication', `an infrequent${run % 2 ? '' : 'ly seen'} complication`))
      const build = await next
      if (!build.ok) throw new Error('rebuild failed')
      if (perStage) for (const [stage, ms] of build.timings) stages.set(stage, [...(stages.get(stage) ?? []), ms])
    })
    await watcher.close()
  }
  await rebuilds('watch rebuild, one-word edit → XML and HTML', ['jats', 'html'], false)
  await rebuilds('watch rebuild, one-word edit → XML, HTML, PDF', ['jats', 'html', 'pdf'], true)
  await closeBrowser()

  const width = Math.max(...figures.map((figure) => figure.name.length))
  for (const figure of figures) {
    const sorted = [...figure.samples].sort((a, b) => a - b)
    console.log(`${figure.name.padEnd(width)}  median ${median(sorted).toFixed(0).padStart(5)} ms   (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)}, n=${sorted.length})`)
  }
  console.log('\nwatch rebuild, median per stage:')
  for (const [stage, samples] of stages) console.log(`  ${stage.padEnd(10)} ${median(samples).toFixed(0).padStart(5)} ms`)
  const rebuild = median(figures.at(-1)!.samples)
  const check = median(figures[0].samples)
  console.log(`\nrebuild / 250 ms target: ${(rebuild / 250).toFixed(2)}   rebuild / in-process check: ${(rebuild / check).toFixed(1)}x`)
  fs.rmSync(dir, { recursive: true, force: true })
}

await main()
