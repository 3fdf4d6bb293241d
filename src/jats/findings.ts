/** DTD problems of generated JATS, as findings in a vfile for the generated file. */
import { VFile } from 'vfile'
import { error } from '../diagnostics/messages.ts'
import { validateJats } from './validate.ts'

export function jatsFindings(xml: string, displayPath: string): VFile {
  const file = new VFile({ path: displayPath, value: xml })
  for (const problem of validateJats(xml, displayPath)) {
    const reason = `Generated JATS is not valid against the JATS 1.3 DTD: ${problem.message} (this is a Galley bug or a template fault: please report it with the manuscript)`
    error(file, reason, { line: problem.line, column: problem.column || 1 }, 'jats-invalid')
  }
  return file
}
