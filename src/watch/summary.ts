/**
 * The one line a rebuild prints:
 *   12:04:31 letter.md changed → letter.xml 41 ms, letter.html 35 ms, letter.pdf 612 ms (total 702 ms)
 */
import path from 'node:path'
import { findings } from '../cli/report.ts'
import { buildPlan, formatOfOutput, type OutputFormat } from '../outputs/registry.ts'
import type { BuildEvent } from './watcher.ts'

export interface SummaryOptions {
  color: boolean
  cwd: string
  /** Changed files inside it are named relative to it (letter.md, figures/x.png). */
  manuscriptDir: string
}

export function buildLine(event: BuildEvent, options: SummaryOptions): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text)
  const what = event.seq === 0 ? 'first build' : `${changedNames(event.changed, options)} changed`
  const head = `${paint(2, clock(event.startedAt))} ${what} →`
  if (!event.ok) {
    const errors = findings(event.files).filter((finding) => finding.severity === 'error').length
    return `${head} ${paint(31, `failed (${plural(errors, 'error')})`)}; previous outputs kept`
  }
  // Every output's name ends in its format's extension: buildOutputs named it.
  const formats = event.outputs.map((name) => formatOfOutput(name)!)
  const parts = event.outputs.map((name, i) => `${paint(32, name)} ${ms(msFor(formats[i], formats, event.timings))}`)
  return `${head} ${parts.join(', ') || 'nothing written'} (total ${ms(event.totalMs)})`
}

/**
 * An output's own stages, and those of what it needs, however indirectly, and was
 * not asked for (without HTML output the page is still made, for the PDF, and the
 * PDF for a MECA package), each counted once, towards the first output needing it;
 * prepare and write belong to all.
 */
function msFor(format: OutputFormat, built: readonly OutputFormat[], timings: BuildEvent['timings']): number {
  const earlier = new Set(buildPlan(built.slice(0, built.indexOf(format))).map(({ entry }) => entry.format))
  const stages = buildPlan([format])
    .filter(({ entry }) => entry.format === format || (!built.includes(entry.format) && !earlier.has(entry.format)))
    .flatMap(({ entry }) => entry.stages)
  return timings.filter(([stage]) => stages.includes(stage)).reduce((sum, [, time]) => sum + time, 0)
}

/** --verbose: the findings count, the stages and every file written. */
export function verboseLines(event: BuildEvent): string {
  const all = findings(event.files)
  const errors = all.filter((finding) => finding.severity === 'error').length
  return [
    `  findings: ${plural(errors, 'error')}, ${plural(all.length - errors, 'warning')}`,
    `  stages: ${event.timings.map(([stage, time]) => `${stage} ${ms(time)}`).join(', ')}`,
    ...(event.ok ? [`  files: ${event.written.join(', ')}`] : []),
  ].join('\n')
}

function changedNames(changed: readonly string[], options: SummaryOptions): string {
  const names = changed.map((file) => {
    const inside = path.relative(options.manuscriptDir, file)
    if (!inside.startsWith('..') && !path.isAbsolute(inside)) return inside
    const relative = path.relative(options.cwd, file)
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
  })
  return names.length > 3 ? `${names.slice(0, 2).join(', ')} and ${names.length - 2} more` : names.join(', ')
}

function clock(date: Date): string {
  return date.toTimeString().slice(0, 8)
}

function ms(value: number): string {
  return `${Math.round(value)} ms`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
