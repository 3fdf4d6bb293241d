/** `galley check`: everything but the PDF, in memory, writing nothing. */
import { hasErrors } from '../diagnostics/messages.ts'
import { cheaplyChecked, warmUpChecks } from '../outputs/registry.ts'
import { reportJson, reportText } from './report.ts'
import { andList, DEFAULT_MANUSCRIPT, fill, parseOptions, UsageError, type Io } from './options.ts'

const CHECKED_IN_FULL = ['front matter', 'citation keys', 'cross-references', 'figure files', 'CSL style', 'bibliography']
const OUTPUT_CHECKS = cheaplyChecked().map((entry) => entry.check.what)

export const CHECK_HELP = `Usage: galley check [manuscript.md] [options]

${fill(`Checks the manuscript without writing anything: ${andList([...CHECKED_IN_FULL, ...OUTPUT_CHECKS])}.`)}
Exit status: 0 when there are no errors, 1 when there are.

Options:
  --format text|json Report format (default: text)
  --strict           Warnings fail too
  --template NAME    Journal template name or folder
  --quiet            Print errors only
  --help             This help`

export async function checkCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', default: 'text' },
    strict: { type: 'boolean' },
    template: { type: 'string' },
    quiet: { type: 'boolean' },
  })
  if (values.help) return io.out(CHECK_HELP), 0
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown report format "${values.format}": use text or json`)
  const manuscript = positionals[0] ?? DEFAULT_MANUSCRIPT
  // First: what the output checks need loads on the other core while this one prepares.
  await warmUpChecks(cheaplyChecked().map((entry) => entry.format))
  const [{ prepareArticle }, { checkOutputs }] = await Promise.all([import('../prepare/article.ts'), import('../outputs/check.ts')])
  const prepared = prepareArticle(manuscript, { template: values.template as string | undefined })
  const files = [...prepared.files]
  if (prepared.article) files.push(...(await checkOutputs(prepared.article)))
  const failed = hasErrors(files) || (Boolean(values.strict) && files.some((file) => file.messages.length > 0))
  if (values.format === 'json') io.out(reportJson(files))
  else {
    const text = reportText(files, { color: io.color, quiet: Boolean(values.quiet) })
    if (text) io.err(text)
    const warnings = files.reduce((n, f) => n + f.messages.length, 0)
    if (!values.quiet && !failed) io.err(`galley check: ${manuscript} is ready${warnings === 0 ? '' : ` (${warnings} warning${warnings === 1 ? '' : 's'})`}`)
  }
  return failed ? 1 : 0
}
