/**
 * Numbers cited works in order of first citation, once, for every output.
 * Unknown keys are errors at the citation; works never cited are warnings
 * at their entry in the bibliography file.
 */
import type { VFile } from 'vfile'
import { didYouMean, error, warn } from '../diagnostics/messages.ts'
import type { CitationUse } from '../transform/citations.ts'
import type { Bibliography } from './bibliography.ts'

/** Keys in order of first citation. */
export function numberCitations(uses: readonly CitationUse[], bibliography: Bibliography, file: VFile): string[] {
  const order: string[] = []
  const known = [...bibliography.entries.keys()]
  const inDocumentOrder = [...uses].sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column)
  for (const use of inDocumentOrder) {
    const { key } = use.item
    if (!bibliography.entries.has(key)) {
      const where = bibliography.files.length ? '' : ' (the front matter names no `bibliography:` file)'
      error(file, `Unknown citation key "${key}"${didYouMean(key, known)}${where}`, { start: use.start, end: use.end }, 'citation-unknown')
      continue
    }
    if (!order.includes(key)) order.push(key)
    use.item.number = order.indexOf(key) + 1
  }
  for (const [key, entry] of bibliography.entries) {
    if (!order.includes(key)) warn(entry.file, `Reference "${key}" is never cited: cite it or remove it from the bibliography`, entry.place, 'citation-uncited')
  }
  return order
}
