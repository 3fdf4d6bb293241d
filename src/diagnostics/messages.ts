/**
 * Findings are vfile messages: a place, a reason, a rule id and a severity,
 * reported the way remark's reporter does. A fatal message is an error that
 * stops the build; any other is a warning.
 */
import path from 'node:path'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { ErrorRule, WarningRule } from './rules.ts'

export type Place = Point | Position | undefined

export function error(file: VFile, reason: string, place: Place, ruleId: ErrorRule): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'galley' })
  message.fatal = true
  return message
}

export function warn(file: VFile, reason: string, place: Place, ruleId: WarningRule): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'galley' })
  message.fatal = false
  return message
}

/** A node an emitter has no handler for: it keeps the node's text, and says so where the manuscript has it. */
export function warnUnsupportedNode(file: VFile, node: { type: string; position?: Position }, output: 'JATS' | 'HTML'): VFileMessage {
  return warn(file,
    `${output} has no handler for a \`${node.type}\` node: its text is kept, its markup is lost (a Galley gap: please report it with the manuscript)`,
    node.position, 'node-unsupported')
}

/** An exception no stage turned into a finding, with the stage it happened in: Galley's fault, never the author's. */
export class StageFailure extends Error {
  constructor(readonly stage: string, readonly cause: unknown, readonly place?: Place) {
    super((cause as Error)?.message ?? String(cause))
  }
}

/** The last resort: any exception becomes a build-failed finding naming its stage and asking for a report. */
export function reportFailure(file: VFile, cause: unknown, stage = 'build'): VFileMessage {
  const failure = cause instanceof StageFailure ? cause : undefined
  const message = String((failure ?? (cause as Error))?.message ?? cause).split('\n')[0]
  // With no line to blame, the finding points at the manuscript's start, so that it still has a place.
  return error(file, `Build failed in the ${failure?.stage ?? stage} stage: ${message}. If the manuscript is not at fault, please report this to Galley with the manuscript`, failure?.place ?? { line: 1, column: 1 }, 'build-failed')
}

export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = closest(word, candidates)
  return suggestion ? ` (did you mean "${suggestion}"?)` : ''
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    previous = current
  }
  return previous[b.length]
}

/** How findings name a file: relative to where galley runs when inside it, else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute
}
