/**
 * Figures inside one long-lived process, as watch mode and batch builds see
 * them: warm `prepare`, a warm check, and watch rebuilds after a one-word edit.
 */
import fs from 'node:fs'
import path from 'node:path'
import { jatsFindings } from '../src/jats/findings.ts'
import { serializeJats, toJats } from '../src/jats/index.ts'
import { validateJats } from '../src/jats/validate.ts'
import { closeBrowser } from '../src/pdf/warm.ts'
import { prepareArticle } from '../src/prepare/article.ts'
import { createWatcher } from '../src/watch/watcher.ts'
import type { OutputFormat } from '../src/outputs/registry.ts'
import { median, medians, type Sample } from './measure.ts'
import type { Row } from './run.ts'

/** Wall and CPU time of `work`, in this process. */
async function sample(work: () => unknown): Promise<Sample> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  await work()
  const used = process.cpuUsage(cpu)
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
}

async function repeat(runs: number, work: (run: number) => unknown): Promise<Sample> {
  const samples: Sample[] = []
  for (let index = 0; index < runs; index++) samples.push(await sample(() => work(index)))
  return medians(samples)
}

export async function measureInProcess({ dir, letter, runs }: { dir: string; letter: string; runs: number }): Promise<Row[]> {
  const rows: Row[] = []
  const check = () => {
    const { article } = prepareArticle(letter, { cwd: dir })
    if (!article) throw new Error('the letter has errors')
    const xml = serializeJats(toJats(article))
    jatsFindings(xml, 'letter.xml', validateJats(xml, 'letter.xml'))
  }
  // Warm-up: modules, the CSL engine and the DTD load once per process.
  check()
  const prepare = await repeat(runs * 3, () => prepareArticle(letter, { cwd: dir }))
  rows.push({ what: 'prepare, warm (parse, transforms, citations)', galley: prepare, target: '< 20 ms', met: prepare.wallMs < 20 })
  rows.push({ what: 'check, warm (prepare + JATS + DTD)', galley: await repeat(runs, check) })

  const original = fs.readFileSync(letter, 'utf8')
  const stages = new Map<string, number[]>()
  // One-word edits: "infrequent" becomes another word each run.
  const rebuilds = async (what: string, formats: OutputFormat[]): Promise<Row> => {
    const watcher = createWatcher({ manuscript: letter, outDir: path.join(dir, `watch-${formats.join('-')}`), formats, cwd: dir })
    if (!(await watcher.ready).ok) throw new Error('the letter did not build')
    const samples: Sample[] = []
    for (let index = 0; index < runs; index++) {
      const next = watcher.nextBuild()
      const started = performance.now()
      fs.writeFileSync(letter, original.replace('an infrequent complication', `an infrequent${index % 2 ? '' : 'ly seen'} complication`))
      const build = await Promise.race([next, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no rebuild 30 s after save ${index + 1}`)), 30_000).unref())])
      if (!build.ok) throw new Error('rebuild failed')
      // From the save to the last output written, the file watcher's debounce included.
      samples.push({ wallMs: performance.now() - started, cpuMs: Number.NaN })
      if (formats.includes('pdf')) for (const [stage, ms] of build.timings) stages.set(stage, [...(stages.get(stage) ?? []), ms])
    }
    await watcher.close()
    return { what, galley: { wallMs: median(samples.map((one) => one.wallMs)), cpuMs: Number.NaN } }
  }
  rows.push(await rebuilds('watch rebuild, one-word edit → XML, HTML', ['jats', 'html']))
  const all = await rebuilds('watch rebuild, one-word edit → XML, HTML, PDF', ['jats', 'html', 'pdf'])
  all.target = '< 300 ms'
  all.met = all.galley.wallMs < 300
  all.what += ` (${[...stages].map(([stage, ms]) => `${stage} ${Math.round(median(ms))}`).join(', ')})`
  rows.push(all)
  await closeBrowser()
  fs.writeFileSync(letter, original)
  return rows
}
