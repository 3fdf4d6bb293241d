/**
 * Rebuild every output whenever the manuscript or a file its build read
 * changes. One build at a time; a burst of file events (an editor's write,
 * rename and chmod) becomes one build. Tests and the benchmark drive this
 * directly; `galley watch` adds printing and the preview server.
 */
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import type { Browser } from 'puppeteer-core'
import { VFile } from 'vfile'
import { prepareArticle, type Prepared } from '../prepare/article.ts'
import { buildOutputs } from '../outputs/build.ts'
import { reportFailure } from '../diagnostics/messages.ts'
import { closeBrowser, warmBrowser } from '../pdf/warm.ts'
import { FORMATS, OUTPUTS, type Emitted, type OutputFormat } from '../outputs/registry.ts'
import { diffSources, isInside, sourcesOf, type Sources } from './sources.ts'

export interface WatchOptions {
  manuscript: string
  outDir: string
  formats: readonly OutputFormat[]
  /** Template name or folder; overrides the front matter. */
  template?: string
  cwd?: string
  /**
   * Quiet time after the last file event before building (default 20 ms): an editor's
   * save (write, or write and rename) is one burst of events well inside it, and every
   * millisecond here is one the preview waits.
   */
  debounceMs?: number
  /** Defaults to the process's warm browser; the caller closes it. */
  browser?: () => Promise<Browser>
}

export interface BuildEvent {
  /** 0 for the build at start, then 1, 2, … */
  seq: number
  ok: boolean
  /** Absolute paths whose change caused the build; empty at start. */
  changed: string[]
  /** Files written, relative to the output folder; empty when the build failed. */
  written: string[]
  /** The outputs among them, one per format: letter.xml, letter.html. */
  outputs: string[]
  /** Milliseconds per stage: prepare, then buildOutputs' stages. */
  timings: Array<[stage: string, ms: number]>
  totalMs: number
  startedAt: Date
  /** Files carrying findings: manuscript, template, bibliography, generated JATS. */
  files: VFile[]
}

/** The preview page of a build, emitted as soon as it is made and checked, before the outputs after it (the PDF). */
export interface PageEvent {
  /** The build's `seq`; its build event follows. */
  seq: number
  /** Absolute paths whose change caused the build. */
  changed: string[]
  /** The page as it will be written, e.g. letter.html. */
  html: string
}

export interface Watcher {
  /** The build at start, resolved once its sources are being watched. */
  ready: Promise<BuildEvent>
  on(event: 'build', listener: (build: BuildEvent) => void): this
  on(event: 'page', listener: (page: PageEvent) => void): this
  off(event: 'build', listener: (build: BuildEvent) => void): this
  off(event: 'page', listener: (page: PageEvent) => void): this
  /** The next build to finish (subscribe before making the change). */
  nextBuild(): Promise<BuildEvent>
  /** What is watched now. */
  sources(): Sources
  /** Stop watching; waits for a build in progress. Does not close the browser. */
  close(): Promise<void>
}

const PREVIEW_PAGE = FORMATS.find((format) => OUTPUTS[format].preview === 'page')

// Editors' swap, backup and temporary files inside a watched folder.
const EDITOR_LITTER = /^\.|~$|\.sw[a-p]$|^4913$|\.tmp$/i

/**
 * chokidar drops a path's change event that comes within 50 ms of the one before
 * (and emits nothing after the window), so a save made that soon after another, or
 * during a quick build, would be missed. Every event is followed by a second look
 * at the file once the window has passed: changed since the event, it builds again.
 */
const CHOKIDAR_CHANGE_WINDOW_MS = 50
const RECHECK_AFTER_MS = CHOKIDAR_CHANGE_WINDOW_MS + 15

/** What a file looked like: a change to any part means it was written (or replaced, or removed). */
function stamp(file: string): string {
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : 'missing'
}

export function createWatcher(options: WatchOptions): Watcher {
  const cwd = options.cwd ?? process.cwd()
  const manuscript = path.resolve(cwd, options.manuscript)
  const outDir = path.resolve(cwd, options.outDir)
  const debounceMs = options.debounceMs ?? 20
  const emitter = new EventEmitter() as EventEmitter & Watcher
  let sources: Sources = { files: [], folders: [] }
  let fsWatcher: FSWatcher | undefined
  let seq = 0
  let closed = false
  let timer: NodeJS.Timeout | undefined
  let building: Promise<unknown> | undefined
  const pending = new Set<string>()
  const rechecks = new Set<NodeJS.Timeout>()

  let stop: () => void = () => {}
  const stopped = new Promise<void>((resolve) => (stop = resolve))

  const build = async (changed: string[]): Promise<BuildEvent> => {
    const startedAt = new Date()
    const started = performance.now()
    const event: BuildEvent = { seq: seq++, ok: false, changed, written: [], outputs: [], timings: [], totalMs: 0, startedAt, files: [] }
    let prepared: Prepared | undefined
    try {
      prepared = prepareArticle(options.manuscript, { template: options.template, cwd })
      event.timings.push(['prepare', performance.now() - started])
      event.files = prepared.files
      if (prepared.article) {
        const onEmitted = (format: OutputFormat, emitted: Emitted, kept: boolean) => {
          if (kept && OUTPUTS[format].preview === 'page') emitter.emit('page', { seq: event.seq, changed, html: String(emitted.content) } satisfies PageEvent)
        }
        const result = await buildOutputs(prepared.article, { outDir, formats: options.formats, browser: options.browser ?? warmBrowser, onEmitted, first: PREVIEW_PAGE })
        event.timings.push(...result.timings)
        event.files = [...prepared.files, ...result.files]
        event.ok = result.ok
        if (result.ok) [event.written, event.outputs] = [result.written, result.outputs]
      }
    } catch (cause) {
      // A crash in an emitter or the browser is a finding too: watching goes on.
      const file = new VFile({ path: path.relative(cwd, manuscript), cwd })
      reportFailure(file, cause)
      event.files = [...event.files, file]
    }
    event.totalMs = performance.now() - started
    const withManuscript = { ...sources, files: [...new Set([manuscript, ...sources.files])].sort() }
    await watchSources(prepared ? sourcesOf(prepared, manuscript, sources) : withManuscript, startedAt.getTime())
    return event
  }

  /**
   * A changed set gets a fresh chokidar watcher, swapped in once it is ready
   * (chokidar's add() gives no way to know when a path is watched).
   */
  const watchSources = async (next: Sources, since: number) => {
    const { added, removed } = diffSources(sources, next)
    sources = next
    if (closed || (fsWatcher && added.length === 0 && removed.length === 0)) return
    const roots = new Set([...next.files, ...next.folders])
    const fresh = watch([...roots], {
      ignoreInitial: true,
      ignored: (file) => !roots.has(file) && (isInside(file, outDir) || EDITOR_LITTER.test(path.basename(file))),
    })
    fresh.on('all', (_event, file) => onFileEvent(file))
    fresh.on('error', () => {}) // an unreadable folder must not end the session; the next event retries
    await Promise.race([new Promise<void>((resolve) => fresh.once('ready', () => resolve())), stopped])
    const old = fsWatcher
    fsWatcher = fresh
    await old?.close()
    if (closed) return void (await fresh.close())
    // Edits made while the build ran, to files no watcher was watching yet.
    for (const file of next.files) {
      if ((fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > since) onFileEvent(file)
    }
  }

  const isSource = (file: string) => sources.files.includes(file) || sources.folders.some((folder) => isInside(file, folder))

  const onFileEvent = (file: string) => {
    if (!queue(file)) return
    const seen = stamp(file)
    const recheck = setTimeout(() => {
      rechecks.delete(recheck)
      if (stamp(file) !== seen) queue(file)
    }, RECHECK_AFTER_MS)
    rechecks.add(recheck)
  }

  const queue = (file: string): boolean => {
    const absolute = path.resolve(cwd, file)
    if (closed || !isSource(absolute)) return false
    pending.add(absolute)
    clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void drain()
    }, debounceMs)
    return true
  }

  // Builds until no change is pending; changes made during a build wait for the next.
  const drain = async () => {
    if (building || closed) return
    const run = (async () => {
      while (pending.size > 0 && !timer && !closed) {
        const changed = [...pending].sort()
        pending.clear()
        emitter.emit('build', await build(changed))
      }
    })()
    building = run
    try {
      await run
    } finally {
      building = undefined
    }
  }

  // Deferred so the caller can subscribe and print before the (synchronous) prepare stage blocks.
  const firstBuild = new Promise((resolve) => setImmediate(resolve)).then(() => build([]))
  const ready = firstBuild.then((first) => {
    if (!closed) emitter.emit('build', first)
    return first
  })

  return Object.assign(emitter, {
    ready,
    nextBuild: () => new Promise<BuildEvent>((resolve) => emitter.once('build', resolve)),
    sources: () => sources,
    async close() {
      closed = true
      stop()
      clearTimeout(timer)
      for (const pendingRecheck of rechecks) clearTimeout(pendingRecheck)
      await Promise.allSettled([firstBuild, building])
      await fsWatcher?.close()
    },
  })
}
