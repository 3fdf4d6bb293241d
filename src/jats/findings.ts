/**
 * DTD problems of generated JATS, as findings. A problem in an element made
 * from the manuscript is reported where the manuscript has that element's
 * Markdown (with the generated file's line in the message); any other stays
 * in a vfile for the generated file. PubMed Central's style rules are
 * warnings in the manuscript's file.
 */
import { VFile } from 'vfile'
import type { Root } from 'xast'
import { error, warn } from '../diagnostics/messages.ts'
import { pmcStyleProblems } from './pmc-style.ts'
import { markdownPositionAt } from './positions.ts'
import type { JatsProblem } from './validate.ts'

/** The emitted tree the XML was serialized from, and the manuscript's file for findings placed in it. */
export interface JatsSource {
  root: Root
  manuscript: VFile
}

/**
 * `problems` are `validateJats(xml, displayPath)`'s, in-process or from the
 * validator thread (./validate-thread.ts): this module never loads libxml2.
 */
export function jatsFindings(xml: string, displayPath: string, problems: readonly JatsProblem[], source?: JatsSource): VFile {
  const file = new VFile({ path: displayPath, value: xml })
  for (const problem of problems) {
    const reason = `Generated JATS is not valid against the JATS 1.3 DTD: ${problem.message}`
    const bug = '(this is a Galley bug or a template fault: please report it with the manuscript)'
    const place = source && problem.line > 0 ? markdownPositionAt(source.root, xml, problem.line, problem.message) : undefined
    if (source && place) {
      error(source.manuscript, `${reason} (at ${displayPath}:${problem.line}:${problem.column || 1}, made from this Markdown; ${bug.slice(1)}`, place, 'jats-invalid')
    } else {
      error(file, `${reason} ${bug}`, { line: problem.line, column: problem.column || 1 }, 'jats-invalid')
    }
  }
  if (source) {
    for (const problem of pmcStyleProblems(source.root)) warn(source.manuscript, problem.message, problem.position ?? { line: 1, column: 1 }, 'pmc-style')
  }
  return file
}
