/**
 * `galley refs`: resolves the identifiers a manuscript needs into
 * `references.lock.json`, refreshes them (`--update`), or compares the
 * bibliography with them (`--check`). Also the step `galley build` runs
 * first, when online, for identifiers the lock does not have yet.
 */
import path from 'node:path'
import { error, hasErrors } from '../diagnostics/messages.ts'
import { DEFAULT_MANUSCRIPT, parseOptions, type Io } from '../cli/options.ts'
import { reportText } from '../cli/report.ts'
import { recordChanges } from './changes.ts'
import { checkEntry } from './check.ts'
import { collectIdentifiers, type Collected, type Wanted } from './collect.ts'
import { LOCK_NAME, writeLock, type LockEntry } from './lock.ts'
import { resolveIdentifiers, type ResolveOptions } from './resolve.ts'

export const REFS_HELP = `Usage: galley refs [manuscript.md] [options]

Resolves the works cited by identifier ([@doi:10.…], [@pmid:…], [@pmcid:PMC…])
and the bibliography entries that carry only a DOI or PMID, and records them in
${LOCK_NAME} beside the manuscript (commit it). Builds read that file and
never the network.

Options:
  --update           Resolve every identifier again and show what changed, field by field
  --check            Compare each bibliography entry that has a DOI or PMID with
                     the record it resolves to (title, first author, year, journal,
                     volume, pages); exit status 1 on any difference
  --offline          Use the lock file only (the default when CI is set)
  --quiet            Print errors only
  --help             This help

Settings: GALLEY_DOI_URL (default https://doi.org), GALLEY_PUBMED_URL
(default https://api.ncbi.nlm.nih.gov/lit/ctxp/v1), GALLEY_REFS_TIMEOUT (ms per request, default 20000).`

/** CI=true (or any value but "false" and "0") means no network unless asked otherwise. */
export function offlineByDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0'
}

export async function refsCommand(argv: string[], io: Io, options: ResolveOptions = {}): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    update: { type: 'boolean' },
    check: { type: 'boolean' },
    offline: { type: 'boolean' },
    quiet: { type: 'boolean' },
  })
  if (values.help) return io.out(REFS_HELP), 0
  const manuscript = positionals[0] ?? DEFAULT_MANUSCRIPT
  const offline = Boolean(values.offline) || offlineByDefault()
  const collected = collectIdentifiers(manuscript, process.cwd())
  const wanted = collected.wanted.filter((want) => values.check || want.need === 'build')
  if (values.update) collected.lock.file.messages = []
  const report = () => {
    const text = reportText(collected.files, { color: io.color, quiet: Boolean(values.quiet) })
    if (text) io.err(text)
  }
  if (hasErrors(collected.files)) return report(), 1

  const result = await lockIdentifiers(collected, wanted, { ...options, offline, update: Boolean(values.update), tty: !values.quiet && Boolean(process.stderr.isTTY) })
  if (values.update && !values.quiet) {
    for (const [id, lines] of result.changes) io.out(lines.length ? [id, ...lines.map((line) => `  ${line}`)].join('\n') : `${id}: unchanged`)
  }
  let differences = 0
  if (values.check && !hasErrors(collected.files)) {
    for (const want of wanted) {
      const record = result.entries.get(want.identifier.id)
      if (want.entry && want.need === 'check' && record) differences += checkEntry(want.entry.key, want.entry.entry, want.identifier, record.csl)
    }
  }
  report()
  const failed = hasErrors(collected.files)
  if (!values.quiet) {
    const lockPath = path.relative(process.cwd(), collected.lock.absolute) || LOCK_NAME
    const count = new Set(wanted.map((want) => want.identifier.id)).size
    const summary = failed
      ? `${lockPath} is unchanged`
      : `${count} identifier${count === 1 ? '' : 's'}, ${result.resolved} resolved${offline ? ' (offline)' : ''}; ${result.written ? `wrote ${lockPath}` : `${lockPath} is up to date`}`
    io.err(`galley refs: ${summary}${values.check ? `; ${differences} difference${differences === 1 ? '' : 's'} with the bibliography` : ''}`)
  }
  return failed || differences > 0 ? 1 : 0
}

interface LockOptions extends ResolveOptions {
  offline: boolean
  update?: boolean
  /** Draw a progress line on the terminal. */
  tty?: boolean
}

interface LockResult {
  entries: Map<string, LockEntry>
  resolved: number
  written: boolean
  changes: Map<string, string[]>
}

/**
 * Resolves what `wanted` needs (all of it with `update`, else what the lock
 * lacks) and writes the lock, only if every request succeeded. Faults and,
 * offline, missing records are errors where the identifier was written.
 */
export async function lockIdentifiers(collected: Collected, wanted: readonly Wanted[], options: LockOptions): Promise<LockResult> {
  const { lock } = collected
  const entries = new Map(lock.entries)
  const result: LockResult = { entries, resolved: 0, written: false, changes: new Map() }
  const firstUse = new Map<string, Wanted>()
  for (const want of wanted) if (!firstUse.has(want.identifier.id)) firstUse.set(want.identifier.id, want)
  const pending = [...firstUse.values()].filter((want) => options.update || !entries.has(want.identifier.id))
  if (pending.length && options.offline) {
    for (const want of pending) {
      error(want.file, `${want.identifier.id} has no record in ${LOCK_NAME} and Galley is offline${offlineByDefault() ? ' (CI is set)' : ''}: run \`galley refs\` where the network is reachable, and commit the lock file`, want.place, 'reference-unresolved')
    }
    return result
  }
  const progress = options.tty ? (done: number, total: number, identifier: { id: string }) => {
    process.stderr.write(`\r\x1b[2Kresolving ${done}/${total} ${identifier.id}${done === total ? '\r\x1b[2K' : ''}`)
  } : undefined
  const resolutions = await resolveIdentifiers(pending.map((want) => want.identifier), { ...options, onDone: options.onDone ?? progress })
  for (const want of pending) {
    const resolution = resolutions.get(want.identifier.id)!
    if ('fault' in resolution) error(want.file, resolution.fault.message, want.place, resolution.fault.rule)
  }
  if (hasErrors(collected.files)) return { ...result, entries: new Map(lock.entries) }
  for (const want of pending) {
    const { entry } = resolutions.get(want.identifier.id) as { entry: LockEntry }
    const before = entries.get(want.identifier.id)
    // An unchanged record keeps its date, so that refreshing changes no bytes.
    if (before && before.sha256 === entry.sha256) {
      result.changes.set(want.identifier.id, [])
      continue
    }
    if (before) result.changes.set(want.identifier.id, recordChanges(before.csl, entry.csl))
    entries.set(want.identifier.id, entry)
    result.resolved++
  }
  // Records nothing in the manuscript or its bibliography names any more are dropped.
  const named = new Set(collected.wanted.map((want) => want.identifier.id))
  for (const id of entries.keys()) if (!named.has(id)) entries.delete(id)
  result.written = writeLock(lock.absolute, entries)
  return result
}

/** For a build, online: resolve what the lock lacks. False when that failed (the findings are printed). */
export async function lockForBuild(manuscript: string, io: Io): Promise<boolean> {
  const collected = collectIdentifiers(manuscript, process.cwd())
  const needed = collected.wanted.filter((want) => want.need === 'build' && !collected.lock.entries.has(want.identifier.id))
  // With nothing to resolve, the build itself reports what is wrong.
  if (needed.length === 0 || hasErrors(collected.files)) return true
  io.err(`galley build: resolving ${needed.length} identifier${needed.length === 1 ? '' : 's'} missing from ${LOCK_NAME}`)
  await lockIdentifiers(collected, needed, { offline: false, tty: Boolean(process.stderr.isTTY) })
  if (!hasErrors(collected.files)) return true
  io.err(reportText(collected.files, { color: io.color }))
  io.err(`galley build: ${manuscript} has errors; nothing was written (previous outputs are unchanged)`)
  return false
}
