/** `galley watch`: rebuild on every change, print one line per build, optionally serve a live preview. */
import path from 'node:path'
import { displayPath } from '../diagnostics/messages.ts'
import { closeBrowser, launchEarly } from '../pdf/warm.ts'
import { reportText } from '../cli/report.ts'
import { DEFAULT_MANUSCRIPT, FORMAT_OPTION_HELP, parseFormats, parseOptions, UsageError, type Io } from '../cli/options.ts'
import { FORMATS, needsBrowser, OUTPUTS, type OutputFormat } from '../outputs/registry.ts'
import { startPreviewServer, type PreviewServer } from './server.ts'
import { buildLine, verboseLines } from './summary.ts'
import { createWatcher, type BuildEvent, type PageEvent } from './watcher.ts'

// Sources whose content the page carries inline: the manuscript, bibliography, CSL, metadata, CSS.
const INLINED_SOURCES = /\.(md|markdown|bib|json|ya?ml|csl|xml|css)$/i

export interface WatchCommandOptions {
  /** Stops watching like Ctrl-C does (tests; SIGINT and SIGTERM always do). */
  signal?: AbortSignal
}

export const WATCH_HELP = `Usage: galley watch [manuscript.md] [options]

Builds once, then rebuilds every output when the manuscript, its bibliography,
figures, CSL style or template folder change. A broken edit prints the
findings and leaves the last good outputs in place. Ctrl-C stops.

Options:
  --out DIR          Output folder (default: output)
${FORMAT_OPTION_HELP}
  --template NAME    Journal template name or folder (overrides the front matter)
  --serve            Preview on http://127.0.0.1:PORT/, updated in place on each edit
  --port N           First port to try for --serve (default: 4173)
  --quiet            Print errors only
  --verbose          Also print the findings count, stages and files written
  --help             This help`

export async function watchCommand(argv: string[], io: Io, options: WatchCommandOptions = {}): Promise<number> {
  let parsed: ReturnType<typeof readOptions>
  try {
    parsed = readOptions(argv)
  } catch (cause) {
    if (cause instanceof UsageError) return usage(io, cause.message)
    throw cause
  }
  const { values, positionals, formats, port } = parsed
  if (values.help) return io.out(WATCH_HELP), 0

  const manuscript = positionals[0] ?? DEFAULT_MANUSCRIPT
  const quiet = Boolean(values.quiet)
  const outDir = String(values.out)
  const stem = path.parse(manuscript).name
  const cwd = process.cwd()

  // Wait for the stop request first, so a Ctrl-C during the first build is not lost.
  const stop = stopRequested(options.signal)
  let server: PreviewServer | undefined
  if (values.serve) {
    try {
      server = await startPreviewServer({ outDir, ...previewFiles(stem, formats), port })
    } catch (cause) {
      stop.dispose()
      io.err(`galley watch: cannot serve the preview: ${(cause as Error).message}`)
      return 1
    }
    io.err(`Preview: ${server.url}`)
  }
  // Chromium starts while the first build reads the manuscript.
  if (needsBrowser(formats)) void launchEarly()
  const watcher = createWatcher({ manuscript, outDir, formats, template: values.template as string | undefined })
  let lastWarnings = ''
  watcher.on('build', (build: BuildEvent) => {
    const summary = { color: io.color, cwd, manuscriptDir: path.dirname(path.resolve(cwd, manuscript)) }
    if (!build.ok) {
      io.err(buildLine(build, summary))
      io.err(reportText(build.files, { color: io.color, quiet }))
    } else if (!quiet) {
      io.err(buildLine(build, summary))
      // Warnings are shown when they first appear or change, not on every save.
      const warnings = reportText(build.files, { color: io.color })
      if (warnings && warnings !== lastWarnings) io.err(warnings)
      lastWarnings = warnings
    }
    if (values.verbose && !quiet) io.err(verboseLines(build))
    server?.announce({ seq: build.seq, ok: build.ok, text: build.ok ? undefined : reportText(build.files) })
  })
  // Not when a file the page fetches by its address changed (a figure, a font): the open page
  // would keep showing the old one; it reloads after the build instead.
  watcher.on('page', (page: PageEvent) => {
    if (page.changed.every((file) => INLINED_SOURCES.test(file))) server?.showPage(page)
  })

  await Promise.race([watcher.ready, stop.promise])
  if (!stop.requested && !quiet) {
    const { files, folders } = watcher.sources()
    io.err(`Watching ${files.length} file${files.length === 1 ? '' : 's'}${folders.length ? ` and ${folders.map((folder) => displayPath(folder, cwd)).join(', ')}` : ''}; Ctrl-C stops`)
  }
  await stop.promise
  await watcher.close()
  await server?.close()
  await closeBrowser()
  stop.dispose()
  return 0
}

function readOptions(argv: string[]) {
  const { values, positionals } = parseOptions(argv, {
    out: { type: 'string', default: 'output' },
    format: { type: 'string' },
    template: { type: 'string' },
    serve: { type: 'boolean' },
    port: { type: 'string', default: '4173' },
    quiet: { type: 'boolean' },
    verbose: { type: 'boolean' },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`)
  return { values, positionals, formats: parseFormats(values.format), port }
}

/** The page the preview shows at `/`, and the output it links to when that is built. */
function previewFiles(stem: string, formats: readonly OutputFormat[]): { page: string; pdf?: string } {
  const page = FORMATS.map((format) => OUTPUTS[format]).find((entry) => entry.preview === 'page')!
  const link = formats.map((format) => OUTPUTS[format]).find((entry) => entry.preview === 'link')
  return { page: `${stem}.${page.extension}`, pdf: link && `${stem}.${link.extension}` }
}

function usage(io: Io, message: string): number {
  io.err(`galley watch: ${message}`)
  return 2
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** Resolves on SIGINT, SIGTERM, SIGHUP or the abort signal; a second Ctrl-C during cleanup exits at once. */
function stopRequested(signal?: AbortSignal) {
  let resolve!: () => void
  const state = { requested: false, promise: new Promise<void>((done) => (resolve = done)), dispose: () => {} }
  const onSignal = () => {
    if (state.requested) process.exit(130)
    state.requested = true
    resolve()
  }
  for (const name of SIGNALS) process.on(name, onSignal)
  signal?.addEventListener('abort', onSignal, { once: true })
  if (signal?.aborted) onSignal()
  state.dispose = () => {
    for (const name of SIGNALS) process.off(name, onSignal)
    signal?.removeEventListener('abort', onSignal)
  }
  return state
}
