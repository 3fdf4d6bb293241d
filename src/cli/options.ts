/** What every `galley` command shares: its output channels and option parsing. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { DEFAULT_FORMATS, FORMATS, OUTPUTS, type OutputFormat } from '../outputs/registry.ts'

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  color: boolean
}

/** A mistake in the command line: reported with exit status 2. */
export class UsageError extends Error {}

export const DEFAULT_MANUSCRIPT = 'manuscript/letter.md'

type OptionSpecs = NonNullable<ParseArgsConfig['options']>
export type OptionValues = Record<string, string | boolean | undefined>

/** `many`: the command takes several manuscripts (`galley build a.md b/`). */
export function parseOptions(argv: string[], options: OptionSpecs, { many = false } = {}): { values: OptionValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean' }, ...options }, allowPositionals: true, strict: true })
    if (positionals.length > 1 && !many) throw new UsageError(`one manuscript at a time, not ${positionals.join(' ')}`)
    return { values: values as OptionValues, positionals }
  } catch (cause) {
    if (cause instanceof UsageError) throw cause
    throw new UsageError((cause as Error).message)
  }
}

export function parseFormats(value: string | boolean | undefined): OutputFormat[] {
  if (typeof value !== 'string') return DEFAULT_FORMATS
  const formats = value.split(',').map((format) => format.trim()).filter(Boolean)
  const unknown = formats.find((format) => !FORMATS.includes(format as OutputFormat))
  if (unknown !== undefined || formats.length === 0) throw new UsageError(`unknown format "${unknown ?? value}": use ${FORMATS.join(', ')}`)
  return formats as OutputFormat[]
}

const NUMBER_WORDS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']

/** The `--format LIST` line of the help of the commands that build. */
export const FORMAT_OPTION_HELP = `  --format LIST      Comma-separated: ${FORMATS.join(',')} (default: ${defaultFormatsHelp()})`

function defaultFormatsHelp(): string {
  if (DEFAULT_FORMATS.length < FORMATS.length) return DEFAULT_FORMATS.join(',')
  return FORMATS.length === 1 ? FORMATS[0] : `all ${NUMBER_WORDS[FORMATS.length] ?? FORMATS.length}`
}

/**
 * "JATS, HTML and PDF", as `Intl.ListFormat('en-GB', { type: 'conjunction' })` writes it, by hand:
 * the first Intl.ListFormat of a process loads ICU's list data, 12 ms of every `galley --help`.
 */
export const andList = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`

/** What a build makes, for the help: "JATS, HTML and PDF (MECA with --format meca)". */
export function builtFormatsHelp(): string {
  const onRequest = FORMATS.filter((format) => !DEFAULT_FORMATS.includes(format))
  const made = andList(DEFAULT_FORMATS.map((format) => OUTPUTS[format].label))
  if (onRequest.length === 0) return made
  return `${made} (${andList(onRequest.map((format) => OUTPUTS[format].label))} with --format ${onRequest.join(',')})`
}

/** Words filled into lines of at most `width` characters; lines after the first start with `indent`. */
export function fill(text: string, indent = '', width = 80): string {
  const [first, ...words] = text.split(' ')
  const lines = [first]
  for (const word of words) {
    if (lines[lines.length - 1].length + 1 + word.length > width) lines.push(indent + word)
    else lines[lines.length - 1] += ` ${word}`
  }
  return lines.join('\n')
}
