/** `galley build | check | watch`: argument parsing and reporting only; the work is elsewhere. */
import fs from 'node:fs'
import { VFile } from 'vfile'
import { hasErrors, reportFailure } from '../diagnostics/messages.ts'
import { reportJson, reportText } from './report.ts'
import { cheaplyChecked } from '../outputs/registry.ts'
import { andList, builtFormatsHelp, DEFAULT_MANUSCRIPT, fill, FORMAT_OPTION_HELP, parseFormats, parseOptions, UsageError, type Io } from './options.ts'

const VERSION = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string

// What `galley check` checks: the manuscript's parts, then each output format with a cheap check.
const CHECKED = ['front matter', 'citations', 'cross-references', 'figures', 'CSL', 'bibliography']
const CHECKED_IN_FULL = ['front matter', 'citation keys', 'cross-references', 'figure files', 'CSL style', 'bibliography']
const OUTPUT_CHECKS = cheaplyChecked().map((entry) => entry.check.what)

const HELP: Record<string, string> = {
  main: `galley ${VERSION}: Markdown scientific letters to JATS XML, journal HTML and PDF

Usage: galley <command> [manuscript.md] [options]

Commands:
  build   Build ${builtFormatsHelp()} into output/
${fill(`  check   Check everything but the PDF, quickly (${[...CHECKED, ...OUTPUT_CHECKS].join(', ')})`, ' '.repeat(10))}
  watch   Rebuild on every change; --serve for a live preview
  refs    Resolve works cited by DOI, PMID or PMCID into references.lock.json;
          --check compares the bibliography with what its identifiers resolve to

Run 'galley <command> --help' for a command's options.
Options: --help, --version`,
  build: `Usage: galley build [manuscript.md | FOLDER ...] [options]

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
  --help             This help`,
  check: `Usage: galley check [manuscript.md] [options]

${fill(`Checks the manuscript without writing anything: ${andList([...CHECKED_IN_FULL, ...OUTPUT_CHECKS])}.`)}
Exit status: 0 when there are no errors, 1 when there are.

Options:
  --format text|json Report format (default: text)
  --strict           Warnings fail too
  --template NAME    Journal template name or folder
  --quiet            Print errors only
  --help             This help`,
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  color: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === '--version' || command === '-v') return io.out(VERSION), 0
  if (!command || command === '--help' || command === '-h' || command === 'help') return io.out(HELP.main), command ? 0 : 2
  try {
    switch (command) {
      case 'build': return await build(rest, io)
      case 'check': return await check(rest, io)
      case 'refs': {
        const { refsCommand } = await import('../references/command.ts')
        return await refsCommand(rest, io)
      }
      case 'watch': {
        const { watchCommand } = await import('../watch/command.ts')
        return await watchCommand(rest, io)
      }
      default:
        io.err(`galley: unknown command "${command}". Commands: build, check, watch, refs (galley --help)`)
        return 2
    }
  } catch (cause) {
    if (cause instanceof UsageError) {
      io.err(`galley ${command}: ${cause.message}`)
      return 2
    }
    throw cause
  }
}

async function build(argv: string[], io: Io): Promise<number> {
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
  if (values.help) return io.out(HELP.build), 0
  const formats = parseFormats(values.format)
  const manuscript = positionals[0] ?? DEFAULT_MANUSCRIPT
  if (positionals.length > 1 || values.jobs !== undefined || values.shard !== undefined || fs.statSync(manuscript, { throwIfNoEntry: false })?.isDirectory()) {
    const { batchCommand } = await import('../batch/command.ts')
    return batchCommand(positionals.length ? positionals : [manuscript], values, formats, { ...io, tty: io === defaultIo && Boolean(process.stderr.isTTY) })
  }
  const started = performance.now()
  // Loaded on demand: `--help` and `--version` should not pay for citation-js and Puppeteer.
  const [{ prepareArticle }, { buildOutputs }, { closeBrowser, warmBrowser }] = await Promise.all([
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
    const file = new VFile({ path: manuscript })
    reportFailure(file, cause)
    io.err(reportText([file], { color: io.color }))
    io.err('galley build: previous outputs are unchanged')
    return 1
  } finally {
    await closeBrowser()
  }
}

async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', default: 'text' },
    strict: { type: 'boolean' },
    template: { type: 'string' },
    quiet: { type: 'boolean' },
  })
  if (values.help) return io.out(HELP.check), 0
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown report format "${values.format}": use text or json`)
  const manuscript = positionals[0] ?? DEFAULT_MANUSCRIPT
  const [{ prepareArticle }, { checkOutputs }] = await Promise.all([import('../prepare/article.ts'), import('../outputs/check.ts')])
  const prepared = prepareArticle(manuscript, { template: values.template as string | undefined })
  const files = [...prepared.files]
  if (prepared.article) files.push(...(await checkOutputs(prepared.article)))
  const failed = hasErrors(files) || (Boolean(values.strict) && files.some((file) => file.messages.length > 0))
  if (values.format === 'json') io.out(reportJson(files))
  else {
    const text = reportText(files, { color: io.color, quiet: Boolean(values.quiet) })
    if (text) io.err(text)
    if (!values.quiet && !failed) io.err(`galley check: ${manuscript} is ready (${files.reduce((n, f) => n + f.messages.length, 0)} warnings)`)
  }
  return failed ? 1 : 0
}
