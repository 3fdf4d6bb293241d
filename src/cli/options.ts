/** What every `galley` command shares: its output channels and option parsing. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { OutputFormat } from '../types.ts'

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  color: boolean
}

/** A mistake in the command line: reported with exit status 2. */
export class UsageError extends Error {}

export const FORMATS: OutputFormat[] = ['jats', 'html', 'pdf']
export const DEFAULT_MANUSCRIPT = 'manuscript/letter.md'

type OptionSpecs = NonNullable<ParseArgsConfig['options']>
export type OptionValues = Record<string, string | boolean | undefined>

export function parseOptions(argv: string[], options: OptionSpecs): { values: OptionValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean' }, ...options }, allowPositionals: true, strict: true })
    if (positionals.length > 1) throw new UsageError(`one manuscript at a time, not ${positionals.join(' ')}`)
    return { values: values as OptionValues, positionals }
  } catch (cause) {
    if (cause instanceof UsageError) throw cause
    throw new UsageError((cause as Error).message)
  }
}

export function parseFormats(value: string | boolean | undefined): OutputFormat[] {
  if (typeof value !== 'string') return FORMATS
  const formats = value.split(',').map((format) => format.trim()).filter(Boolean)
  const unknown = formats.find((format) => !FORMATS.includes(format as OutputFormat))
  if (unknown !== undefined || formats.length === 0) throw new UsageError(`unknown format "${unknown ?? value}": use jats, html, pdf`)
  return formats as OutputFormat[]
}
