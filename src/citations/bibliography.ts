/**
 * Bibliography files (BibTeX or CSL-JSON) → CSL items keyed by citation key,
 * read through citation-js. Each entry remembers where it was written, so
 * findings about it point into the bibliography file.
 */
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { Point } from 'unist'
import { VFile } from 'vfile'
import { cachedOnDisk, packageVersions } from '../cache/disk.ts'
import { requireLater } from '../cache/require-later.ts'
import { location } from 'vfile-location'
import { displayPath, error, type Place } from '../diagnostics/messages.ts'
import { readableText } from '../parse/unprintable.ts'
import { containedFile, MAX_BIBLIOGRAPHY_BYTES, readContained } from '../prepare/contained.ts'
import type { CslItem } from '../types.ts'
import { ContentMemo } from './memo.ts'

export interface BibliographyEntry {
  /** As citation-js gives it: what the CSL processor formats. */
  csl: CslItem
  file: VFile
  place: Point
}

export interface Bibliography {
  entries: Map<string, BibliographyEntry>
  /** One vfile per bibliography file, carrying its findings. */
  files: VFile[]
}

/** Where the manuscript names its bibliography: files must lie in `folder`; findings about the naming go to `file` at `place`. */
export interface NamedBy {
  folder: string
  file?: VFile
  place?: Place
}

export function loadBibliography(paths: readonly string[], cwd: string, namedBy: NamedBy): Bibliography {
  const bibliography: Bibliography = { entries: new Map(), files: [] }
  for (const absolute of paths) {
    const file = new VFile({ path: displayPath(absolute, cwd), cwd })
    bibliography.files.push(file)
    const contained = containedFile(absolute, [namedBy.folder], MAX_BIBLIOGRAPHY_BYTES)
    if (!contained.ok && contained.missing) {
      error(file, `Bibliography file not found: ${absolute} (check \`bibliography:\` in the front matter)`, undefined, 'bibliography-missing')
      continue
    }
    // Refused before a byte is read: the error can never echo what the file holds.
    const bytes = contained.ok ? readContained(contained.path, MAX_BIBLIOGRAPHY_BYTES) : undefined
    if (!contained.ok || !bytes) {
      const reason = contained.ok ? 'changed while being read' : contained.reason
      error(namedBy.file ?? file, `Bibliography ${absolute} ${reason}`, namedBy.place, contained.ok ? 'file-not-regular' : contained.rule)
      continue
    }
    file.value = readableText(bytes.toString('utf8'), file)
    // A file that did not parse is parsed again, so its findings are reported again.
    const items = parsed.get(`${absolute}\n${file.value}`, () => parse(file, absolute), () => file.messages.length === 0)
    const places = keyPlaces(String(file.value), /\.json$/i.test(absolute))
    for (const item of items) {
      const key = String(item.id)
      const place = places.get(key)?.shift() ?? { line: 1, column: 1 }
      const earlier = bibliography.entries.get(key)
      if (earlier) {
        error(file, `Duplicate citation key "${key}" (first defined at ${earlier.file.path}:${earlier.place.line}:${earlier.place.column}): rename one of them`, place, 'bibliography-duplicate-key')
        continue
      }
      bibliography.entries.set(key, { csl: item, file, place })
    }
  }
  return bibliography
}

const BIBTEX_PARSER = packageVersions('@citation-js/core', '@citation-js/plugin-bibtex')

/** CSL items by file path and content. */
const parsed = new ContentMemo<CslItem[]>(32)

function parse(file: VFile, absolute: string): CslItem[] {
  const text = String(file.value)
  try {
    if (/\.json$/i.test(absolute)) {
      const data = JSON.parse(text)
      return (Array.isArray(data) ? data : [data]) as CslItem[]
    }
    if (!/\.(bib|bibtex)$/i.test(absolute)) {
      error(file, 'Unknown bibliography format: use a .bib (BibTeX) or .json (CSL-JSON) file', undefined, 'bibliography-format')
      return []
    }
    // Kept on disk by content, like the processor's entries (format.ts): a cold check then reads
    // the items rather than parsing BibTeX.
    return cachedOnDisk('bibtex-items', JSON.stringify([BIBTEX_PARSER, text]),
      () => {
        // Registers citation-js's BibTeX parser: loaded (its lexers built) only when it is needed.
        requireLater('@citation-js/plugin-bibtex')
        return plugins.input.chain(text, { target: '@csl/list+object', generateGraph: false }) as CslItem[]
      })
  } catch (cause) {
    const message = (cause as Error).message
    const at = /line (\d+) col(?:umn)? (\d+)/.exec(message) ?? /position (\d+)/.exec(message)
    const place = at?.length === 3 ? { line: Number(at[1]), column: Number(at[2]) } : at ? pointAt(text, Number(at[1])) : undefined
    error(file, `Bibliography does not parse: ${message.split('\n')[0]}`, place, 'bibliography-parse')
    return []
  }
}

/** Where each key is defined, in file order (a key defined twice has two places). */
function keyPlaces(text: string, json: boolean): Map<string, Point[]> {
  const pattern = json ? /"id"\s*:\s*"([^"]+)"/g : /@\w+\s*[{(]\s*([^,\s]+)\s*,/g
  const places = new Map<string, Point[]>()
  // One index of line starts for the file, not a scan from its start for every key (quadratic in its size).
  const { toPoint } = location(text)
  for (const match of text.matchAll(pattern)) {
    const { line, column } = toPoint(match.index! + match[0].indexOf(match[1]))!
    const known = places.get(match[1])
    if (known) known.push({ line, column })
    else places.set(match[1], [{ line, column }])
  }
  return places
}

function pointAt(text: string, offset: number): Point | undefined {
  return location(text).toPoint(offset)
}
