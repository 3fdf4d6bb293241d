/**
 * Finding and launching the Chrome/Chromium that prints Galley's PDFs.
 * Launching is separate from rendering so watch mode can keep one browser warm.
 */
import type { ChildProcess } from 'node:child_process'
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs'
import { ownedTempDir, release } from '../outputs/leftovers.ts'
import { homedir, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { Browser as BrowserName, Cache, detectBrowserPlatform } from '@puppeteer/browsers'
import puppeteer, { type Browser } from 'puppeteer-core'

export type BrowserSource = 'explicit' | 'environment' | 'puppeteer-cache' | 'system'

export interface FoundBrowser {
  path: string
  source: BrowserSource
}

export interface BrowserOptions {
  /** Use this executable instead of searching. */
  executablePath?: string
}

export interface LaunchOptions extends BrowserOptions {
  /** Milliseconds to wait for the browser to start (default 30 s). */
  timeout?: number
}

const NOT_FOUND =
  'No Chrome or Chromium found for the PDF. Install one (Debian/Ubuntu: sudo apt-get install chromium; ' +
  'macOS: install Google Chrome), or set GALLEY_BROWSER=/path/to/chrome.'

/** Explicit option, then environment, then Puppeteer's download cache, then the system's browsers. */
export function findBrowser(options: BrowserOptions = {}): FoundBrowser {
  if (options.executablePath) return { path: mustExist(options.executablePath, 'executablePath'), source: 'explicit' }
  for (const name of ['GALLEY_BROWSER', 'PUPPETEER_EXECUTABLE_PATH']) {
    const value = process.env[name]
    if (value) return { path: mustExist(value, name), source: 'environment' }
  }
  const cached = findInPuppeteerCache()
  if (cached) return { path: cached, source: 'puppeteer-cache' }
  const system = systemCandidates().find(isExecutable)
  if (system) return { path: system, source: 'system' }
  throw new Error(NOT_FOUND)
}

function mustExist(path: string, origin: string): string {
  if (!isExecutable(path)) throw new Error(`Browser for the PDF not found: ${origin} is "${path}", which is not an executable file.`)
  return path
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false
    // Windows has no execute bit; existence is all we can check there.
    if (process.platform !== 'win32') accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** A browser that `npx puppeteer browsers install` put in Puppeteer's cache: chrome first, newest build first. */
function findInPuppeteerCache(): string | undefined {
  const cacheDir = process.env.PUPPETEER_CACHE_DIR || join(homedir(), '.cache', 'puppeteer')
  const platform = detectBrowserPlatform()
  const preference = [BrowserName.CHROME, BrowserName.CHROMEHEADLESSSHELL]
  let installed
  try {
    // Cache#getInstalledBrowsers is the synchronous core of @puppeteer/browsers' getInstalledBrowsers().
    installed = new Cache(cacheDir).getInstalledBrowsers()
  } catch {
    return undefined // unreadable cache: fall through to the system browser
  }
  const best = installed
    .filter((b) => preference.includes(b.browser) && b.platform === platform && isExecutable(b.executablePath))
    .sort((a, b) =>
      preference.indexOf(a.browser) - preference.indexOf(b.browser) || compareBuilds(b.buildId, a.buildId),
    )[0]
  return best?.executablePath
}

/** Numeric order of Chrome build ids like 131.0.6778.85 (Puppeteer's own comparator wants semver). */
function compareBuilds(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] || 0) - (pb[i] || 0)
    if (diff) return diff
  }
  return 0
}

function systemCandidates(): string[] {
  const onPath = (names: string[]) =>
    (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => names.map((n) => join(dir, n)))
  if (process.platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
      ...onPath(['chromium', 'google-chrome']),
    ]
  }
  if (process.platform === 'win32') {
    const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA]
    return [
      ...roots.filter((r): r is string => !!r).flatMap((r) => [
        join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(r, 'Chromium', 'Application', 'chrome.exe'),
      ]),
      ...onPath(['chrome.exe', 'chromium.exe']),
    ]
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    ...onPath(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']),
  ]
}

const ARGS = [
  '--no-sandbox', // root in containers/CI; we only ever load local files with JS off
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none', // glyph positions must not depend on the host's hinting settings
  '--disable-quic',
  '--disable-extensions',
]

/**
 * Start a headless browser with a throw-away profile. `browser.close()` is idempotent, kills the
 * process if a graceful close fails, and removes the profile; a crashed browser cleans up too.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { path } = findBrowser(options)
  // Removed on close, on any exit or signal; a profile left by a killed run is removed by the next launch.
  let child: ChildProcess | null = null
  // On an exit by signal the profile goes after the browser: Puppeteer kills one still being
  // launched when its signal aborts.
  const launching = new AbortController()
  const userDataDir = ownedTempDir(tmpdir(), 'galley-chromium-', {
    stop: () => {
      launching.abort()
      killProcessGroup(child)
    },
    stopStale: killBrowsersOf,
  })
  const removeProfile = () => release(userDataDir)

  let browser: Browser
  try {
    browser = await puppeteer.launch({
      executablePath: path,
      // chrome-headless-shell only speaks the old headless mode.
      headless: path.includes('chrome-headless-shell') ? 'shell' : true,
      userDataDir,
      args: ARGS,
      pipe: true, // no DevTools port on localhost
      // Callers own the signals (watch mode closes the browser itself); Puppeteer's
      // SIGINT handler would exit the process before their cleanup. Its exit hook stays.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: options.timeout ?? 30_000,
      signal: launching.signal,
    })
  } catch (error) {
    removeProfile()
    throw new Error(`Could not start the browser for the PDF (${path}): ${(error as Error).message}`, { cause: error })
  }

  const gracefulClose = browser.close.bind(browser)
  child = browser.process()
  let closing: Promise<void> | undefined
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      try {
        // A hung browser never answers Browser.close (Puppeteer would wait its 180 s protocol timeout).
        await Promise.race([gracefulClose(), delay(GRACEFUL_CLOSE_MS).then(() => { throw new Error('no answer') })])
      } catch {
        // Killed below.
      } finally {
        // Always, and the whole group: Puppeteer kills only a browser whose main process still
        // lives; Chromium's other processes normally follow a dead parent, and this makes sure.
        killProcessGroup(child)
        removeProfile()
      }
    })())
  browser.close = close
  // A crash or a killed process disconnects without close(); reap and clean up all the same.
  browser.once('disconnected', () => void close())
  return browser
}

const GRACEFUL_CLOSE_MS = 5000

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/** Kills a browser at once, every process it started included, and cleans up after it. */
export async function killBrowser(browser: Browser): Promise<void> {
  killProcessGroup(browser.process())
  await browser.close()
}

/**
 * The browser a killed run left writing into its profile: it outlives its parent a moment (it
 * ends when its end of the pipe closes), and the next run, which starts its own browser at
 * once, would find the profile still being written. Found by its command line (Linux's /proc;
 * elsewhere the next run after that removes the profile).
 */
function killBrowsersOf(profile: string): void {
  if (process.platform !== 'linux') return
  const flag = `--user-data-dir=${profile}\0`
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(flag)) process.kill(Number(pid), 'SIGKILL')
    } catch {
      // Gone, or not ours to read.
    }
  }
}

/**
 * Puppeteer starts the browser as the leader of its own process group
 * (`detached`), so the group's id is its pid and one signal reaches every
 * process it forked. Where there are no groups, the main process only.
 */
function killProcessGroup(child: ChildProcess | null): void {
  if (!child?.pid) return
  try {
    if (process.platform === 'win32') child.kill('SIGKILL')
    else process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}
