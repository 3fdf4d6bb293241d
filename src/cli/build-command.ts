/** `galley build`: one manuscript here; several (or a folder) in batch/. */
import fs from 'node:fs'
import { hasErrors, reportFailure } from '../diagnostics/messages.ts'
import { needsBrowser, warmUpChecks, type OutputFormat } from '../outputs/registry.ts'
import { reportText } from './report.ts'
import { DEFAULT_MANUSCRIPT, FORMAT_OPTION_HELP, parseFormats, parseOptions, type Io, type OptionValues } from './options.ts'

export const BUILD_HELP = `Usage: galley build [manuscript.md | FOLDER ...] [options]

Builds the outputs of a manuscript (default ${DEFAULT_MANUSCRIPT}). Given several
manuscripts or a folder (every .md in it and below, README.md aside), builds
them all with one browser, each into its own folder under --out (a/letter.md →
output/a/), prints a summary, and fails if any failed.

Options:
  --out DIR          Output folder (default: output)
${FORMAT_OPTION_HELP}
  --template NAME    Journal template name or folder (overrides the front matter)
  --offline          Never resolve identifiers missing from references.lock.json
                     (the default when CI is set)
  --quiet            Print errors only
  --verbose          Print every stage with its timing
  --jobs N           Manuscripts built at once (default: the number of cores)
  --shard I/N        Build only the I-th of N parts of the set (CI matrices)
  --help             This help`

export async function buildCommand(argv: string[], io: Io & { tty: boolean }): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    out: { type: 'string', default: 'output' },
    format: { type: 'string' },
    template: { type: 'string' },
    quiet: { type: 'boolean' },
    verbose: { type: 'boolean' },
    offline: { type: 'boolean' },
    jobs: { type: 'string' },
    shard: { type: 'string' },
  }, { many: true })
  if (values.help) return io.out(BUILD_HELP), 0
  const formats = parseFormats(values.format)
  const manuscript = positionals[0] ?? DEFAULT_MANUSCRIPT
  if (positionals.length > 1 || values.jobs !== undefined || values.shard !== undefined || fs.statSync(manuscript, { throwIfNoEntry: false })?.isDirectory()) {
    const { batchCommand } = await import('../batch/command.ts')
    return batchCommand(positionals.length ? positionals : [manuscript], values, formats, io)
  }
  const started = performance.now()
  // Spawned before anything else loads (Puppeteer included, which connects once loaded), so
  // Chromium starts on the other core while this one reads the manuscript; closed on every way
  // out below, a failed build's included, and quickly: this process is about to end.
  const warm = needsBrowser(formats) ? await import('../pdf/warm.ts') : undefined
  const launching = warm?.launchEarly()
  await warmUpChecks(formats)
  await launching
  try {
    return await buildOne(manuscript, values, formats, io, started)
  } finally {
    await warm?.closeBrowser({ quickly: true })
  }
}

async function buildOne(manuscript: string, values: OptionValues, formats: OutputFormat[], io: Io, started: number): Promise<number> {
  // Loaded on demand: `--help` and `--version` should not pay for citation-js and Puppeteer.
  const [{ prepareArticle }, { buildOutputs }, { warmBrowser, closeBrowser }] = await Promise.all([
    import('../prepare/article.ts'), import('../outputs/build.ts'), import('../pdf/warm.ts'),
  ])
  const loadMs = performance.now() - started
  let prepared = prepareArticle(manuscript, { template: values.template as string | undefined })
  // Online, identifiers the lock lacks are resolved once, then the build starts again.
  if (prepared.files.some((file) => file.messages.some((message) => message.ruleId === 'reference-unresolved'))) {
    const { lockForBuild, offlineByDefault } = await import('../references/command.ts')
    if (!values.offline && !offlineByDefault()) {
      if (!await lockForBuild(manuscript, io)) return 1
      prepared = prepareArticle(manuscript, { template: values.template as string | undefined })
    }
  }
  const prepareMs = performance.now() - started - loadMs
  // The emitters add their findings (unsupported nodes) to the manuscript's file, so the report waits for them.
  const reportPrepared = () => {
    const report = reportText(prepared.files, { color: io.color, quiet: Boolean(values.quiet) })
    if (report) io.err(report)
  }
  if (!prepared.article || hasErrors(prepared.files)) {
    reportPrepared()
    io.err(`galley build: ${manuscript} has errors; nothing was written (previous outputs are unchanged)`)
    return 1
  }
  const progress = (stage: string, ms: number) => io.err(`  ${stage.padEnd(9)} ${Math.round(ms)} ms`)
  if (values.verbose) {
    progress('load', loadMs)
    progress('prepare', prepareMs)
  }
  try {
    const result = await buildOutputs(prepared.article, {
      outDir: values.out as string, formats, browser: warmBrowser, onStage: values.verbose ? progress : undefined,
      // This process is about to end: Chromium is killed and its profile removed while the PDF is finished.
      onPrinted: () => void closeBrowser({ quickly: true }),
    })
    reportPrepared()
    if (!result.ok) {
      io.err(reportText(result.files, { color: io.color }))
      io.err('galley build: the outputs failed their checks; nothing was written (previous outputs are unchanged)')
      return 1
    }
    if (!values.quiet) {
      const stages = [['load', loadMs] as const, ['prepare', prepareMs] as const, ...result.timings]
        .map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`).join(', ')
      io.err(`galley build: wrote ${result.outputs.map((name) => `${values.out}/${name}`).join(', ')} in ${Math.round(performance.now() - started)} ms (${stages})`)
      if (values.verbose) io.err(`  files: ${result.written.join(', ')}`)
    }
    return 0
  } catch (cause) {
    reportPrepared()
    // Loaded only here: vfile is in the bundle's compiled part (scripts/bundle.mjs), which
    // `--help` and the browser's early start must not wait for.
    const { VFile } = await import('vfile')
    const file = new VFile({ path: manuscript })
    reportFailure(file, cause)
    io.err(reportText([file], { color: io.color }))
    io.err('galley build: previous outputs are unchanged')
    return 1
  }
}
