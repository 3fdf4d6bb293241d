/**
 * Emit the outputs of a prepared article into a staging folder, check them,
 * then move them into place together: a failed build leaves the previous
 * outputs as they were. What each format is, emits and checks is in the
 * registry; this module only orders, stages and publishes.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import type { Node } from 'unist'
import type { VFile } from 'vfile'
import { displayPath, hasErrors, StageFailure } from '../diagnostics/messages.ts'
import type { Article } from '../types.ts'
import type { CopiedFile } from './figure-files.ts'
import { ownedTempDir, release } from './leftovers.ts'
import { buildPlan, FORMATS, formatOfOutput, OUTPUTS, type Emitted, type OutputFormat } from './registry.ts'

export interface BuildOptions {
  outDir: string
  formats: readonly OutputFormat[]
  /** Needed for PDF; kept warm by the caller across builds. */
  browser?: () => Promise<Browser>
  /**
   * Told once the browser is needed no more, every printed output printed, before their files
   * are finished: a command that builds once closes the browser then, while this process works on.
   */
  onPrinted?: () => void
  /** Told as each stage ends, for progress output. */
  onStage?: (stage: string, ms: number) => void
  /**
   * Told as each output is emitted and has passed its check, before the outputs
   * after it are made and long before any is published (watch's preview shows
   * the page without waiting for the PDF).
   */
  onEmitted?: (format: OutputFormat, emitted: Emitted, kept: boolean) => void
  /**
   * Emitted before the others when it needs none of them (watch's preview page,
   * which should not wait for the JATS to validate); outputs keep the table's order.
   */
  first?: OutputFormat
}

export interface BuildResult {
  /** Paths written, relative to the output folder. */
  written: string[]
  /** The outputs among them, one per format asked for, in the registry's order: letter.xml, letter.html. */
  outputs: string[]
  /** Milliseconds per stage, in order. */
  timings: Array<[stage: string, ms: number]>
  /** Files carrying findings about the outputs (invalid JATS). */
  files: VFile[]
  ok: boolean
}

export async function buildOutputs(article: Article, options: BuildOptions): Promise<BuildResult> {
  const outDir = path.resolve(options.outDir)
  const base = path.basename(article.file.stem ?? 'article')
  const result: BuildResult = { written: [], outputs: [], timings: [], files: [], ok: true }
  // Stages are listed in the order they start; a printed output's overlap the ones after it.
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now()
    const timing: [string, number] = [stage, 0]
    result.timings.push(timing)
    try {
      return await work()
    } catch (cause) {
      throw cause instanceof StageFailure ? cause : new StageFailure(stage, cause)
    } finally {
      timing[1] = performance.now() - start
      options.onStage?.(stage, timing[1])
    }
  }

  fs.mkdirSync(outDir, { recursive: true })
  const staging = ownedTempDir(outDir, '.galley-staging-')
  const staged: Partial<Record<OutputFormat, string>> = {}
  const stagedAssets: Partial<Record<OutputFormat, readonly CopiedFile[]>> = {}
  const stagedTrees: Partial<Record<OutputFormat, Node>> = {}
  // One copy per target: the JATS and the HTML both carry the figures.
  const copy = (asset: CopiedFile) => {
    if (result.written.includes(asset.to)) return
    fs.mkdirSync(path.dirname(path.join(staging, asset.to)), { recursive: true })
    fs.copyFileSync(asset.from, path.join(staging, asset.to))
    result.written.push(asset.to)
  }
  const plan = buildPlan(options.formats)
  // Printed outputs being made while the loop goes on: true once staged, false if a check failed.
  const printing = new Map<OutputFormat, Promise<boolean>>()
  let toPrint = plan.filter((step) => step.entry.printed).length
  const onPrinted = options.onPrinted && (() => void (--toPrint === 0 && options.onPrinted!()))
  /** Emits, checks and stages one output; false when its check (or one it needs) failed. */
  const make = async ({ entry, kept }: PlannedStep): Promise<boolean> => {
    const waits = entry.needs.flatMap((need) => printing.get(need) ?? [])
    if (waits.length > 0 && (await Promise.all(waits)).includes(false)) return false
    const name = `${base}.${entry.extension}`
    const emitted = await entry.emit(article, { time, staged, stagedAssets, stagedTrees, browser: options.browser, onPrinted })
    const check = entry.check
    if (check) {
      const findings = await time(check.stage, () => check.run(emitted, displayPath(path.join(outDir, name), article.file.cwd), article))
      // Problems made from the manuscript are reported in it (the CLI prints its file).
      if (findings.messages.length > 0 || hasErrors([article.file])) {
        if (findings.messages.length > 0) result.files.push(findings)
        result.ok = false
        return false
      }
    }
    staged[entry.format] = path.join(staging, name)
    fs.writeFileSync(staged[entry.format]!, emitted.content)
    // An output made only for another (the page a PDF is printed from) stays in staging.
    if (kept) {
      result.written.push(name)
      result.outputs.push(name)
    }
    emitted.assets.forEach(copy)
    stagedAssets[entry.format] = emitted.assets
    if (emitted.tree) stagedTrees[entry.format] = emitted.tree
    options.onEmitted?.(entry.format, emitted, kept)
    return true
  }
  try {
    try {
      for (const step of ordered(plan, options.first)) {
        const made = make(step)
        if (step.entry.printed) {
          made.catch(() => {}) // awaited below; not an unhandled rejection meanwhile
          printing.set(step.entry.format, made)
        } else if (!(await made)) {
          return result
        }
      }
      if ((await Promise.all(printing.values())).includes(false)) return result
    } finally {
      // A build that stops early still waits for its printing, which reads the staging folder.
      await Promise.allSettled(printing.values())
    }
    await time('write', () => publish(staging, outDir, result.written))
    result.outputs.sort((a, b) => FORMATS.indexOf(formatOfOutput(a)!) - FORMATS.indexOf(formatOfOutput(b)!))
    return result
  } finally {
    release(staging)
  }
}

type PlannedStep = ReturnType<typeof buildPlan>[number]

/**
 * The plan in the order its steps start: `first` (when it needs nothing), then the printed
 * outputs as early as what they need allows, so the browser prints while the rest is made,
 * then the others; each after what it needs.
 */
function ordered(plan: PlannedStep[], first?: OutputFormat): PlannedStep[] {
  const early = new Set<OutputFormat>()
  const bringForward = (format: OutputFormat) => {
    if (early.has(format)) return
    OUTPUTS[format].needs.forEach(bringForward)
    early.add(format)
  }
  const firstStep = plan.find(({ entry }) => entry.format === first && entry.needs.length === 0)
  if (firstStep) early.add(firstStep.entry.format)
  for (const { entry } of plan) if (entry.printed) bringForward(entry.format)
  const rank = (step: PlannedStep) => (step === firstStep ? 0 : early.has(step.entry.format) ? 1 : 2)
  return [...plan].sort((a, b) => rank(a) - rank(b))
}

function publish(staging: string, outDir: string, names: readonly string[]): void {
  for (const name of names) {
    const target = path.join(outDir, name)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.renameSync(path.join(staging, name), target)
  }
}
