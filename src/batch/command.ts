/** `galley build a.md b/ …`: many manuscripts, a progress line, and a summary table at the end. */
import os from 'node:os'
import path from 'node:path'
import { UsageError, type Io, type OptionValues } from '../cli/options.ts'
import { needsBrowser, warmUpChecks, type OutputFormat } from '../outputs/registry.ts'
import { setPrintPagesAtOnce } from '../pdf/print-page.ts'
import { closeBrowser, launchEarly, warmBrowser } from '../pdf/warm.ts'
import type { BatchResult } from './build.ts'
import { findManuscripts, outputFolders, parseShard, shardOf } from './manuscripts.ts'

export interface BatchIo extends Io {
  /** A terminal: one progress line rewritten in place, instead of a line per manuscript. */
  tty: boolean
}

export async function batchCommand(args: readonly string[], values: OptionValues, formats: OutputFormat[], io: BatchIo, cwd = process.cwd()): Promise<number> {
  const jobs = values.jobs === undefined ? os.availableParallelism() : Number(values.jobs)
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of at least 1, not "${values.jobs}"`)
  const shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined
  if (typeof shard === 'string') throw new UsageError(shard)
  const { manuscripts: all, missing } = findManuscripts(args, cwd)
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`)
  if (all.length === 0) throw new UsageError(`no manuscripts (.md files) in ${args.join(', ')}`)
  const manuscripts = shard ? shardOf(all, shard) : all
  const outDirs = outputFolders(all, path.resolve(cwd, String(values.out)))
  const shown = (file: string) => path.relative(cwd, file) || file
  const quiet = Boolean(values.quiet)

  if (!quiet) {
    io.err(`galley build: ${manuscripts.length} manuscript${manuscripts.length === 1 ? '' : 's'}${shard ? ` (shard ${shard.index}/${shard.count} of ${all.length})` : ''}, ${Math.min(jobs, manuscripts.length)} at a time`)
  }
  const started = performance.now()
  let done = 0
  let failed = 0
  const progress = (result: BatchResult) => {
    done++
    if (!result.ok) failed++
    if (result.report && (!result.ok || values.verbose)) {
      if (io.tty) io.err('\r\u001b[2K')
      io.err(result.report)
    }
    if (quiet) return
    if (io.tty) {
      const width = 30
      const filled = Math.round((done / manuscripts.length) * width)
      process.stderr.write(`\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${manuscripts.length}${failed ? `, ${failed} failed` : ''}  ${shown(result.manuscript)}`)
      if (done === manuscripts.length) process.stderr.write('\n')
    } else {
      io.err(`[${done}/${manuscripts.length}] ${result.ok ? 'built' : 'FAILED'} ${shown(result.manuscript)} in ${Math.round(result.ms)} ms`)
    }
  }
  let results: BatchResult[]
  try {
    // As in a single build, Chromium (with a print page for each job) and then the validator
    // thread (libxml2 and the DTD) start before the rest of Galley loads, on the other core
    // while this one loads it and reads the first manuscripts; the JATS is then validated off
    // this thread, beside the manuscripts being prepared and finished.
    setPrintPagesAtOnce(Math.min(jobs, manuscripts.length))
    const launching = needsBrowser(formats) ? launchEarly() : undefined
    await warmUpChecks(formats)
    await launching
    const { buildBatch } = await import('./build.ts')
    results = await buildBatch({
      manuscripts, outDirs, formats, jobs, template: values.template as string | undefined, cwd, browser: warmBrowser, onDone: progress,
    })
  } finally {
    // Killed, as after a single build: every PDF is written, and an orderly shutdown takes
    // Chromium a tenth of a second or more.
    await closeBrowser({ quickly: true })
    setPrintPagesAtOnce(1)
  }
  if (!quiet || failed) io.err(summaryTable(results, shown, cwd))
  io.err(`galley build: ${results.length - failed} built, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return failed ? 1 : 0
}

/** One row per manuscript: status, findings, time and where its outputs went. */
export function summaryTable(results: readonly BatchResult[], shown: (file: string) => string, cwd: string): string {
  const rows = [['manuscript', 'status', 'errors', 'warnings', 'time', 'outputs']]
  for (const result of results) {
    rows.push([shown(result.manuscript), result.ok ? 'built' : 'failed', String(result.errors), String(result.warnings),
      `${(result.ms / 1000).toFixed(1)} s`, result.ok ? `${path.relative(cwd, result.outDir) || '.'}/` : '-'])
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n')
}
