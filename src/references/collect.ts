/**
 * Which identifiers a manuscript needs resolved, and where each was written:
 * works cited by identifier, bibliography entries that carry only an
 * identifier (both needed to build), and the DOI or PMID of every other
 * entry (needed by `galley refs --check`). Reads the manuscript as the build
 * does, up to its citations and bibliography; nothing else is checked here.
 */
import path from 'node:path'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { loadBibliography, type Bibliography, type BibliographyEntry } from '../citations/bibliography.ts'
import { error, hasErrors } from '../diagnostics/messages.ts'
import { readMetadata } from '../metadata/front-matter.ts'
import { readFrontMatter } from '../parse/front-matter.ts'
import { parseMarkdown } from '../parse/markdown.ts'
import { readManuscript } from '../prepare/article.ts'
import { readCitations } from '../prepare/citations.ts'
import { transformFigures } from '../transform/figures.ts'
import { entryIdentifier, isIdentifierOnly } from './apply.ts'
import { readIdentifierKey, type Identifier } from './identifier.ts'
import { lockPathFor, readLock, type Lock } from './lock.ts'

export interface Wanted {
  identifier: Identifier
  /** Where to report a fault: the first citation, or the entry in the bibliography. */
  file: VFile
  place: Position | { line: number; column: number }
  /** `build`: the outputs need it; `check`: only `--check` compares with it. */
  need: 'build' | 'check'
  /** The bibliography entry it belongs to, if any. */
  entry?: { key: string; entry: BibliographyEntry }
}

export interface Collected {
  /** The manuscript, its bibliography files and the lock: where findings go. */
  files: VFile[]
  lock: Lock
  bibliography: Bibliography
  wanted: Wanted[]
}

const ABOUT_CITATIONS = /^(manuscript-|front-matter-yaml|bibliography-|citation-syntax|reference-|file-)/

export function collectIdentifiers(manuscript: string, cwd: string): Collected {
  const file = readManuscript(manuscript, cwd)
  const lock = readLock(lockPathFor(path.resolve(cwd, manuscript)), cwd)
  const collected: Collected = { files: [file, lock.file], lock, bibliography: { entries: new Map(), files: [] }, wanted: [] }
  if (hasErrors([file])) return collected
  const tree = parseMarkdown(file)
  const frontMatter = readFrontMatter(tree, file)
  if (!frontMatter || hasErrors([file])) return collected
  // Front matter that does not read (a wrong type, say) names no bibliography to trust: its findings stand.
  const meta = readMetadata(frontMatter, file)?.meta
  if (!meta) return collected
  tree.children = tree.children.filter((node) => node.type !== 'yaml')
  // As the build reads it: figures first, so that citations in captions count.
  transformFigures(tree, file)
  const { cited, nocite } = readCitations(tree, meta, frontMatter, file)
  const bibliography = loadBibliography(meta.bibliography, cwd, { folder: path.dirname(path.resolve(cwd, manuscript)), file })
  collected.bibliography = bibliography
  collected.files.push(...bibliography.files)

  const seen = new Set<string>()
  for (const item of [...cited, ...nocite.items]) {
    const { key } = item
    if (bibliography.entries.has(key) || seen.has(key)) continue
    seen.add(key)
    const read = readIdentifierKey(key)
    const place = item.position ?? { line: 1, column: 1 }
    if (read && 'problem' in read) error(file, `Cannot cite @${key}: ${read.problem}`, place, 'reference-identifier')
    else if (read) collected.wanted.push({ identifier: read.identifier, file, place, need: 'build' })
  }
  for (const [key, entry] of bibliography.entries) {
    const read = entryIdentifier(entry.csl)
    if (!read) continue
    if ('problem' in read) {
      error(entry.file, `Reference "${key}": ${read.problem}`, entry.place, 'reference-identifier')
      continue
    }
    collected.wanted.push({ identifier: read.identifier, file: entry.file, place: entry.place, need: isIdentifierOnly(entry) ? 'build' : 'check', entry: { key, entry } })
  }
  // Findings about the rest of the manuscript are `galley check`'s to report.
  for (const vfile of [file, ...bibliography.files]) vfile.messages = vfile.messages.filter((message) => ABOUT_CITATIONS.test(message.ruleId ?? ''))
  return collected
}
