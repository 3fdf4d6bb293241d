/**
 * Many manuscripts in one process: one browser, `jobs` builds at once (each
 * prepares on the main thread, then waits on its own browser page), the
 * CSL engine, parsed bibliographies and the DTD shared by all. A manuscript
 * that fails is reported and the others go on.
 */
import type { Browser } from 'puppeteer-core'
import { VFile } from 'vfile'
import { reportText } from '../cli/report.ts'
import { error, hasErrors } from '../diagnostics/messages.ts'
import { buildOutputs } from '../outputs/build.ts'
import type { OutputFormat } from '../outputs/registry.ts'
import { prepareArticle } from '../prepare/article.ts'

export interface BatchOptions {
  manuscripts: readonly string[]
  /** Output folder per manuscript (see outputFolders). */
  outDirs: ReadonlyMap<string, string>
  formats: readonly OutputFormat[]
  jobs: number
  template?: string
  cwd?: string
  browser?: () => Promise<Browser>
  /** Told as each manuscript starts and ends. */
  onStart?: (manuscript: string) => void
  onDone?: (result: BatchResult) => void
}

export interface BatchResult {
  manuscript: string
  outDir: string
  ok: boolean
  errors: number
  warnings: number
  ms: number
  /** The findings, as `galley build` prints them. */
  report: string
  /** Output files written, relative to outDir. */
  outputs: string[]
}

export async function buildBatch(options: BatchOptions): Promise<BatchResult[]> {
  const results = new Map<string, BatchResult>()
  const queue = [...options.manuscripts]
  const worker = async () => {
    for (let manuscript = queue.shift(); manuscript !== undefined; manuscript = queue.shift()) {
      options.onStart?.(manuscript)
      const result = await buildOne(manuscript, options)
      results.set(manuscript, result)
      options.onDone?.(result)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, queue.length)) }, worker))
  return options.manuscripts.map((manuscript) => results.get(manuscript)!)
}

async function buildOne(manuscript: string, options: BatchOptions): Promise<BatchResult> {
  const started = performance.now()
  const outDir = options.outDirs.get(manuscript)!
  let files: VFile[] = []
  let outputs: string[] = []
  let ok = false
  try {
    // Yield first, so jobs interleave: prepare is synchronous.
    await new Promise((resolve) => setImmediate(resolve))
    const prepared = prepareArticle(manuscript, { template: options.template, cwd: options.cwd })
    files = prepared.files
    if (prepared.article && !hasErrors(files)) {
      const result = await buildOutputs(prepared.article, { outDir, formats: options.formats, browser: options.browser })
      files = [...files, ...result.files]
      ok = result.ok && !hasErrors(files)
      if (ok) outputs = result.outputs
    }
  } catch (cause) {
    const file = new VFile({ path: manuscript })
    error(file, `Build failed: ${(cause as Error).message}`, undefined, 'build-failed')
    files = [...files, file]
  }
  const messages = files.flatMap((file) => file.messages)
  const errors = messages.filter((message) => message.fatal).length
  return {
    manuscript, outDir, ok, errors, warnings: messages.length - errors, ms: performance.now() - started,
    report: reportText(files), outputs,
  }
}
