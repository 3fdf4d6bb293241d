/**
 * Findings, one line each, as remark's reporter prints them but with the
 * file on every line so a terminal or editor can jump to it:
 *   manuscript/letter.md:12:5  error  Unknown citation key "x"  citation-unknown
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

export interface ReportOptions {
  color?: boolean
  /** Leave warnings out. */
  quiet?: boolean
}

export interface Finding {
  file: string
  line: number | null
  column: number | null
  severity: 'error' | 'warning'
  message: string
  ruleId: string | null
}

export function findings(files: readonly VFile[]): Finding[] {
  return files.flatMap((file) => [...file.messages].sort(byPlace).map((message) => ({
    file: file.path ?? '<stdin>',
    line: message.line ?? null,
    column: message.column ?? null,
    severity: message.fatal ? 'error' as const : 'warning' as const,
    message: message.reason,
    ruleId: message.ruleId ?? null,
  })))
}

export function reportText(files: readonly VFile[], options: ReportOptions = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[39m` : text)
  const all = findings(files)
  const shown = options.quiet ? all.filter((finding) => finding.severity === 'error') : all
  const lines = shown.map((finding) => {
    const place = `${finding.file}${finding.line ? `:${finding.line}:${finding.column ?? 1}` : ''}`
    const severity = finding.severity === 'error' ? paint(31, 'error') : paint(33, 'warning')
    return `${place}  ${severity}  ${finding.message}${finding.ruleId ? `  ${paint(2, finding.ruleId)}` : ''}`
  })
  const errors = all.filter((finding) => finding.severity === 'error').length
  const warnings = all.length - errors
  if (errors || warnings) {
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
    const summary = [errors && count(errors, 'error'), warnings && count(warnings, 'warning')].filter(Boolean).join(', ')
    lines.push(`${errors ? paint(31, '✖') : paint(33, '⚠')} ${summary}`)
  }
  return lines.join('\n')
}

export function reportJson(files: readonly VFile[]): string {
  return JSON.stringify(findings(files), null, 2)
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
}
